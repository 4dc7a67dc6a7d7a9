import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import {
  type ChannelSender,
  PermanentDeliveryError,
  RetryLaterError,
} from '../../conversation/senders.js';
import type { OutboundMessage } from '../../domain/outbound.js';
import type { Logger } from '../../logger.js';
import { renderSlackReply } from './blocks.js';
import { parseSlackConversationKey } from './conversation-key.js';

const WORKING_REACTION = 'hourglass_flowing_sand';

/** A Web API call Slack answered with `ok: false` (the SDK's platform error). */
const slackRefusal = z.object({
  code: z.literal('slack_webapi_platform_error'),
  data: z.object({ error: z.string() }),
});

/** Refusals that stay refusals however often the reply is sent. */
const PERMANENT_SLACK_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
]);

const rateLimited = z.object({
  code: z.literal('slack_webapi_rate_limited_error'),
  retryAfter: z.number(),
});

/**
 * Posts replies with the Web API. While the agent works, the customer's message wears an
 * hourglass reaction (Slack has no typing indicator for bots); the reply takes it away. Which
 * message wears it comes with the turn and with the reply (its `inReplyTo`), not from this
 * process's memory, so any process may answer and any may deliver.
 */
export class SlackSender implements ChannelSender {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly publicUrl: string | null,
    private readonly logger: Logger,
  ) {}

  async typing(conversationKey: string, ts?: string): Promise<void> {
    if (!ts) return;
    const { channel } = parseSlackConversationKey(conversationKey);
    await this.client.reactions.add({ channel, timestamp: ts, name: WORKING_REACTION });
  }

  async deliver(message: OutboundMessage): Promise<void> {
    const { channel, threadTs } = parseSlackConversationKey(message.conversationKey);
    const posts = renderSlackReply(message, this.publicUrl);
    try {
      for (const [part, post] of posts.entries()) {
        await this.client.chat.postMessage({
          channel,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          text: post.text,
          blocks: post.blocks,
          unfurl_links: false,
          unfurl_media: false,
          // Ties each Slack message to its outbox entry, for support and for the benchmarks.
          metadata: {
            event_type: 'concierge_reply',
            event_payload: { outbox_id: message.outboxId, part },
          },
        });
      }
    } catch (error) {
      const limited = rateLimited.safeParse(error);
      if (limited.success)
        throw new RetryLaterError('Slack rate limited the reply', limited.data.retryAfter * 1000);
      const refusal = slackRefusal.safeParse(error);
      if (refusal.success && PERMANENT_SLACK_ERRORS.has(refusal.data.data.error))
        throw new PermanentDeliveryError(
          `Slack refused the reply: ${refusal.data.data.error}`,
          // Slack answers these with 200 and ok: false; 403 says what they mean.
          403,
        );
      throw error;
    }
    if (message.inReplyTo) await this.stopWorking(channel, message.inReplyTo);
  }

  private async stopWorking(channel: string, ts: string): Promise<void> {
    await this.client.reactions
      .remove({ channel, timestamp: ts, name: WORKING_REACTION })
      .catch((error: unknown) =>
        this.logger.debug({ err: error }, 'could not remove the working reaction'),
      );
  }
}
