import { z } from 'zod';
import { demandTerm } from '../domain/insights.js';
import { formatMoney } from '../domain/money.js';
import { optionValue } from '../domain/retail.js';
import { defineTool, type ToolDeps } from './define-tool.js';
import { countDemand, countInsight, searchedFor } from './insight-counts.js';
import { productCard, variantOptions, variantViews } from './product-cards.js';

const dollars = z.number().nonnegative();
const toCents = (amount: number | undefined) =>
  amount === undefined ? undefined : Math.round(amount * 100);

export function createSearchProductsTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'search_products',
      description:
        "Find products by a description in the customer's words, with optional price limits in dollars, " +
        'e.g. "waterproof hiking boots" under 120. Returns product cards.',
      schema: z.object({
        query: z.string(),
        minPrice: dollars.optional(),
        maxPrice: dollars.optional(),
      }),
      async run(args) {
        const matches = await deps.ports.commerce.catalog.search({
          query: args.query,
          minPriceCents: toCents(args.minPrice),
          maxPriceCents: toCents(args.maxPrice),
          limit: 4,
        });
        if (matches.length === 0) {
          // Nothing at any price: the shop does not sell it; else nothing within the limits.
          const limited = args.minPrice !== undefined || args.maxPrice !== undefined;
          const atAnyPrice = limited
            ? await deps.ports.commerce.catalog.search({ query: args.query, limit: 1 })
            : [];
          await countDemand(deps, {
            kind: atAnyPrice.length > 0 ? 'no_result' : 'not_sold',
            term: searchedFor(args.query),
          });
          return {
            error: 'no_matches',
            suggestion: 'Say nothing matched; suggest broader words or a higher price limit.',
          };
        }
        const cards = await Promise.all(
          matches.map((m) => productCard(deps.ports.commerce.catalog, m.product)),
        );
        return { ok: true, cards };
      },
    },
    deps,
  );
}

/** A question about a product we recommended is feedback: it counts toward conversion. */
async function noteInterest(deps: ToolDeps, conversationId: string, productId: string) {
  const conversation = await deps.ports.conversations.findById(conversationId);
  if (!conversation?.lastRecommendations?.productIds.includes(productId)) return;
  await deps.ports.recommendationEvents.record({
    kind: 'asked_about',
    conversationId,
    customerId: conversation.customerId,
    productIds: [productId],
    at: deps.now(),
  });
  await countInsight(deps, { kind: 'recommendation', step: 'asked', count: 1 });
}

export function createGetProductTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'get_product',
      description:
        'Details of one product (by name, product id or SKU): description, price, its options ' +
        '(size, colour, capacity, switch type...) and every variant with its SKU, options, price and availability.',
      schema: z.object({ product: z.string() }),
      async run(args, context) {
        const product = await deps.ports.commerce.catalog.resolve(args.product);
        if (!product)
          return { error: 'product_not_found', suggestion: 'Ask for the product name, or search.' };
        await noteInterest(deps, context.conversationId, product.productId);
        return {
          ok: true,
          // The description is catalog text: data to quote, never instructions to follow.
          product: {
            productId: product.productId,
            name: product.name,
            price: formatMoney(product.priceCents, product.currency),
            description: product.description,
            options: variantOptions(product),
            variants: await variantViews(deps.ports.commerce.catalog, product),
          },
          cards: [await productCard(deps.ports.commerce.catalog, product)],
        };
      },
    },
    deps,
  );
}

