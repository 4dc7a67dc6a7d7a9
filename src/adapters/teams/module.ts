import { platformModule } from '../module.js';
import { checkTeamsEnv, teamsConfig, teamsEnv } from './env.js';

export const teamsModule = platformModule({
  channel: 'teams',
  env: teamsEnv,
  check: checkTeamsEnv,
  configure: teamsConfig,
  start: async (config, context) => (await import('./index.js')).startTeams(config, context),
});
