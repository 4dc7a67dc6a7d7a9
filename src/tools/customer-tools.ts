import { z } from 'zod';
import { defineTool, isFailure, type ToolDeps, verifiedCustomer } from './define-tool.js';

export function createStorePolicyTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'store_policy',
      description: `The store's policy on a topic: ${deps.policies.topics().join(', ')}.`,
      schema: z.object({ topic: z.string() }),
      async run({ topic }) {
        const found = deps.policies.lookUp(topic);
        return found
          ? { ok: true, ...found }
          : {
              error: 'no_such_policy',
              topics: deps.policies.topics(),
              suggestion: 'Offer the topics there are.',
            };
      },
    },
    deps,
  );
}

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
        const facts = await deps.store.profiles.remember(
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
        'the other tools cannot do. The bot stops answering until a person hands it back.',
      schema: z.object({
        reason: z.string(),
        priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
      }),
      async run({ reason, priority }, context) {
        const { conversations, escalations, messages } = deps.store;
        const now = deps.now();
        const recent = await messages.recent(context.conversationId, 6);
        const summary = recent.map((m) => `${m.role}: ${m.text.slice(0, 120)}`).join('\n');
        const moved = await conversations.changeMode(
          context.conversationId,
          ['bot'],
          'queued',
          now,
        );
        if (moved) {
          const escalation = await escalations.open(
            { conversationId: context.conversationId, reason, priority, summary },
            now,
          );
          deps.feed?.publish({
            type: 'escalation',
            conversationId: context.conversationId,
            escalationId: escalation.escalationId,
            status: 'open',
            at: now.toISOString(),
          });
          deps.feed?.publish({
            type: 'mode',
            conversationId: context.conversationId,
            mode: 'queued',
            at: now.toISOString(),
          });
        }
        return { ok: true, queued: true };
      },
    },
    deps,
  );
}