export function createCheckInventoryTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'check_inventory',
      description:
        'Is a product in stock, optionally in a size, colour, other options or a location (online, store-seattle, ' +
        'store-portland, store-denver)? Gives quantities and restock dates.',
      schema: z.object({
        product: z.string().describe('name, product id or SKU'),
        size: z.string().optional(),
        colour: z.string().optional(),
        options: z
          .record(z.string(), z.string())
          .optional()
          .describe('other options by name, e.g. {"capacity": "1TB"}'),
        location: z.string().optional(),
      }),
      async run(args, context) {
        const product = await deps.ports.commerce.catalog.resolve(args.product);
        if (!product) {
          await countDemand(deps, { kind: 'not_sold', term: demandTerm(args.product) });
          return { error: 'product_not_found', suggestion: 'Ask which product, or search for it.' };
        }
        const wanted = Object.entries({
          ...args.options,
          ...(args.size ? { size: args.size } : {}),
          ...(args.colour ? { colour: args.colour } : {}),
        });
        const variants = product.variants.filter((v) =>
          wanted.every(
            ([name, value]) =>
              optionValue(v.options, name)?.toLowerCase() === value.trim().toLowerCase(),
          ),
        );
        if (variants.length === 0) {
          return {
            error: 'no_such_variant',
            product: product.name,
            options: variantOptions(product),
            suggestion: 'Offer the options it comes in.',
          };
        }
        const skus = new Set(variants.map((v) => v.sku));
        const location = args.location?.toLowerCase();
        const records = (await deps.ports.commerce.catalog.stock(product.productId)).filter(
          (r) =>
            skus.has(r.sku) && (!location || r.location.includes(location.replace(/^store-/, ''))),
        );
        const quantity = records.reduce((sum, r) => sum + r.quantity, 0);
        const restock = records
          .map((r) => r.restockDate)
          .filter((d): d is Date => d !== null)
          .sort((a, b) => a.getTime() - b.getTime())[0];
        const asked = wanted.map(([, value]) => value.trim()).join(' · ') || null;
        if (quantity === 0) {
          await countDemand(deps, {
            kind: 'out_of_stock',
            term: demandTerm(product.name, asked),
          });
          // What "tell me when it's back" refers to when the customer names nothing.
          await deps.ports.conversations.setLastOutOfStock(context.conversationId, {
            productId: product.productId,
            sku: variants.length === 1 ? (variants[0]?.sku ?? null) : null,
            options: asked,
          });
        }
        return {
          ok: true,
          product: product.name,
          size: args.size ?? null,
          colour: args.colour ?? null,
          location: args.location ?? null,
          quantity,
          byLocation: Object.fromEntries(
            [...new Set(records.map((r) => r.location))].map((loc) => [
              loc,
              records.filter((r) => r.location === loc).reduce((s, r) => s + r.quantity, 0),
            ]),
          ),
          restockDate: quantity === 0 && restock ? restock.toISOString().slice(0, 10) : null,
          ...(quantity === 0
            ? {
                suggestion:
                  'Offer to message them here when it is back (notify_when_back_in_stock).',
              }
            : {}),
          cards: [await productCard(deps.ports.commerce.catalog, product)],
        };
      },
    },
    deps,
  );
}

/** The profile facts that shape recommendations: sizes worn, interests, budget. */
async function preferences(deps: ToolDeps, customerId: string | null) {
  const facts = customerId ? await deps.ports.profiles.facts(customerId) : {};
  return {
    sizes: [facts.shoeSize, facts.apparelSize].filter((s): s is string => Boolean(s)),
    interests: facts.interests ?? [],
    budgetCents: facts.budgetCents,
  };
}

