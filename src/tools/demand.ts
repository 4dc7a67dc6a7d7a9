import { terms } from '../commerce/text-match.js';
import { type DemandSignal, demandTerm } from '../domain/insights.js';
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
 * Counts what a customer asked for and could not get, for the Insights view. A counter that
 * fails is logged: the customer's answer never waits on it.
 */
export async function countDemand(
  deps: Pick<ToolDeps, 'ports' | 'logger' | 'now'>,
  signal: DemandSignal,
): Promise<void> {
  if (!signal.term) return;
  try {
    await deps.ports.insights.count({ kind: 'demand', signal }, deps.now());
  } catch (error) {
    deps.logger.warn({ err: error, kind: signal.kind }, 'could not count unmet demand');
  }
}
