import { terms } from '../commerce/text-match.js';

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;

/**
 * Words for the content index, in English and Chinese: the catalog's own terms (Chinese
 * shopping words mapped to the English ones they mean), plus character bigrams of any Chinese
 * text, so a catalog written in Chinese matches a Chinese request too.
 */
export function contentTokens(text: string): string[] {
  const tokens = terms(text);
  for (const [run] of text.matchAll(CJK_RUN)) {
    if (run.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2));
  }
  return tokens;
}
