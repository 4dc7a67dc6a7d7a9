/**
 * Splits a reply into pieces no longer than `limit` characters, cutting between paragraphs,
 * then lines, sentences and words before cutting a word, so each piece reads on its own.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const cut = bestCut(window, limit);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function bestCut(window: string, limit: number): number {
  // A cut in the first half would leave a piece too short to be worth its own message.
  const floor = Math.floor(limit / 2);
  for (const separator of ['\n\n', '\n', '. ', '。', ' ']) {
    const at = window.lastIndexOf(separator, limit - separator.length);
    if (at >= floor) return at + separator.length;
  }
  // Never between the two halves of a surrogate pair (an emoji, a rare CJK character).
  const code = window.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
