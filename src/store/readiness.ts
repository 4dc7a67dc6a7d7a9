import type { Logger } from '../logger.js';

/** What readiness needs of the database: a ping, and the indexes re-created after an outage. */
export interface ReadinessProbe {
  ping(): Promise<unknown>;
  ensureIndexes(): Promise<void>;
}

/**
 * Pings that must fail in a row before `/readyz` says the database is down: one slow ping
 * under load is not an outage, and a load balancer must not take a busy process out.
 */
const FAILURES_FOR_DOWN = 2;

export interface ReadinessReport {
  ready: boolean;
  mongo: 'up' | 'down';
  indexes: 'ready' | 'pending';
  seed: 'done' | 'running' | 'pending';
}

/**
 * Answers "can this process serve customers now?". A failed check after a success marks
 * indexes as pending, because the server that comes back may be a fresh one.
 */
export class Readiness {
  private indexesReady = false;
  /** Start-up created the indexes once; after an outage the check re-creates them. */
  private indexesCreatedOnce = false;
  private seedState: ReadinessReport['seed'] = 'pending';
  private lastMongo: 'up' | 'down' | 'unknown' = 'unknown';
  private failuresInARow = 0;

  constructor(
    private readonly probe: ReadinessProbe,
    private readonly logger: Logger,
    private readonly pingTimeoutMs: number,
  ) {}

  markIndexesReady(): void {
    this.indexesReady = true;
    this.indexesCreatedOnce = true;
  }

  setSeedState(state: ReadinessReport['seed']): void {
    this.seedState = state;
  }

  async check(): Promise<ReadinessReport> {
    const mongo = await this.ping();
    if (mongo !== this.lastMongo) {
      if (mongo === 'down') this.logger.warn('MongoDB is unreachable; /readyz answers 503');
      else if (this.lastMongo === 'down') this.logger.info('MongoDB is reachable again');
      this.lastMongo = mongo;
    }
    if (mongo === 'up' && !this.indexesReady && this.indexesCreatedOnce) {
      await this.restoreIndexes();
    }
    const indexes = this.indexesReady ? 'ready' : 'pending';
    return {
      ready: mongo === 'up' && indexes === 'ready' && this.seedState === 'done',
      mongo,
      indexes,
      seed: this.seedState,
    };
  }

  /** Up, unless the pings failed `FAILURES_FOR_DOWN` times in a row (or never worked yet). */
  private async ping(): Promise<'up' | 'down'> {
    const answered = await this.pingOnce();
    this.failuresInARow = answered ? 0 : this.failuresInARow + 1;
    if (answered) return 'up';
    const down = this.lastMongo !== 'up' || this.failuresInARow >= FAILURES_FOR_DOWN;
    if (down) this.indexesReady = false;
    return down ? 'down' : 'up';
  }

  private async pingOnce(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.pingTimeoutMs);
    });
    try {
      const ping = this.probe.ping().then(
        () => true,
        () => false,
      );
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async restoreIndexes(): Promise<void> {
    try {
      await this.probe.ensureIndexes();
      this.indexesReady = true;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not re-create indexes yet');
    }
  }
}