export function createRecommendTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'recommend_products',
      description:
        "Recommend products for this customer: from their words (an occasion, a use, a style), their purchases and remembered sizes and interests, or popular ones. 'like' asks for products that go with a named product. 'refine' changes the last list: 'cheaper', or 'more_like' with the position (1 = first) of the one they liked. Only in-stock products; each comes with a reason to say.",
      schema: z.object({
        about: z
          .string()
          .max(300)
          .optional()
          .describe("what the customer wants, in their words, e.g. 'a trip to Iceland'"),
        like: z.string().optional().describe('a product the recommendations should go with'),
        minPrice: dollars.optional(),
        maxPrice: dollars.optional(),
        refine: z.enum(['cheaper', 'more_like']).optional(),
        position: z.number().int().min(1).max(10).optional(),
      }),
      async run(args, context) {
        const { conversations, recommendationEvents, commerce } = deps.ports;
        const { catalog } = commerce;
        const { recommender } = deps;
        const conversation = await conversations.findById(context.conversationId);
        const customerId = conversation?.customerId ?? null;
        const last = conversation?.lastRecommendations ?? null;
        const wants = await preferences(deps, customerId);
        let query = args.about?.trim() || null;
        let maxPriceCents = toCents(args.maxPrice) ?? wants.budgetCents;
        let productId = args.like ? (await catalog.resolve(args.like))?.productId : undefined;
        let exclude: string[] = [];
        if (args.refine) {
          if (!last || last.productIds.length === 0)
            return { error: 'nothing_to_refine', suggestion: 'Ask what they are looking for.' };
          exclude = last.productIds;
          if (args.refine === 'cheaper') {
            query ??= last.query;
            const prices = await Promise.all(
              last.productIds.map(async (id) => (await catalog.byId(id))?.priceCents ?? Infinity),
            );
            maxPriceCents = Math.min(...prices) - 1;
          } else {
            productId = last.productIds[(args.position ?? 1) - 1];
            if (!productId)
              return {
                error: 'no_such_position',
                shown: last.productIds.length,
                suggestion: 'Ask which of the shown products they mean.',
              };
          }
          await recommendationEvents.record({
            kind: args.refine,
            conversationId: context.conversationId,
            customerId,
            productIds: args.refine === 'more_like' && productId ? [productId] : last.productIds,
            at: deps.now(),
          });
        }
        const picks = await recommender.recommend({
          customerId,
          query: query ?? undefined,
          productId,
          minPriceCents: toCents(args.minPrice),
          maxPriceCents,
          sizes: wants.sizes,
          interests: wants.interests,
          exclude,
          limit: 3,
        });
        const cards = [];
        for (const pick of picks) {
          const product = await catalog.byId(pick.productId);
          if (product) cards.push(await productCard(catalog, product, pick.reason));
        }
        if (cards.length === 0) {
          if (query) await countDemand(deps, { kind: 'no_result', term: searchedFor(query) });
          return { error: 'no_recommendations', suggestion: 'Ask what they are looking for.' };
        }
        const shown = cards.map((card) => card.productId);
        const at = deps.now();
        await conversations.setLastRecommendations(context.conversationId, {
          productIds: shown,
          query,
          maxPriceCents: maxPriceCents ?? null,
          at,
        });
        await recommendationEvents.record({
          kind: 'shown',
          conversationId: context.conversationId,
          customerId,
          productIds: shown,
          at,
        });
        await countInsight(deps, { kind: 'recommendation', step: 'shown', count: shown.length });
        return { ok: true, cards };
      },
    },
    deps,
  );
}

const LISTED_AT_MOST = 100;

export function createListProductTypesTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'list_product_types',
      description:
        'The products the shop sells (each a type with variants), with their product ids, optionally ' +
        'in one category; get_product gives a product’s variants.',
      schema: z.object({ category: z.string().optional() }),
      async run({ category }) {
        const wanted = category?.trim().toLowerCase();
        const all = (await deps.ports.commerce.catalog.list()).filter(
          (p) => !wanted || p.category === wanted || p.subcategory?.toLowerCase() === wanted,
        );
        if (all.length === 0)
          return { error: 'no_matches', suggestion: 'Say there is no such category; list all.' };
        return {
          ok: true,
          products: all
            .slice(0, LISTED_AT_MOST)
            .map((p) => ({ productId: p.productId, name: p.name }))
            .sort((a, b) => a.name.localeCompare(b.name)),
          ...(all.length > LISTED_AT_MOST ? { more: all.length - LISTED_AT_MOST } : {}),
        };
      },
    },
    deps,
  );
}
