import type { Logger } from '../logger.js';

/**
 * A background pass run every `intervalMs`: one pass at a time (a call during a pass shares
 * it), and a failed pass is logged and the next one runs as usual, so a database outage
 * slows the work down and never ends the process.
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly what: string,
    private readonly pass: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** One pass now; resolves when it ends, whether it worked or not. */
  run(): Promise<void> {
    this.running ??= this.pass()
      .catch((error: unknown) => this.logger.warn({ err: error }, `could not ${this.what}`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  start(intervalMs: number): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
