import { z } from 'zod';
import { optionValue } from '../domain/retail.js';
import { stockAlertId } from '../domain/stock-alert.js';
import { detectLanguage } from '../language/detect.js';
import { defineTool, type ToolDeps } from './define-tool.js';
import { variantOptions } from './product-cards.js';

export function createNotifyWhenBackTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'notify_when_back_in_stock',
      description:
        'The customer wants a message here when an out-of-stock product (optionally a size or ' +
        'colour) is back. Without a product, the one they last found out of stock. One message, ' +
        'once, on this channel.',
      schema: z.object({
        product: z.string().optional().describe('name, product id or SKU'),
        size: z.string().optional(),
        colour: z.string().optional(),
      }),
      async run(args, context) {
        const { conversations, commerce, stockAlerts } = deps.ports;
        const conversation = await conversations.findById(context.conversationId);
        // The turn's own conversation: missing only if the store lost it (a temporary problem).
        if (!conversation) throw new Error(`conversation ${context.conversationId} not found`);
        const remembered = conversation.lastOutOfStock ?? null;
        const product = args.product
          ? await commerce.catalog.resolve(args.product)
          : remembered
            ? await commerce.catalog.byId(remembered.productId)
            : null;
        if (!product)
          return { error: 'product_not_found', suggestion: 'Ask which product they mean.' };
        const wanted = Object.entries({
          ...(args.size ? { size: args.size } : {}),
          ...(args.colour ? { colour: args.colour } : {}),
        });
        const fromMemory = !args.product && remembered?.productId === product.productId;
        const variants = wanted.length
          ? product.variants.filter((v) =>
              wanted.every(
                ([name, value]) =>
                  optionValue(v.options, name)?.toLowerCase() === value.trim().toLowerCase(),
              ),
            )
          : product.variants;
        if (variants.length === 0)
          return {
            error: 'no_such_variant',
            product: product.name,
            options: variantOptions(product),
            suggestion: 'Offer the options it comes in.',
          };
        const sku =
          variants.length === 1
            ? (variants[0]?.sku ?? null)
            : fromMemory
              ? (remembered?.sku ?? null)
              : null;
        const options =
          wanted.map(([, value]) => value.trim()).join(' · ') ||
          (fromMemory ? (remembered?.options ?? null) : null);
        const skus = new Set(sku ? [sku] : variants.map((v) => v.sku));
        const inStock = (await commerce.catalog.stock(product.productId))
          .filter((r) => skus.has(r.sku))
          .reduce((sum, r) => sum + r.quantity, 0);
        if (inStock > 0)
          return {
            error: 'in_stock',
            suggestion: 'Say it is in stock now (check_inventory gives where).',
          };
        const created = await stockAlerts.subscribe({
          alertId: stockAlertId(conversation.conversationId, product.productId, sku),
          conversationId: conversation.conversationId,
          channel: conversation.channel,
          conversationKey: conversation.conversationKey,
          customerId: conversation.customerId,
          productId: product.productId,
          productName: product.name,
          sku,
          options,
          language: detectLanguage(context.customerText),
          status: 'waiting',
          createdAt: deps.now(),
          sentAt: null,
        });
        return { ok: true, product: product.name, options, alreadyWaiting: !created };
      },
    },
    deps,
  );
}
