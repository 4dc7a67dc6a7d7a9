import { createHash } from 'node:crypto';
import { z } from 'zod';
import { VERIFY_PER_CLIENT, VERIFY_PER_EMAIL } from '../domain/attempt-limit.js';
import { firstNameOf } from '../domain/retail.js';
import { defineTool, normaliseOrderNumber, type ToolDeps } from './define-tool.js';

/** Counter keys never hold an e-mail address itself. */
const hashed = (text: string) => createHash('sha256').update(text).digest('base64url');
const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function createVerifyCustomerTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'verify_customer',
      description:
        'Verify who the customer is from their email address and the number of one of their orders. ' +
        'Use it when they give both; needed before anything about their orders or profile.',
      schema: z.object({
        email: z.string().max(320).describe('the email address on their account'),
        orderNumber: z.string().max(64).describe('one of their order numbers, e.g. NW-100123'),
      }),
      async run({ email, orderNumber }, context) {
        const { conversations, commerce, platformIdentities, profiles, attempts, auditLog } =
          deps.ports;
        const conversation = await conversations.findById(context.conversationId);
        if (!conversation) throw new Error(`conversation ${context.conversationId} is missing`);
        const now = deps.now();
        // One customer per conversation: whoever verified it first stays its customer.
        if (conversation.customerId) {
          const current = await commerce.customer(conversation.customerId);
          if (current && normaliseEmail(current.email) === normaliseEmail(email)) {
            const facts = await profiles.facts(current.customerId);
            return { ok: true, firstName: firstNameOf(current), remembered: facts };
          }
          await auditLog.append({
            at: now,
            actor: 'concierge',
            action: 'second_identity_refused',
            conversationId: conversation.conversationId,
            details: { channel: conversation.channel },
          });
          return {
            error: 'already_verified',
            suggestion:
              'Say this conversation is already verified for another account, and that a different account needs a new conversation.',
          };
        }
        const verdict = await attempts.take(
          [
            { key: `verify:email:${hashed(normaliseEmail(email))}`, policy: VERIFY_PER_EMAIL },
            { key: `verify:client:${hashed(context.client)}`, policy: VERIFY_PER_CLIENT },
          ],
          now,
        );
        if (!verdict.allowed) {
          const minutes = Math.max(
            1,
            Math.ceil((verdict.retryAt.getTime() - now.getTime()) / 60_000),
          );
          return {
            error: 'too_many_attempts',
            retryAfterMinutes: minutes,
            suggestion: `Ask them to try again in ${minutes} minutes, or offer a person.`,
          };
        }
        const customer = await commerce.customerByEmail(email);
        const order = customer
          ? await commerce.orderOf(customer.customerId, normaliseOrderNumber(orderNumber))
          : null;
        if (!customer || !order) {
          // Never say which half was wrong: that would let anyone test emails.
          return {
            error: 'verification_failed',
            suggestion:
              'Say the email and order number do not match an account, and ask them to check both.',
          };
        }
        await conversations.setCustomer(context.conversationId, customer.customerId, now);
        // The platform user's other open conversations on this channel are theirs too; new
        // ones are recognised from the link when they start.
        await conversations.setCustomerOfPlatformUser(
          conversation.channel,
          conversation.platformUserId,
          customer.customerId,
          now,
        );
        await platformIdentities.link({
          channel: conversation.channel,
          platformUserId: conversation.platformUserId,
          customerId: customer.customerId,
          linkedAt: now,
        });
        const facts = await profiles.facts(customer.customerId);
        return { ok: true, firstName: firstNameOf(customer), remembered: facts };
      },
    },
    deps,
  );
}
