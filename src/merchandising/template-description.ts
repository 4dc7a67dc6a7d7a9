import type { ProductFacts } from '../domain/description-draft.js';

const humanName = (key: string) => key.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');

function list(values: string[]): string {
  if (values.length <= 2) return values.join(' and ');
  return `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`;
}

/**
 * A description from the product's own data only, for when no LLM is configured: nothing is
 * claimed that the catalog does not say. Facts about what customers asked (a size, a colour,
 * an attribute they named) come first.
 */
export function templateDescription(facts: ProductFacts): string {
  const askedText = facts.asked.map((a) => a.term).join(' ');
  const kind = (facts.subcategory ?? facts.category).toLowerCase();
  const sentences: string[] = [
    `The ${facts.name} by ${facts.brand} is a ${kind}${facts.tags.length ? ` for ${list(facts.tags.slice(0, 3))}` : ''}.`,
  ];
  const attributes = Object.entries(facts.attributes).sort(
    ([a], [b]) =>
      Number(askedText.includes(b.toLowerCase())) - Number(askedText.includes(a.toLowerCase())),
  );
  for (const [name, value] of attributes.slice(0, 6))
    sentences.push(
      value === 'yes'
        ? `It is ${humanName(name)}.`
        : `${humanName(name).replace(/^./, (c) => c.toUpperCase())}: ${value}.`,
    );
  const options = Object.entries(facts.options).filter(([, values]) => values.length > 0);
  for (const [name, values] of options)
    sentences.push(`Available in ${values.length > 1 ? `${name}s` : name} ${list(values)}.`);
  sentences.push(`Price: ${facts.price}.`);
  return sentences.join(' ');
}
