import { tool } from 'langchain';
import { z } from 'zod';
import type { HandoffPolicy } from '../domain/handoff-policy.js';
import type { Order } from '../domain/retail.js';
import type { RetailPolicy } from '../domain/retail-policy.js';
import type { HelpCenter } from '../knowledge/help-center.js';
import type { Logger } from '../logger.js';
import type { Feed } from '../ports/feed.js';
import type { Ports } from '../ports/index.js';
import type { ModeChanges } from '../ports/mode-changes.js';
import type { Recommender } from '../recommender/recommender.js';
import {
  isFailure,
  modelContent,
  type ToolFailure,
  type ToolName,
  type ToolResults,
} from './results.js';

const profileFactsSchema = z.object({
  shoeSize: z.string().optional(),
  apparelSize: z.string().optional(),
  budgetCents: z.number().optional(),
  interests: z.array(z.string()).optional(),
  colours: z.array(z.string()).optional(),
});

/**
 * What a run learns about the turn from the server, never from the model: the conversation
 * (whose verified customer the tools read from the conversation store), the turn, the
 * customer's own words, and, for the model's greeting, who the verified customer is.
 */
export const turnContextSchema = z.object({
  conversationId: z.string(),
  turnId: z.string(),
  customerText: z.string(),
  /**
   * Who is asking, for limits that hold across sessions: a hash of the web client's address,
   * or the platform user (the platform authenticated them).
   */
  client: z.string().default('unknown'),
  customer: z.object({ firstName: z.string(), facts: profileFactsSchema }).nullable().default(null),
});
export type TurnContext = z.infer<typeof turnContextSchema>;

/** What the tools keep and read: the commerce backend and the conversation side's stores. */
export type ToolPorts = Pick<
  Ports,
  | 'commerce'
  | 'conversations'
  | 'messages'
  | 'platformIdentities'
  | 'profiles'
  | 'recommendationEvents'
  | 'escalations'
  | 'attempts'
  | 'auditLog'
  | 'knowledgeGaps'
  | 'insights'
  | 'stockAlerts'
>;

export interface ToolDeps {
  ports: ToolPorts;
  /** Every mode change (an escalation queues the conversation) goes through it. */
  modes: ModeChanges;
  /** Staff consoles hear about escalations here, when consoles are served. */
  feed?: Feed;
  recommender: Recommender;
  /** The retailer's help articles, searchable. */
  helpCenter: HelpCenter;
  handoff: HandoffPolicy;
  /** How customers verify, and the return window. */
  retail: RetailPolicy;
  logger: Logger;
  now: () => Date;
}

export interface ToolSpec<N extends ToolName, S extends z.ZodObject> {
  name: N;
  description: string;
  schema: S;
  run(args: z.infer<S>, context: TurnContext): Promise<ToolResults[N]>;
}

const TEMPORARY_PROBLEM: ToolFailure = {
  error: 'temporary_problem',
  suggestion: 'Apologise and offer to try again or to hand over to a person.',
};

/**
 * A LangChain tool that answers `{ ok: true, ... }` or `{ error, suggestion }`: as JSON for
 * the model, and typed as the message's artifact (`ToolOutcome`) for the rest of the turn.
 * Unexpected failures are logged and reported as a temporary problem, never as a stack trace.
 */
export function defineTool<N extends ToolName, S extends z.ZodObject>(
  spec: ToolSpec<N, S>,
  deps: Pick<ToolDeps, 'logger'>,
) {
  const name: ToolName = spec.name;
  const run: (args: z.infer<S>, context: TurnContext) => Promise<ToolResults[ToolName]> = spec.run;
  return tool(
    async (args: z.infer<S>, runtime: { context?: unknown }) => {
      const context = turnContextSchema.parse(runtime.context);
      let result: ToolResults[ToolName];
      try {
        result = await run(args, context);
      } catch (error) {
        deps.logger.error({ err: error, tool: spec.name }, 'tool failed');
        result = TEMPORARY_PROBLEM;
      }
      // What `ToolOutcome` describes: the tool's name with its result.
      const artifact = { tool: name, ok: !isFailure(result), result };
      return [modelContent(result), artifact];
    },
    {
      name: spec.name,
      description: spec.description,
      schema: spec.schema,
      responseFormat: 'content_and_artifact',
    },
  );
}

/** The conversation's verified customer, or the failure that asks to verify first. */
export async function verifiedCustomer(
  deps: Pick<ToolDeps, 'ports'>,
  context: TurnContext,
): Promise<{ customerId: string } | ToolFailure> {
  const conversation = await deps.ports.conversations.findById(context.conversationId);
  if (!conversation?.customerId) {
    return {
      error: 'not_verified',
      suggestion: 'Ask for what verify_customer needs to verify the customer first.',
    };
  }
  return { customerId: conversation.customerId };
}

/** How customers write order numbers ("nw-100123 ") and how the shop stores them. */
export function normaliseOrderNumber(orderNumber: string): string {
  return orderNumber.trim().toUpperCase();
}

/**
 * One of the verified customer's orders, or the failure to tell: not verified, or "not found"
 * (also for an order of another customer, so order numbers cannot be probed).
 */
export async function ownOrder(
  deps: Pick<ToolDeps, 'ports'>,
  context: TurnContext,
  orderNumber: string,
): Promise<Order | ToolFailure> {
  const who = await verifiedCustomer(deps, context);
  if (isFailure(who)) return who;
  const order = await deps.ports.commerce.orderOf(
    who.customerId,
    normaliseOrderNumber(orderNumber),
  );
  return order ?? NOT_FOUND;
}

export const NOT_FOUND: ToolFailure = {
  error: 'order_not_found',
  suggestion: 'Say no order with that number was found on their account, and list their orders.',
};
