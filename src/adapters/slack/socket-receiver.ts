import type { App, Logger as BoltLogger, Receiver, ReceiverEvent } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { Logger } from '../../logger.js';

type SocketModeClientOptions = NonNullable<ConstructorParameters<typeof SocketModeClient>[0]>;

interface SocketEnvelope {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
}

/**
 * Socket Mode that acknowledges an envelope only after the listeners ran. Bolt's own receiver
 * acknowledges an event before its listeners start, so an event could be acknowledged and
 * then not kept; here the inbound event is durable (in MongoDB or the spool) first. A
 * listener that fails leaves the envelope unacknowledged, and Slack sends it again.
 */
export class DurableSocketModeReceiver implements Receiver {
  private app: App | undefined;
  private readonly client: SocketModeClient;

  constructor(
    options: {
      appToken: string;
      boltLogger: BoltLogger;
      clientOptions: SocketModeClientOptions['clientOptions'];
    },
    private readonly logger: Logger,
  ) {
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: options.boltLogger,
      clientOptions: options.clientOptions,
    });
    this.client.on('slack_event', (envelope: SocketEnvelope) => void this.onEnvelope(envelope));
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    await this.client.start();
  }

  async stop(): Promise<void> {
    await this.client.disconnect();
  }

  private async onEnvelope(envelope: SocketEnvelope): Promise<void> {
    let response: Record<string, unknown> | undefined;
    const event: ReceiverEvent = {
      body: envelope.body,
      ...(typeof envelope.retry_num === 'number' ? { retryNum: envelope.retry_num } : {}),
      ...(envelope.retry_reason ? { retryReason: envelope.retry_reason } : {}),
      ack: async (value?: unknown) => {
        if (value && typeof value === 'object') response = value as Record<string, unknown>;
      },
    };
    try {
      await this.app?.processEvent(event);
    } catch (error) {
      this.logger.warn(
        { err: error },
        'a Slack event was not kept; left unacknowledged for a retry',
      );
      return;
    }
    await envelope.ack(response).catch((error: unknown) => {
      // The connection dropped between keeping and acknowledging: Slack sends it again, and
      // the event key makes that a duplicate.
      this.logger.warn({ err: error }, 'could not acknowledge a Slack event');
    });
  }
}
