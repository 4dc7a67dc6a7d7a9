import { tool } from 'langchain';
import { z } from 'zod';
import type { Catalog } from '../commerce/catalog.js';
import type { Order } from '../commerce/types.js';
import type { BusinessHours } from '../conversation/business-hours.js';
import type { ConsoleFeed } from '../conversation/console-feed.js';
import type { Logger } from '../logger.js';
import type { Recommender } from '../recommender/recommender.js';
import type { Store } from '../store/store.js';
import type { PolicyBook } from './policy-book.js';

/**
 * What a tool learns about the turn from the server, never from the model: the conversation
 * (whose verified customer is read from MongoDB), the turn, and the customer's own words.
 */
export const turnContextSchema = z.object({
  conversationId: z.string(),
  turnId: z.string(),
  customerText: z.string(),
});
export type TurnContext = z.infer<typeof turnContextSchema>;

/** When a request needs a person rather than the bot. */
export interface HandoffPolicy {
  /** When staff are at work; null means always. */
  businessHours: BusinessHours | null;
  /** Returns worth more than this go to a person. */
  refundApprovalLimitCents: number;
}

export const DEFAULT_HANDOFF_POLICY: HandoffPolicy = {
  businessHours: null,
  refundApprovalLimitCents: 25_000,
};

export interface ToolDeps {
  /** Staff consoles hear about escalations here, when consoles are served. */
  feed?: ConsoleFeed;
  store: Store;
  catalog: Catalog;
  recommender: Recommender;
  policies: PolicyBook;
  handoff: HandoffPolicy;
  logger: Logger;
  now: () => Date;
}

/** A failure the model can act on: what went wrong and what to do next. */
export interface ToolFailure {
  error: string;
  suggestion: string;
}

export type ToolOutput = object;

export interface ToolSpec<S extends z.ZodObject> {
  name: string;
  description: string;
  schema: S;
  run(args: z.infer<S>, context: TurnContext, deps: ToolDeps): Promise<ToolOutput>;
}

/**
 * A LangChain tool whose result is JSON: `{ ok: true, ... }` or `{ error, suggestion }`.
 * Unexpected failures are logged and reported as a temporary problem, never as a stack trace.
 */
export function defineTool<S extends z.ZodObject>(spec: ToolSpec<S>, deps: ToolDeps) {
  return tool(
    async (args: z.infer<S>, runtime: { context?: unknown }) => {
      const context = turnContextSchema.parse(runtime.context);
      try {
        return JSON.stringify(await spec.run(args, context, deps));
      } catch (error) {
        deps.logger.error({ err: error, tool: spec.name }, 'tool failed');
        const failure: ToolFailure = {
          error: 'temporary_problem',
          suggestion: 'Apologise and offer to try again or to hand over to a person.',
        };
        return JSON.stringify(failure);
      }
    },
    { name: spec.name, description: spec.description, schema: spec.schema },
  );
}

/** The conversation's verified customer, or the failure that asks to verify first. */
export async function verifiedCustomer(
  deps: ToolDeps,
  context: TurnContext,
): Promise<{ customerId: string } | ToolFailure> {
  const conversation = await deps.store.conversations.findById(context.conversationId);
  if (!conversation?.customerId) {
    return {
      error: 'not_verified',
      suggestion: 'Ask for the email address and one order number to verify the customer first.',
    };
  }
  return { customerId: conversation.customerId };
}

export function isFailure(value: unknown): value is ToolFailure {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/**
 * One of the verified customer's orders, or the failure to tell: not verified, or "not found"
 * (also for an order of another customer, so order numbers cannot be probed).
 */
export async function ownOrder(
  deps: ToolDeps,
  context: TurnContext,
  orderNumber: string,
): Promise<Order | ToolFailure> {
  const who = await verifiedCustomer(deps, context);
  if (isFailure(who)) return who;
  const order = await deps.store.orders.findOwned(orderNumber.trim().toUpperCase(), who.customerId);
  return order ?? NOT_FOUND;
}

export const NOT_FOUND: ToolFailure = {
  error: 'order_not_found',
  suggestion: 'Say no order with that number was found on their account, and list their orders.',
};
