import { platformModule } from '../module.js';
import { discordConfig, discordEnv } from './env.js';

export const discordModule = platformModule({
  channel: 'discord',
  env: discordEnv,
  configure: discordConfig,
  start: async (config, context) => (await import('./index.js')).startDiscord(config, context),
});
