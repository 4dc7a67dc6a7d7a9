import type { AdapterContext, PlatformAdapter } from './adapter.js';
import type { PlatformStarter } from './module.js';

/** Starts every configured platform of the registry (the web chat always). */
export async function startPlatformAdapters(
  platforms: readonly PlatformStarter[],
  context: AdapterContext,
): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  for (const platform of platforms) adapters.push(await platform.start(context));
  return adapters;
}
