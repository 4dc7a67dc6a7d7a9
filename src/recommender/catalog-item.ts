import { attributeWords } from '../commerce/text-match.js';
import { optionValue, type Product } from '../domain/retail.js';
import type { CatalogItem } from './model.js';

export function catalogItem(product: Product): CatalogItem {
  const sizes = [
    ...new Set(
      product.variants
        .map((v) => optionValue(v.options, 'size'))
        .filter((s): s is string => Boolean(s)),
    ),
  ];
  const attributes = attributeWords(product.attributes);
  return {
    productId: product.productId,
    name: product.name,
    category: product.category,
    subcategory: product.subcategory,
    priceCents: product.priceCents,
    consumable: product.consumable,
    sizes,
    text: [
      product.name,
      product.brand,
      product.category,
      product.subcategory ?? '',
      product.tags.join(' '),
      product.description,
      attributes,
    ].join(' '),
  };
}
