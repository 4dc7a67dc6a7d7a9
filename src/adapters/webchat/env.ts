import type { z } from 'zod';
import { wholeNumber } from '../../env-values.js';

export const webchatEnv = {
  WEBCHAT_MESSAGES_PER_MINUTE: wholeNumber.default(20),
  WEBCHAT_MESSAGES_PER_MINUTE_PER_ADDRESS: wholeNumber.default(60),
};
type WebChatEnv = z.infer<z.ZodObject<typeof webchatEnv>>;

/** How many messages a browser session and an address may send a minute. */
export interface WebChatConfig {
  perSessionPerMinute: number;
  perAddressPerMinute: number;
}

/** The web chat always runs: it is the embedded default. */
export function webchatConfig(e: WebChatEnv): WebChatConfig {
  return {
    perSessionPerMinute: e.WEBCHAT_MESSAGES_PER_MINUTE,
    perAddressPerMinute: e.WEBCHAT_MESSAGES_PER_MINUTE_PER_ADDRESS,
  };
}
