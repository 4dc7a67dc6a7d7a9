export type Language = 'en' | 'zh';

/** Chinese when the text has any CJK ideograph, English otherwise. */
export function detectLanguage(text: string): Language {
  return /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en';
}
