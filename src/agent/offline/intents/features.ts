/**
 * What the intent classifier sees of a message: words (lightly stemmed, so "cancelling",
 * "cancellation" and "cancel" share a feature), word pairs, character n-grams of each word (so
 * "cancelation", "recieve" and "adress" still look like the words they misspell) and, for
 * Chinese, character uni-, bi- and trigrams (Chinese has no spaces to split words on).
 */

const CJK_RUNS = /[\u3400-\u9fff\uf900-\ufaff]+/g;

/** Order numbers, e-mails, amounts and template slots ("{{Order Number}}") as one token each. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/\{\{\s*([^}]*)\}\}/g, ' $1 ')
    .replace(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g, ' xemail ')
    .replace(/\b[a-z]{2,5}-[a-z0-9]*\d[a-z0-9-]*\b|#[a-z]{0,3}\d[a-z0-9]{2,}/g, ' xorder ')
    .replace(/[$€£¥]\s*\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s*(?:dollars?|usd|eur|元|块)/g, ' xmoney ')
    .replace(/\d+/g, ' xnum ')
    .replace(/[’`]/g, "'");
}

/** "cancelling" → "cancel", "refunds" → "refund", "shipped" → "ship": enough to share features. */
export function stem(word: string): string {
  let w = word.replace(/'/g, '');
  if (w.length > 5 && w.endsWith('ation')) w = w.slice(0, -5);
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('es') && /(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 3 && /([bcdfgklmnprst])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

export function features(text: string): string[] {
  const clean = normalise(text);
  const out = new Set<string>();
  const words =
    clean
      .match(/[a-z']+/g)
      ?.map(stem)
      .filter(Boolean) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    out.add(`w:${w}`);
    if (i + 1 < words.length) out.add(`b:${w}_${words[i + 1]}`);
    if (/^x(email|order|money|num)$/.test(w)) continue;
    const padded = `<${w}>`;
    for (let n = 3; n <= 4; n++)
      for (let j = 0; j + n <= padded.length; j++) out.add(`c:${padded.slice(j, j + n)}`);
  }
  for (const run of clean.match(CJK_RUNS) ?? []) {
    for (let n = 1; n <= 3; n++)
      for (let j = 0; j + n <= run.length; j++) out.add(`z:${run.slice(j, j + n)}`);
  }
  if (out.size === 0) out.add('empty');
  return [...out];
}
