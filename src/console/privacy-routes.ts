import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import type { Ports } from '../ports/index.js';
import type { DataLifecycle } from '../ports/lifecycle.js';
import { staffOf } from './auth.js';

const customerParams = z.object({ customer: z.string().trim().min(1).max(320) });
/** The customer's id typed again: an erasure cannot be undone. */
const eraseBody = z.object({ confirm: z.string().min(1).max(320) });

export interface PrivacyRouteOptions {
  ports: Pick<Ports, 'auditLog'>;
  lifecycle: DataLifecycle;
  now: () => Date;
  adminOnly: preHandlerAsyncHookHandler;
}

/**
 * A customer's rights over their data, for admins: everything held about them as JSON, and
 * their erasure (confirmed by typing their id). Both are recorded in the audit log.
 */
export function registerPrivacyRoutes(app: FastifyInstance, options: PrivacyRouteOptions): void {
  const { ports, lifecycle, now, adminOnly } = options;

  app.get(
    '/api/console/customers/:customer/export',
    { preHandler: adminOnly },
    async (request, reply) => {
      const params = customerParams.safeParse(request.params);
      if (!params.success) return reply.code(400).send({ error: 'invalid_request' });
      const customerId = await lifecycle.findCustomer(params.data.customer);
      const at = now();
      const exported = customerId ? await lifecycle.exportCustomer(customerId, at) : null;
      if (!customerId || !exported) return reply.code(404).send({ error: 'not_found' });
      await ports.auditLog.append({
        at,
        actor: staffOf(request).username,
        action: 'customer_exported',
        conversationId: null,
        details: { customerId },
      });
      return reply
        .header('content-disposition', `attachment; filename="customer-${customerId}.json"`)
        .send(exported);
    },
  );

  app.post(
    '/api/console/customers/:customer/erase',
    { preHandler: adminOnly },
    async (request, reply) => {
      const params = customerParams.safeParse(request.params);
      const body = eraseBody.safeParse(request.body);
      if (!params.success || !body.success)
        return reply.code(400).send({ error: 'invalid_request' });
      const customerId = await lifecycle.findCustomer(params.data.customer);
      if (!customerId) return reply.code(404).send({ error: 'not_found' });
      if (body.data.confirm !== customerId)
        return reply.code(400).send({ error: 'confirm_with_the_customer_id', customerId });
      const at = now();
      const changed = await lifecycle.eraseCustomer(customerId, at);
      await ports.auditLog.append({
        at,
        actor: staffOf(request).username,
        action: 'customer_erased',
        conversationId: null,
        details: { customerId },
      });
      return { ok: true, customerId, changed };
    },
  );
}
