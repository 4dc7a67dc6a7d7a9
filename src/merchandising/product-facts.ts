import type { ProductFacts } from '../domain/description-draft.js';
import type { CounterTree } from '../domain/insights.js';
import { formatMoney } from '../domain/money.js';
import type { AttributeValue, Product } from '../domain/retail.js';

/** Below this many words a description is thin: the list of products to write for. */
export const THIN_DESCRIPTION_WORDS = 25;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function attributeText(value: AttributeValue): string {
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** Every option name with the values the product's variants come in. */
function optionsOf(product: Product): Record<string, string[]> {
  const options: Record<string, string[]> = {};
  for (const variant of product.variants)
    for (const [name, value] of Object.entries(variant.options)) {
      const values = options[name] ?? [];
      if (!values.includes(value)) values.push(value);
      options[name] = values;
    }
  return options;
}

/**
 * What customers asked about a product in a period's term counters (unmet demand and
 * unanswered questions): the terms that name it.
 */
export function askedAbout(
  product: Product,
  terms: CounterTree,
): { term: string; count: number }[] {
  const name = product.name.toLowerCase();
  const found = new Map<string, number>();
  const visit = (tree: CounterTree) => {
    for (const [term, value] of Object.entries(tree)) {
      if (typeof value !== 'number') visit(value);
      else if (term.includes(name)) found.set(term, (found.get(term) ?? 0) + value);
    }
  };
  visit(terms);
  return [...found]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 8);
}

export function productFacts(
  product: Product,
  asked: { term: string; count: number }[],
): ProductFacts {
  return {
    name: product.name,
    brand: product.brand,
    category: product.category,
    subcategory: product.subcategory,
    price: formatMoney(product.priceCents, product.currency),
    attributes: Object.fromEntries(
      Object.entries(product.attributes).map(([k, v]) => [k, attributeText(v)]),
    ),
    options: optionsOf(product),
    tags: product.tags,
    asked,
  };
}
