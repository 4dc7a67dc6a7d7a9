import { translateChinese } from '../../commerce/text-match.js';

/** Facts pulled out of a customer's message, in English or Chinese. */

/**
 * An order number: a prefix and digits (`NW-100123`), or a `#` and an id of three or more
 * characters with a digit (so not a rank, "#1"), as
 * Shopify (`#1001`) and τ²-bench's shop (`#W2378156`) write them, `#` kept.
 */
export function orderNumberIn(text: string): string | undefined {
  const prefixed = /\b(?!SKU-)([A-Z]{2,5}-[A-Z0-9]*\d[A-Z0-9-]*)\b/i.exec(text);
  if (prefixed?.[1]) return prefixed[1].toUpperCase();
  const hashed = /(?:^|[^\w&])(#[A-Z]{0,3}\d[A-Z0-9]{2,})\b/i.exec(text);
  return hashed?.[1]?.toUpperCase();
}

export function emailIn(text: string): string | undefined {
  return /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i.exec(text)?.[0].toLowerCase();
}

export interface PriceRange {
  min?: number;
  max?: number;
}

/** "under $120", "below 80 dollars", "$50-$100", "120元以下", "不超过200", "200以内", "over $100". */
export function priceRangeIn(text: string): PriceRange {
  const between =
    /(?:between\s*)?\$\s*(\d+(?:\.\d+)?)\s*(?:-|to|and)\s*\$?\s*(\d+(?:\.\d+)?)/i.exec(text);
  if (between) return { min: Number(between[1]), max: Number(between[2]) };
  const under =
    /(?:under|below|less than|cheaper than|up to|max(?:imum)?|<)\s*\$?\s*(\d+(?:\.\d+)?)/i.exec(
      text,
    );
  if (under) return { max: Number(under[1]) };
  const zhUnder =
    /(?:不超过|低于|少于)\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*(?:元|块|美元|刀)?\s*(?:以下|以内|之内)/.exec(
      text,
    );
  if (zhUnder) return { max: Number(zhUnder[1] ?? zhUnder[2]) };
  const over =
    /(?:over|above|more than|at least)\s*\$?\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*(?:元|美元)?\s*以上/i.exec(
      text,
    );
  if (over) return { min: Number(over[1] ?? over[2]) };
  return {};
}

const SIZE =
  /\b(?:size|sz|in a|in)\s*(3[6-9]|4[0-8]|XXL|XL|XS|S|M|L)\b|(?:尺码|码数|穿)\s*(3[6-9]|4[0-8]|XXL|XL|XS|S|M|L)|(3[6-9]|4[0-8])\s*码/i;

export function sizeIn(text: string): string | undefined {
  const match = SIZE.exec(text);
  const size = match?.[1] ?? match?.[2] ?? match?.[3];
  return size?.toUpperCase();
}

const COLOURS = [
  'black',
  'brown',
  'grey',
  'gray',
  'olive',
  'blue',
  'navy',
  'red',
  'green',
  'yellow',
  'white',
  'sand',
  'orange',
  'teal',
  'purple',
  'charcoal',
  'rust',
  'tortoise',
  'crystal',
  'mustard',
  'burgundy',
  'heather',
];

export function colourIn(text: string): string | undefined {
  const words = translateChinese(text).toLowerCase();
  const found = COLOURS.find((colour) => new RegExp(`\\b${colour}\\b`).test(words));
  return found === 'gray' ? 'grey' : found;
}

const LOCATIONS: readonly (readonly [RegExp, string])[] = [
  [/seattle|西雅图/i, 'store-seattle'],
  [/portland|波特兰/i, 'store-portland'],
  [/denver|丹佛/i, 'store-denver'],
  [/\bonline\b|网店|线上/i, 'online'],
];

export function locationIn(text: string): string | undefined {
  return LOCATIONS.find(([pattern]) => pattern.test(text))?.[1];
}

export interface AddressParts {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/**
 * "12 Pine Rd, Boise, ID 83702" or "986 Sunset Drive, Suite 259, Denver, CO 80279" (US style,
 * as the demo shop ships within the US), anywhere in the message. An order number before it
 * ("#1007 to 77 Lakeview Dr", "NW-100123 to ...") is not its house number.
 */
export function addressIn(text: string): AddressParts | undefined {
  const match =
    /(?<![-\w#])(\d+\s+[^,\n，]+)[,，]\s*(?:((?:apt|apartment|suite|ste|unit|floor|fl|room|#)\.?\s*[^,\n，]*)[,，]\s*)?([^,\n，]+)[,，]\s*([A-Z]{2})\s+(\d{5})/i.exec(
      text,
    );
  if (!match) return undefined;
  const [, line1 = '', line2, city = '', region = '', postalCode = ''] = match;
  return {
    line1: line1.trim(),
    line2: line2?.trim() || null,
    city: city.trim(),
    region: region.toUpperCase(),
    postalCode,
    country: 'US',
  };
}

/** What is left of a stock question once the framing words are gone: the product's name. */
export function productPhraseIn(text: string): string {
  return translateChinese(text)
    .replace(SIZE, ' ')
    .replace(
      /\b(is|are|the|a|an|do|does|you|have|has|any|in stock|stock|available|availability|still|left|at|store|online|colou?r|size|please|can|i|get|there|of|it|them|this|that|check|whether|if)\b/gi,
      ' ',
    )
    .replace(/seattle|portland|denver|有货|库存|还有|吗|有没有|现在/gi, ' ')
    .replace(new RegExp(`\\b(${COLOURS.join('|')})\\b`, 'gi'), ' ')
    .replace(/[?？!！.,，。]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A stated shoe or clothing size, "my size is 42", "I wear M", "我穿42码". */
export function statedSizes(text: string): { shoeSize?: string; apparelSize?: string } {
  const match =
    /(?:my (?:shoe |clothing )?size is|i wear(?: a)?(?: size)?|i'?m a size|我穿|我的尺码是?)\s*(3[6-9]|4[0-8]|XXL|XL|XS|S|M|L)\b/i.exec(
      text,
    );
  const size = match?.[1]?.toUpperCase();
  if (!size) return {};
  return /^\d+$/.test(size) ? { shoeSize: size } : { apparelSize: size };
}
