import { platformModule } from '../module.js';
import { webchatConfig, webchatEnv } from './env.js';
import { startWebChat } from './start.js';

export const webchatModule = platformModule({
  channel: 'webchat',
  env: webchatEnv,
  configure: webchatConfig,
  start: startWebChat,
});
