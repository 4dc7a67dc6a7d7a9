import type { Channel } from '../domain/channel.js';
import { discordModule } from './discord/module.js';
import type { PlatformModule } from './module.js';
import { slackModule } from './slack/module.js';
import { teamsModule } from './teams/module.js';
import { webchatModule } from './webchat/module.js';

/**
 * Every platform, one line each. The compiler holds it to the channel list of
 * `src/domain/channel.ts`: a channel without its module, or a module under another channel's
 * name, does not build.
 */
export const PLATFORMS = {
  webchat: webchatModule,
  slack: slackModule,
  discord: discordModule,
  teams: teamsModule,
} satisfies { [C in Channel]: PlatformModule<C, unknown> };

/** Each platform's configuration: null when it is not configured. */
export type PlatformConfigs = {
  [C in Channel]: ReturnType<(typeof PLATFORMS)[C]['read']>['config'];
};
