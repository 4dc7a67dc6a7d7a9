/** Splits a list for queries and writes that must stay within one server message. */
export function* chunks<T>(items: readonly T[], size = 1000): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
