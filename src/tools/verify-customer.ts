import { z } from 'zod';
import { firstNameOf } from '../domain/retail.js';
import { defineTool, normaliseOrderNumber, type ToolDeps } from './define-tool.js';

const MAX_ATTEMPTS = 5;
const WINDOW_MS = 15 * 60_000;

export function createVerifyCustomerTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'verify_customer',
      description:
        'Verify who the customer is from their email address and the number of one of their orders. ' +
        'Use it when they give both; needed before anything about their orders or profile.',
      schema: z.object({
        email: z.string().describe('the email address on their account'),
        orderNumber: z.string().describe('one of their order numbers, e.g. NW-100123'),
      }),
      async run({ email, orderNumber }, context) {
        const { conversations, commerce, platformIdentities, profiles } = deps.ports;
        const conversation = await conversations.findById(context.conversationId);
        if (!conversation) throw new Error(`conversation ${context.conversationId} is missing`);
        const now = deps.now();
        const fresh = now.getTime() - conversation.verifyAttempts.windowStart.getTime() > WINDOW_MS;
        const attempts = fresh ? { count: 0, windowStart: now } : conversation.verifyAttempts;
        if (attempts.count >= MAX_ATTEMPTS) {
          return {
            error: 'too_many_attempts',
            suggestion: 'Ask them to try again in 15 minutes, or offer a person.',
          };
        }
        await conversations.setVerifyAttempts(context.conversationId, {
          ...attempts,
          count: attempts.count + 1,
        });
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
