import { ConciergeAgent } from './agent/agent.js';
import { llmDescription } from './agent/describe-product.js';
import { extractiveSummarizer, llmSummarizer, type MemoryOptions } from './agent/memory.js';
import { type ChatModels, createChatModels } from './agent/models.js';
import { Periodic } from './background/periodic.js';
import { Relay } from './background/relay.js';
import type { Config } from './config.js';
import { BackInStockWatch } from './conversation/back-in-stock.js';
import { ConsoleFeed } from './conversation/console-feed.js';
import { Delivery } from './conversation/delivery.js';
import { Handoff } from './conversation/handoff.js';
import { ConversationModes } from './conversation/modes.js';
import { ConversationPipeline, processWorkerName } from './conversation/pipeline.js';
import { Resolutions } from './conversation/resolutions.js';
import { Senders } from './conversation/senders.js';
import { UnattendedWatch } from './conversation/unattended-watch.js';
import { DEFAULT_HANDOFF_POLICY, type HandoffPolicy } from './domain/handoff-policy.js';
import { DEFAULT_RETAIL_POLICY, type RetailPolicy } from './domain/retail-policy.js';
import { DEMO_RETAILER, type Retailer } from './domain/retailer.js';
import { RecommendationConversions } from './insights/conversions.js';
import { HelpCenter } from './knowledge/help-center.js';
import type { Logger } from './logger.js';
import { DescriptionDrafting, type DescriptionWriter } from './merchandising/description-drafts.js';
import { templateDescription } from './merchandising/template-description.js';
import type { CommerceMirror } from './ports/commerce.js';
import type { Ports } from './ports/index.js';
import type { Spool } from './ports/spool.js';
import { HybridRecommender } from './recommender/hybrid.js';
import type { ToolDeps } from './tools/define-tool.js';
import { createTools } from './tools/index.js';

const SUMMARY_CHARS = 1200;
const DEFAULT_UNATTENDED_MS = 10 * 60_000;
const DEFAULT_IDLE_MS = 30 * 60_000;
const DEFAULT_HANDOFF_IDLE_MS = 24 * 3_600_000;

/** What Concierge keeps and reads: every port, and a mirror of the shop for the recommender. */
export type ConciergePorts = Ports & { commerce: Ports['commerce'] & CommerceMirror };

export interface ConciergeOptions {
  config: Pick<Config, 'llm' | 'llmTimeoutMs' | 'llmMaxRetries'> &
    Partial<Pick<Config, 'handoff' | 'retailer' | 'retail' | 'conversations'>>;
  ports: ConciergePorts;
  logger: Logger;
  /** Overrides the configured models (tests drive a fake OpenAI server this way). */
  models?: ChatModels;
  memory?: MemoryOptions;
  /** Where inbound events wait while the database cannot take them. */
  spool?: Spool;
  now?: () => Date;
}

export interface Concierge {
  pipeline: ConversationPipeline;
  /** Live events to and from the other processes on this database. */
  relay: Relay;
  /** Tails the relay's store: what other processes published reaches this one's listeners. */
  relayPoll: Periodic;
  feed: ConsoleFeed;
  handoff: Handoff;
  unattended: UnattendedWatch;
  /** Answers stored messages left unanswered (a crash, a turn the database failed). */
  recovery: Periodic;
  /** Moves events spooled during an outage to the inbox, in order. */
  spoolDrain: Periodic;
  recommender: HybridRecommender;
  /** Outcomes and the satisfaction survey; its idle pass records quiet conversations'. */
  resolutions: Resolutions;
  /** Tells customers who asked when their product is back in stock. */
  backInStock: Periodic;
  /** Counts recommendations that were bought. */
  conversions: Periodic;
  /** Product description drafts for staff. */
  drafting: DescriptionDrafting;
  /** The help centre the tools search; told when articles are imported. */
  helpCenter: HelpCenter;
  senders: Senders;
  delivery: Delivery;
  models: ChatModels;
  modes: ConversationModes;
}

/** The LLM writes description drafts when configured; the template when not, or when it fails. */
function descriptionWriter(
  models: ChatModels,
  timeoutMs: number,
  logger: Logger,
): DescriptionWriter {
  return async (facts) => {
    if (models.primary !== models.offline) {
      try {
        return { text: await llmDescription(models.primary, facts, timeoutMs), source: 'llm' };
      } catch (error) {
        logger.warn(
          { reason: error instanceof Error ? error.message : String(error) },
          'the LLM could not write a description; the template wrote the draft',
        );
      }
    }
    return { text: templateDescription(facts), source: 'template' };
  };
}

