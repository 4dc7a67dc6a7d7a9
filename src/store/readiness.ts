import type { Logger } from '../logger.js';
import type { Store } from './store.js';

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

  constructor(
    private readonly store: Store,
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

  private async ping(): Promise<'up' | 'down'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'down'>((resolve) => {
      timer = setTimeout(() => resolve('down'), this.pingTimeoutMs);
    });
    try {
      const ping = this.store.db.command({ ping: 1 }).then(
        () => 'up' as const,
        () => 'down' as const,
      );
      const result = await Promise.race([ping, timeout]);
      if (result === 'down') this.indexesReady = false;
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  private async restoreIndexes(): Promise<void> {
    try {
      await this.store.ensureIndexes();
      this.indexesReady = true;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not re-create indexes yet');
    }
  }
}
