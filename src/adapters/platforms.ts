import type { Config } from '../config.js';
import type { AdapterContext, PlatformAdapter } from './adapter.js';
import { startSlack } from './slack/index.js';

/** Starts the adapter of every platform whose credentials are configured. */
export async function startPlatformAdapters(
  config: Pick<Config, 'slack' | 'discord' | 'teams'>,
  context: AdapterContext,
): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (config.slack) adapters.push(await startSlack(config.slack, context));
  return adapters;
}
