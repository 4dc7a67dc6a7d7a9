import type { Config } from '../config.js';
import type { AdapterContext, PlatformAdapter } from './adapter.js';
import { startDiscord } from './discord/index.js';
import { startSlack } from './slack/index.js';
import { startTeams } from './teams/index.js';

/** Starts the adapter of every platform whose credentials are configured. */
export async function startPlatformAdapters(
  config: Pick<Config, 'slack' | 'discord' | 'teams'>,
  context: AdapterContext,
): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  if (config.slack) adapters.push(await startSlack(config.slack, context));
  if (config.discord) adapters.push(await startDiscord(config.discord, context));
  if (config.teams) adapters.push(await startTeams(config.teams, context));
  return adapters;
}
