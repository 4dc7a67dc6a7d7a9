import { platformModule } from '../module.js';
import { checkSlackEnv, slackConfig, slackEnv } from './env.js';

export const slackModule = platformModule({
  channel: 'slack',
  env: slackEnv,
  check: checkSlackEnv,
  configure: slackConfig,
  start: async (config, context) => (await import('./index.js')).startSlack(config, context),
});
