import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import {
  type DescriptionDrafting,
  type DraftError,
  MAX_DESCRIPTION_CHARS,
} from '../merchandising/description-drafts.js';
import { staffOf } from './auth.js';

const productParams = z.object({ productId: z.string().min(1).max(200) });
const draftParams = z.object({ draftId: z.uuid() });
const textBody = z.object({
  text: z
    .string()
    .trim()
    .min(20, 'the description is too short')
    .max(MAX_DESCRIPTION_CHARS, 'the description is too long'),
});

const STATUS: Record<DraftError, number> = {
  not_found: 404,
  product_gone: 404,
  finished: 409,
  not_supported: 409,
};

export interface ProductRouteOptions {
  drafting: DescriptionDrafting;
  adminOnly: preHandlerAsyncHookHandler;
}

/**
 * Product descriptions in the console, for admins: the products with thin descriptions, a
 * draft for one (by the LLM when configured, a template otherwise), edited, then approved
 * (which changes the catalog) or discarded. Every step is audited.
 */
export function registerProductRoutes(app: FastifyInstance, options: ProductRouteOptions): void {
  const { drafting, adminOnly } = options;
  const bad = (message: string | undefined) => ({ error: 'invalid_request', detail: message });

  app.get('/api/console/products/thin', { preHandler: adminOnly }, async () => ({
    products: await drafting.thinProducts(50),
  }));

  app.get('/api/console/product-drafts', { preHandler: adminOnly }, async () => ({
    drafts: await drafting.openDrafts(50),
  }));

  app.post(
    '/api/console/products/:productId/drafts',
    { preHandler: adminOnly },
    async (request, reply) => {
      const params = productParams.safeParse(request.params);
      if (!params.success) return reply.code(400).send(bad(params.error.issues[0]?.message));
      const draft = await drafting.draft(params.data.productId, staffOf(request));
      if (!draft) return reply.code(404).send({ error: 'not_found' });
      return reply.code(201).send({ draft });
    },
  );

  app.put(
    '/api/console/product-drafts/:draftId',
    { preHandler: adminOnly },
    async (request, reply) => {
      const params = draftParams.safeParse(request.params);
      const body = textBody.safeParse(request.body);
      if (!params.success) return reply.code(400).send(bad(params.error.issues[0]?.message));
      if (!body.success) return reply.code(400).send(bad(body.error.issues[0]?.message));
      const error = await drafting.edit(params.data.draftId, body.data.text, staffOf(request));
      if (error) return reply.code(STATUS[error]).send({ error });
      return { ok: true };
    },
  );

  app.post(
    '/api/console/product-drafts/:draftId/approve',
    { preHandler: adminOnly },
    async (request, reply) => {
      const params = draftParams.safeParse(request.params);
      const body = textBody.safeParse(request.body);
      if (!params.success) return reply.code(400).send(bad(params.error.issues[0]?.message));
      if (!body.success) return reply.code(400).send(bad(body.error.issues[0]?.message));
      const refused = await drafting.approve(params.data.draftId, body.data.text, staffOf(request));
      if (refused) return reply.code(STATUS[refused.error]).send(refused);
      return { ok: true };
    },
  );

  app.post(
    '/api/console/product-drafts/:draftId/discard',
    { preHandler: adminOnly },
    async (request, reply) => {
      const params = draftParams.safeParse(request.params);
      if (!params.success) return reply.code(400).send(bad(params.error.issues[0]?.message));
      const error = await drafting.discard(params.data.draftId, staffOf(request));
      if (error) return reply.code(STATUS[error]).send({ error });
      return { ok: true };
    },
  );
}
