import { translateChinese } from '../../commerce/text-match.js';
import type { OrderView } from '../../tools/order-view.js';
import type { VariantView } from '../../tools/results.js';

type Item = OrderView['items'][number];

/** Colours written with one character ("换成黑的"), which the shared glossary leaves alone. */
const ONE_CHARACTER_COLOURS: readonly (readonly [RegExp, string])[] = [
  [/黑(?!色)/g, ' black '],
  [/白(?!色)/g, ' white '],
  [/红(?!色)/g, ' red '],
  [/蓝(?!色)/g, ' blue '],
  [/绿(?!色)/g, ' green '],
  [/灰(?!色)/g, ' grey '],
];

/** The customer's words, lower case and in English where the glossary knows the Chinese. */
function wordsOf(text: string): string {
  let out = translateChinese(text);
  for (const [pattern, english] of ONE_CHARACTER_COLOURS) out = out.replace(pattern, english);
  return ` ${out.toLowerCase().replace(/\bgray\b/g, 'grey')} `;
}

/** Whether `value` ("1TB", "black", "full size") is said in `words` as a whole word or phrase. */
function says(words: string, value: string): boolean {
  const escaped = value.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}([^a-z0-9]|$)`).test(words);
}

/**
 * The item of an order a customer means: the one whose name or option values they say ("the
 * blue one", "the keyboard"), else the only one, else the first that has other variants.
 */
export function itemMeant(text: string, items: readonly Item[]): Item | undefined {
  const words = wordsOf(text);
  const score = (item: Item) =>
    item.name
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 2 && says(words, w)).length +
    Object.values(item.options).filter((v) => says(words, v)).length;
  const ranked = [...items].sort((a, b) => score(b) - score(a));
  return ranked[0];
}

/**
 * The variant the customer asks for instead of `item`: the option values they name replace
 * the item's own (an option whose current value they name too is the one they are leaving),
 * the rest stay. Null when they name no other value, or no available variant has them.
 */
export function variantWanted(
  text: string,
  item: Item,
  variants: readonly VariantView[],
): VariantView | null {
  const words = wordsOf(text);
  const wanted = new Map<string, string>();
  for (const variant of variants) {
    for (const [name, value] of Object.entries(variant.options)) {
      if (value === item.options[name] || !says(words, value)) continue;
      // The longest value named wins ("full size" over "size").
      if ((wanted.get(name)?.length ?? 0) < value.length) wanted.set(name, value);
    }
  }
  if (wanted.size === 0) return null;
  const target = { ...item.options, ...Object.fromEntries(wanted) };
  const matches = (v: VariantView) =>
    v.sku !== item.sku &&
    v.available &&
    [...wanted].every(([name, value]) => v.options[name] === value);
  const sameOtherwise = (v: VariantView) =>
    Object.entries(target).filter(([name, value]) => v.options[name] === value).length;
  const candidates = variants.filter(matches).sort((a, b) => sameOtherwise(b) - sameOtherwise(a));
  return candidates[0] ?? null;
}
