import { Periodic } from '../background/periodic.js';
import { NOTICES } from '../language/notices.js';
import type { Logger } from '../logger.js';
import type { Ports } from '../ports/index.js';
import { customerLanguage } from './handoff.js';
import type { ConversationPipeline } from './pipeline.js';

const MAX_INTERVAL_MS = 30_000;

/**
 * Tells a queued customer once that nobody has taken their request yet, when it has waited
 * longer than `afterMs`. The escalation stays open: a person can still take it.
 */
export class UnattendedWatch {
  private readonly passes: Periodic;

  constructor(
    private readonly ports: Pick<Ports, 'conversations' | 'escalations'>,
    private readonly pipeline: ConversationPipeline,
    private readonly logger: Logger,
    private readonly afterMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.passes = new Periodic('check for unattended escalations', () => this.pass(), logger);
  }

  start(): void {
    this.passes.start(Math.min(MAX_INTERVAL_MS, Math.max(1000, Math.floor(this.afterMs / 4))));
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass over the queue; concurrent calls share it. */
  check(): Promise<void> {
    return this.passes.run();
  }

  private async pass(): Promise<void> {
    const at = this.now();
    const due = await this.ports.escalations.listUnattended(new Date(at.getTime() - this.afterMs));
    for (const escalation of due) {
      if (!(await this.ports.escalations.claimUnattendedNotice(escalation.escalationId, at)))
        continue;
      const conversation = await this.ports.conversations.findById(escalation.conversationId);
      if (conversation?.mode !== 'queued') continue;
      await this.pipeline.post(conversation, {
        role: 'bot',
        text: NOTICES[customerLanguage(conversation)].stillWaiting,
        author: 'concierge',
      });
      this.logger.info(
        { conversationId: conversation.conversationId, escalationId: escalation.escalationId },
        'told a queued customer that nobody is free yet',
      );
    }
  }
}
