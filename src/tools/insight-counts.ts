import { terms } from '../commerce/text-match.js';
import { type DemandSignal, demandTerm, type InsightEvent } from '../domain/insights.js';
import type { ToolDeps } from './define-tool.js';

/** Words of a request that say nothing about what was wanted. */
const REQUEST_WORDS = new Set(
  'sell carry stock got wanted search store shop am im just looking'.split(' '),
);

/**
 * What a search asked for, as its content words ("do you sell kayaks?" -> "kayak"), so the
 * same want in other words counts together.
 */
export function searchedFor(query: string): string {
  // Prices and sizes are the limits, not the want.
  const words = terms(query).filter((word) => !REQUEST_WORDS.has(word) && !/^\d+$/.test(word));
  return demandTerm(words.length > 0 ? words.join(' ') : query);
}

/**
 * Adds to the day's insight counters (unmet demand, knowledge gaps, recommendations). A
 * counter that fails is logged: the customer's answer never waits on it.
 */
export async function countInsight(
  deps: Pick<ToolDeps, 'ports' | 'logger' | 'now'>,
  event: InsightEvent,
): Promise<void> {
  try {
    await deps.ports.insights.count(event, deps.now());
  } catch (error) {
    deps.logger.warn({ err: error, kind: event.kind }, 'could not count an insight event');
  }
}

/** Counts what a customer asked for and could not get. */
export function countDemand(
  deps: Pick<ToolDeps, 'ports' | 'logger' | 'now'>,
  signal: DemandSignal,
): Promise<void> {
  return signal.term ? countInsight(deps, { kind: 'demand', signal }) : Promise.resolve();
}