/** What the tools work with: the ports, the recommender and the help centre. */
export function createToolDeps(
  ports: ConciergePorts,
  logger: Logger,
  now: () => Date,
  modes: ConversationModes,
  options: { handoff?: HandoffPolicy; retail?: RetailPolicy } = {},
): ToolDeps & { recommender: HybridRecommender } {
  return {
    ports,
    modes,
    recommender: new HybridRecommender(ports.commerce, logger, now),
    helpCenter: new HelpCenter(ports.articles),
    handoff: options.handoff ?? DEFAULT_HANDOFF_POLICY,
    retail: options.retail ?? DEFAULT_RETAIL_POLICY,
    logger,
    now,
  };
}

/** The composition root: wires the agent, its tools and the conversation pipeline over the ports. No I/O. */
export function createConcierge(options: ConciergeOptions): Concierge {
  const { ports, logger, config } = options;
  const now = options.now ?? (() => new Date());
  const models = options.models ?? createChatModels(config);
  const worker = processWorkerName();
  const relay = new Relay(ports.broadcasts, worker, logger, now);
  const feed = new ConsoleFeed(relay);
  const modes = new ConversationModes(ports.conversations, feed, now);
  const retailer: Retailer = config.retailer?.identity ?? DEMO_RETAILER;
  const toolDeps = {
    ...createToolDeps(ports, logger, now, modes, {
      handoff: config.handoff,
      retail: config.retail,
    }),
    feed,
  };
  const { recommender, helpCenter } = toolDeps;
  const tools = createTools(toolDeps);
  const agent = new ConciergeAgent(models, tools, config.llmTimeoutMs, logger);
  const senders = new Senders();
  const delivery = new Delivery(ports.outbox, senders, logger, now);
  const resolutions = new Resolutions(
    ports,
    (conversation, message) =>
      pipeline.post(conversation, { role: 'bot', author: 'concierge', ...message }),
    logger,
    {
      idleMs: config.conversations?.idleMs ?? DEFAULT_IDLE_MS,
      handoffIdleMs: config.conversations?.handoffIdleMs ?? DEFAULT_HANDOFF_IDLE_MS,
    },
    now,
  );
  const pipeline: ConversationPipeline = new ConversationPipeline({
    ports,
    modes,
    retailer,
    agent,
    senders,
    delivery,
    logger,
    summarize:
      models.primary === models.offline
        ? extractiveSummarizer(SUMMARY_CHARS)
        : llmSummarizer(models.primary, SUMMARY_CHARS, config.llmTimeoutMs, logger),
    memory: options.memory,
    ...(options.spool ? { spool: options.spool } : {}),
    feed,
    resolutions,
    worker,
    ...(config.conversations
      ? {
          leaseTtlMs: config.conversations.leaseTtlMs,
          burstDebounceMs: config.conversations.burstDebounceMs,
        }
      : {}),
    now,
  });
  const handoff = new Handoff(ports, modes, pipeline, feed, now, resolutions);
  const restocks = new BackInStockWatch(ports, pipeline, logger, now);
  const backInStock = new Periodic(
    'tell customers their product is back',
    () => restocks.pass(),
    logger,
  );
  const bought = new RecommendationConversions(ports, now);
  const conversions = new Periodic(
    'count recommendations that were bought',
    () => bought.pass(),
    logger,
  );
  const drafting = new DescriptionDrafting(
    ports,
    descriptionWriter(models, config.llmTimeoutMs, logger),
    now,
  );
  const unattended = new UnattendedWatch(
    ports,
    pipeline,
    logger,
    config.handoff?.unattendedAfterMs ?? DEFAULT_UNATTENDED_MS,
    now,
  );
  const recovery = new Periodic(
    'answer messages left unanswered',
    async () => {
      const recovered = await pipeline.recover();
      if (recovered > 0) logger.info({ recovered }, 'answering messages left unanswered');
    },
    logger,
  );
  const spoolDrain = new Periodic(
    'move spooled inbound events to MongoDB',
    async () => {
      await pipeline.drainSpool();
    },
    logger,
  );
  const relayPoll = new Periodic("follow other processes' live events", () => relay.poll(), logger);
  return {
    pipeline,
    relay,
    relayPoll,
    feed,
    handoff,
    unattended,
    recovery,
    spoolDrain,
    recommender,
    resolutions,
    backInStock,
    conversions,
    drafting,
    helpCenter,
    senders,
    delivery,
    models,
    modes,
  };
}
