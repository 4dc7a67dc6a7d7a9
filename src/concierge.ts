import { fileURLToPath } from 'node:url';
import { ConciergeAgent } from './agent/agent.js';
import { extractiveSummarizer, llmSummarizer, type MemoryOptions } from './agent/memory.js';
import { type ChatModels, createChatModels } from './agent/models.js';
import { Catalog } from './commerce/catalog.js';
import type { Config } from './config.js';
import { ConsoleFeed } from './conversation/console-feed.js';
import { Delivery } from './conversation/delivery.js';
import { Handoff } from './conversation/handoff.js';
import { ConversationPipeline } from './conversation/pipeline.js';
import { Senders } from './conversation/senders.js';
import { UnattendedWatch } from './conversation/unattended-watch.js';
import type { Logger } from './logger.js';
import { HybridRecommender } from './recommender/hybrid.js';
import type { Store } from './store/store.js';
import { DEFAULT_HANDOFF_POLICY, type HandoffPolicy } from './tools/define-tool.js';
import { createTools, type ToolDeps } from './tools/index.js';
import { PolicyBook } from './tools/policy-book.js';

const SUMMARY_CHARS = 1200;
const DEFAULT_UNATTENDED_MS = 10 * 60_000;

export const DEFAULT_POLICY_FILE = fileURLToPath(
  new URL('./tools/store-policies.md', import.meta.url),
);

export interface ConciergeOptions {
  config: Pick<Config, 'llm' | 'llmTimeoutMs' | 'llmMaxRetries'> & Partial<Pick<Config, 'handoff'>>;
  store: Store;
  logger: Logger;
  /** Overrides the configured models (tests drive a fake OpenAI server this way). */
  models?: ChatModels;
  memory?: MemoryOptions;
  now?: () => Date;
}

export interface Concierge {
  pipeline: ConversationPipeline;
  feed: ConsoleFeed;
  handoff: Handoff;
  unattended: UnattendedWatch;
  recommender: HybridRecommender;
  senders: Senders;
  delivery: Delivery;
  models: ChatModels;
  catalog: Catalog;
}

/** What the tools work with: the store, the catalog, the recommender and the policies. */
export function createToolDeps(
  store: Store,
  logger: Logger,
  now: () => Date,
  handoff: HandoffPolicy = DEFAULT_HANDOFF_POLICY,
): ToolDeps & { recommender: HybridRecommender } {
  const catalog = new Catalog(store.products, store.inventory);
  return {
    store,
    catalog,
    recommender: new HybridRecommender(store, logger, now),
    policies: PolicyBook.fromFile(DEFAULT_POLICY_FILE),
    handoff,
    logger,
    now,
  };
}

/** Wires the agent, its tools and the conversation pipeline over one store. No I/O. */
export function createConcierge(options: ConciergeOptions): Concierge {
  const { store, logger } = options;
  const now = options.now ?? (() => new Date());
  const models = options.models ?? createChatModels(options.config);
  const feed = new ConsoleFeed();
  const toolDeps = {
    ...createToolDeps(store, logger, now, options.config.handoff ?? DEFAULT_HANDOFF_POLICY),
    feed,
  };
  const { catalog, recommender } = toolDeps;
  const tools = createTools(toolDeps);
  const agent = new ConciergeAgent(models, tools, options.config.llmTimeoutMs, logger);
  const senders = new Senders();
  const delivery = new Delivery(store, senders, logger, now);
  const pipeline = new ConversationPipeline({
    store,
    agent,
    senders,
    delivery,
    logger,
    summarize:
      models.primary === models.offline
        ? extractiveSummarizer(SUMMARY_CHARS)
        : llmSummarizer(models.primary, SUMMARY_CHARS, options.config.llmTimeoutMs),
    memory: options.memory,
    feed,
    now,
  });
  const handoff = new Handoff(store, pipeline, feed, now);
  const unattended = new UnattendedWatch(
    store,
    pipeline,
    logger,
    options.config.handoff?.unattendedAfterMs ?? DEFAULT_UNATTENDED_MS,
    now,
  );
  return { pipeline, feed, handoff, unattended, recommender, senders, delivery, models, catalog };
}
