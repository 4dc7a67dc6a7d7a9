import { z } from 'zod';
import { HANDOFF_REASONS } from '../domain/insights.js';
import { customerView } from './customer-view.js';
import { defineTool, type ToolDeps, verifiedCustomer } from './define-tool.js';
import { escalate } from './escalation.js';
import { isFailure } from './results.js';

export function createRememberPreferenceTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'remember_preference',
      description:
        "Remember the verified customer's preferences for next time: shoe size, clothing size, budget " +
        'in dollars, interests, colours.',
      schema: z.object({
        shoeSize: z.string().optional(),
        apparelSize: z.string().optional(),
        budget: z.number().positive().optional(),
        interests: z.array(z.string()).optional(),
        colours: z.array(z.string()).optional(),
      }),
      async run(args, context) {
        const who = await verifiedCustomer(deps, context);
        if (isFailure(who)) return who;
        const facts = await deps.ports.profiles.remember(
          who.customerId,
          {
            shoeSize: args.shoeSize,
            apparelSize: args.apparelSize,
            budgetCents: args.budget === undefined ? undefined : Math.round(args.budget * 100),
            interests: args.interests,
            colours: args.colours,
          },
          deps.now(),
        );
        return { ok: true, remembered: facts };
      },
    },
    deps,
  );
}

export function createEscalateTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'escalate_to_human',
      description:
        'Hand the conversation to a person: when the customer asks for one, is upset, or needs what ' +
        'the other tools cannot do. The bot stops answering until a person hands it back. Tell the ' +
        'customer a person will reply here; when staffAtWork is false, say from when (personFrom).',
      schema: z.object({
        reason: z.string(),
        priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
        category: z
          .enum(HANDOFF_REASONS)
          .optional()
          .describe(
            'why: customer_asked, missing_knowledge (no answer known), unsupported_request, ' +
              'policy_restriction, tool_failure, not_understood',
          ),
      }),
      run: ({ reason, priority, category }, context) =>
        escalate(deps, context, reason, priority, category),
    },
    deps,
  );
}

export function createCustomerDetailsTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'get_customer_details',
      description:
        "The verified customer's own details: name, e-mail, default address, and payment methods " +
        'with their ids and gift-card balances.',
      schema: z.object({}),
      async run(_args, context) {
        const who = await verifiedCustomer(deps, context);
        if (isFailure(who)) return who;
        const customer = await deps.ports.commerce.customer(who.customerId);
        if (!customer) throw new Error(`verified customer ${who.customerId} is missing`);
        return { ok: true, customer: customerView(customer) };
      },
    },
    deps,
  );
}
