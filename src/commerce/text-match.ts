/**
 * Turns shopper words (English or Chinese) into catalog terms. The catalog is in English, so
 * Chinese phrases are mapped to the English terms they mean; longest phrase first.
 */
const CHINESE_TERMS: readonly (readonly [string, string])[] = [
  ['太阳镜', 'sunglasses'],
  ['墨镜', 'sunglasses'],
  ['滑雪镜', 'ski goggles'],
  ['眼镜', 'glasses'],
  ['夏天', 'summer'],
  ['夏季', 'summer'],
  ['冬天', 'winter'],
  ['冬季', 'winter'],
  ['春天', 'spring'],
  ['秋天', 'autumn'],
  ['防水', 'waterproof'],
  ['徒步鞋', 'hiking boot'],
  ['登山鞋', 'hiking boot'],
  ['登山靴', 'hiking boot'],
  ['徒步靴', 'hiking boot'],
  ['雪地靴', 'winter boot'],
  ['靴子', 'boot'],
  ['跑鞋', 'trail runner'],
  ['凉鞋', 'sandal'],
  ['鞋', 'shoe'],
  ['袜子', 'sock'],
  ['雨衣', 'rain jacket'],
  ['冲锋衣', 'rain jacket'],
  ['羽绒服', 'down jacket'],
  ['抓绒', 'fleece'],
  ['夹克', 'jacket'],
  ['外套', 'jacket'],
  ['裤子', 'pant'],
  ['短裤', 'shorts'],
  ['T恤', 'tee'],
  ['双肩包', 'daypack'],
  ['背包', 'pack'],
  ['帐篷', 'tent'],
  ['睡袋', 'sleeping bag'],
  ['防潮垫', 'sleeping pad'],
  ['炉', 'stove'],
  ['头灯', 'headlamp'],
  ['咖啡豆', 'coffee bean'],
  ['咖啡', 'coffee'],
  ['磨豆机', 'grinder'],
  ['防晒霜', 'sunscreen'],
  ['防晒', 'sunscreen'],
  ['润唇膏', 'lip balm'],
  ['帽子', 'hat'],
  ['手套', 'gloves'],
  ['水壶', 'water bottle'],
  ['水瓶', 'water bottle'],
  ['瑜伽垫', 'yoga mat'],
  ['登山杖', 'trekking poles'],
  ['能量棒', 'energy bar'],
  ['黑色', 'black'],
  ['灰色', 'grey'],
  ['蓝色', 'blue'],
  ['红色', 'red'],
  ['绿色', 'green'],
  ['棕色', 'brown'],
  ['白色', 'white'],
  ['轻', 'lightweight'],
];

const STOP_WORDS = new Set(
  'a an the for me my any do does you your have has some i want need looking look show find under below over less than more with in on of and or to is are it its please what which that good best get buy can could would like something anything there this these those about around up new one ones'.split(
    ' ',
  ),
);

/** Plural and simple variants to one form: "boots" -> "boot", "glasses" stays. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) {
    return word.slice(0, -1);
  }
  return word;
}

export function translateChinese(text: string): string {
  let out = text;
  for (const [phrase, english] of CHINESE_TERMS) out = out.split(phrase).join(` ${english} `);
  return out;
}

/** Lower-cased, stemmed content words. */
export function terms(text: string): string[] {
  return translateChinese(text)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
    .map(stem);
}

/** Edit distance of at most one, for typos in longer words ("hikng" ~ "hiking"). */
export function nearlyEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** A product's attributes as words; a yes/no flag ("waterproof") counts only when it is set. */
export function attributeWords(attributes: Record<string, unknown>): string {
  return Object.entries(attributes)
    .map(([key, value]) =>
      typeof value === 'boolean' ? (value ? key : '') : `${key} ${String(value)}`,
    )
    .join(' ');
}
