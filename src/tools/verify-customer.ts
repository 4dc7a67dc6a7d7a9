import { createHash } from 'node:crypto';
import { z } from 'zod';
import { VERIFY_PER_CLIENT, VERIFY_PER_EMAIL } from '../domain/attempt-limit.js';
import { type Customer, firstNameOf, normaliseName } from '../domain/retail.js';
import type { VerifyFactor } from '../domain/retail-policy.js';
import { defineTool, normaliseOrderNumber, type ToolDeps } from './define-tool.js';

/** Counter keys never hold an e-mail address itself. */
const hashed = (text: string) => createHash('sha256').update(text).digest('base64url');
const normaliseEmail = (email: string) => email.trim().toLowerCase();

interface Claim {
  email?: string;
  orderNumber?: string;
  name?: string;
  postalCode?: string;
}

const FACTOR_WORDS: Record<VerifyFactor, string> = {
  'email+order': 'their email address and the number of one of their orders',
  email: 'their email address',
  'name+zip': 'their first and last name and the zip code of their default address',
};

function describeFactors(factors: readonly VerifyFactor[]): string {
  return factors.map((f) => FACTOR_WORDS[f]).join(', or ');
}

function hasFactor(factor: VerifyFactor, claim: Claim): boolean {
  switch (factor) {
    case 'email+order':
      return Boolean(claim.email && claim.orderNumber);
    case 'email':
      return Boolean(claim.email);
    case 'name+zip':
      return Boolean(claim.name && claim.postalCode);
  }
}

/** Whether a second verification claims the conversation's own customer. */
function claimsToBe(customer: Customer, claim: Claim): boolean {
  if (claim.email) return normaliseEmail(customer.email) === normaliseEmail(claim.email);
  return Boolean(claim.name) && normaliseName(customer.name) === normaliseName(claim.name ?? '');
}

/** The customer the claim proves, or null when it proves none. */
async function findClaimed(
  deps: Pick<ToolDeps, 'ports'>,
  factor: VerifyFactor,
  claim: Claim,
): Promise<Customer | null> {
  const { commerce } = deps.ports;
  if (factor === 'name+zip')
    return commerce.customerByNameAndPostalCode(claim.name ?? '', claim.postalCode ?? '');
  const customer = await commerce.customerByEmail(claim.email ?? '');
  if (!customer || factor === 'email') return customer;
  const order = await commerce.orderOf(
    customer.customerId,
    normaliseOrderNumber(claim.orderNumber ?? ''),
  );
  return order ? customer : null;
}

export function createVerifyCustomerTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'verify_customer',
      description: `Verify who the customer is from ${describeFactors(deps.retail.verifyWith)}. Use it when they give them; needed before anything about their orders or profile.`,
      schema: z.object({
        email: z.string().max(320).optional().describe('the email address on their account'),
        orderNumber: z
          .string()
          .max(64)
          .optional()
          .describe('one of their order numbers, e.g. NW-100123'),
        name: z.string().max(200).optional().describe('their first and last name'),
        postalCode: z
          .string()
          .max(20)
          .optional()
          .describe('the postal (zip) code of their default address'),
      }),
      async run(args, context) {
        const { conversations, commerce, platformIdentities, profiles, attempts, auditLog } =
          deps.ports;
        const conversation = await conversations.findById(context.conversationId);
        if (!conversation) throw new Error(`conversation ${context.conversationId} is missing`);
        const now = deps.now();
        // One customer per conversation: whoever verified it first stays its customer.
        if (conversation.customerId) {
          const current = await commerce.customer(conversation.customerId);
          if (current && claimsToBe(current, args)) {
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
        const factor = deps.retail.verifyWith.find((f) => hasFactor(f, args));
        if (!factor) {
          return {
            error: 'verification_incomplete',
            suggestion: `Ask for ${describeFactors(deps.retail.verifyWith)}.`,
          };
        }
        // Counted by the account claimed (its e-mail, or its name: guesses at the zip code
        // of one name add up), so spreading guesses over sessions does not help.
        const claimed = args.email ? normaliseEmail(args.email) : normaliseName(args.name ?? '');
        const verdict = await attempts.take(
          [
            { key: `verify:email:${hashed(claimed)}`, policy: VERIFY_PER_EMAIL },
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
        const customer = await findClaimed(deps, factor, args);
        if (!customer) {
          // Never say which part was wrong: that would let anyone test emails.
          return {
            error: 'verification_failed',
            suggestion: `Say those details do not match an account (${describeFactors([factor])}), and ask them to check.`,
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
