import { type FileHandle, mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CHANNELS } from '../domain/channel.js';
import { threadOf } from '../domain/messaging.js';
import { ConciergeError, ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Spool, SpoolAppendResult, SpooledEvent } from '../ports/spool.js';
import { isAlive } from '../process-alive.js';

/** One line of the spool file, checked when it is read back after a restart. */
const spooledEventSchema = z.object({
  eventKey: z.string().min(1),
  channel: z.enum(CHANNELS),
  conversationKey: z.string().min(1),
  platformUserId: z.string().min(1),
  text: z.string(),
  clipped: z.boolean().optional(),
  clientKey: z.string().optional(),
  receivedAt: z.coerce.date(),
});

export interface FileSpoolOptions {
  path: string;
  /** The file never grows past this; a full spool refuses events (the platform retries). */
  maxBytes: number;
  logger: Logger;
}

interface Waiting {
  event: SpooledEvent;
  bytes: number;
}

/** Spool files this process has open: two spools on one file would lose events. */
const openHere = new Set<string>();

/**
 * An append-only file of inbound events, one JSON line each, fsync'd before `append`
 * resolves. Appends that arrive together share one write and one fsync. The file is emptied
 * when every event in it has been moved, and rewritten with the waiting ones when it would
 * outgrow its bound, so what it holds is always what waits, in order.
 */
export class FileSpool implements Spool {
  /** Waiting events by key, in the order they came. */
  private readonly waiting = new Map<string, Waiting>();
  /** How many events of each thread wait. */
  private readonly threads = new Map<string, number>();
  /** Appends not yet written, written together by the next flush. */
  private batch: (Waiting & { done: (error?: unknown) => void })[] = [];
  private flushing: Promise<void> | null = null;
  /** Keys of the batch being written now. */
  private readonly writing = new Set<string>();
  /** Bytes in the file, and those of them already moved to the inbox. */
  private fileBytes = 0;
  private movedBytes = 0;
  private reservedBytes = 0;
  /** File operations (writes, emptying, rewriting), one at a time. */
  private fileLock: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: FileSpoolOptions,
    private handle: FileHandle,
  ) {}

  /** Opens (or creates) the spool file; events left in it by an earlier run wait again. */
  static async open(options: FileSpoolOptions): Promise<FileSpool> {
    if (openHere.has(options.path))
      throw new ConciergeError(
        ErrorCode.InvalidConfig,
        `the inbound spool ${options.path} is open already: give each process its own SPOOL_FILE`,
      );
    await mkdir(dirname(options.path), { recursive: true });
    await claimLock(options.path);
    const left = await readSpoolFile(options.path, options.logger);
    const lines = left.map(lineOf);
    // Rewritten from what parsed, so a line torn by a crash is not glued to the next append.
    await writeDurably(options.path, lines.join(''));
    const spool = new FileSpool(options, await open(options.path, 'a'));
    openHere.add(options.path);
    for (const [i, event] of left.entries())
      spool.keep({ event, bytes: Buffer.byteLength(lines[i] ?? '') });
    spool.fileBytes = spool.waitingBytes();
    if (left.length > 0)
      options.logger.warn(
        { events: left.length, path: options.path },
        'inbound events left in the spool by an earlier run wait to be moved to MongoDB',
      );
    return spool;
  }

  get size(): number {
    return this.waiting.size;
  }

  async append(event: SpooledEvent): Promise<SpoolAppendResult> {
    if (this.has(event.eventKey)) return 'duplicate';
    const line = lineOf(event);
    const bytes = Buffer.byteLength(line);
    if (this.fileBytes + this.reservedBytes + bytes > this.options.maxBytes && this.movedBytes > 0)
      await this.exclusive(() => this.rewrite());
    if (this.has(event.eventKey)) return 'duplicate';
    if (this.fileBytes + this.reservedBytes + bytes > this.options.maxBytes) return 'full';
    this.reservedBytes += bytes;
    await new Promise<void>((resolve, reject) => {
      this.batch.push({
        event,
        bytes,
        done: (error) => (error === undefined ? resolve() : reject(error)),
      });
      this.flushSoon();
    });
    return 'spooled';
  }

  /** Waiting, or being written now. */
  has(eventKey: string): boolean {
    return (
      this.waiting.has(eventKey) ||
      this.batch.some((b) => b.event.eventKey === eventKey) ||
      this.writing.has(eventKey)
    );
  }

  holdsThread(event: Pick<SpooledEvent, 'channel' | 'conversationKey'>): boolean {
    return this.threads.has(threadOf(event));
  }

  pending(): SpooledEvent[] {
    return [...this.waiting.values()].map((w) => w.event);
  }

  async remove(eventKey: string): Promise<void> {
    const moved = this.waiting.get(eventKey);
    if (!moved) return;
    this.waiting.delete(eventKey);
    const thread = threadOf(moved.event);
    const left = (this.threads.get(thread) ?? 1) - 1;
    if (left > 0) this.threads.set(thread, left);
    else this.threads.delete(thread);
    this.movedBytes += moved.bytes;
    if (this.waiting.size > 0 || this.batch.length > 0) return;
    await this.exclusive(async () => {
      // Checked again under the lock: an append may have landed while it waited.
      if (this.waiting.size > 0) return;
      await this.handle.truncate(0);
      await this.handle.sync();
      this.fileBytes = 0;
      this.movedBytes = 0;
    });
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.fileLock;
    await this.handle.close();
    await rm(lockOf(this.options.path), { force: true });
    openHere.delete(this.options.path);
  }

  private keep(waiting: Waiting): void {
    this.waiting.set(waiting.event.eventKey, waiting);
    const thread = threadOf(waiting.event);
    this.threads.set(thread, (this.threads.get(thread) ?? 0) + 1);
  }

  private waitingBytes(): number {
    let bytes = 0;
    for (const w of this.waiting.values()) bytes += w.bytes;
    return bytes;
  }

  private flushSoon(): void {
    this.flushing ??= this.flush().finally(() => {
      this.flushing = null;
    });
  }

  private async flush(): Promise<void> {
    while (this.batch.length > 0) {
      const batch = this.batch;
      this.batch = [];
      for (const b of batch) this.writing.add(b.event.eventKey);
      const bytes = batch.reduce((sum, b) => sum + b.bytes, 0);
      try {
        await this.exclusive(async () => {
          await this.handle.appendFile(batch.map((b) => lineOf(b.event)).join(''));
          await this.handle.sync();
          this.fileBytes += bytes;
          for (const b of batch) this.keep({ event: b.event, bytes: b.bytes });
        });
        for (const b of batch) b.done();
      } catch (error) {
        for (const b of batch) b.done(error);
      } finally {
        this.reservedBytes -= bytes;
        for (const b of batch) this.writing.delete(b.event.eventKey);
      }
    }
  }

  /** The file with only the waiting events, swapped in by a rename so a crash keeps one whole. */
  private async rewrite(): Promise<void> {
    await this.handle.close();
    await writeDurably(this.options.path, this.pending().map(lineOf).join(''));
    this.handle = await open(this.options.path, 'a');
    this.fileBytes = this.waitingBytes();
    this.movedBytes = 0;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.fileLock.then(work);
    this.fileLock = run.catch(() => {});
    return run;
  }
}

function lockOf(path: string): string {
  return `${path}.lock`;
}

/**
 * Takes the spool for this process: a lock file holds the owner's process id. A lock left by
 * a process that is gone (killed hard) is taken over; one of a live process is refused.
 */
async function claimLock(path: string): Promise<void> {
  const lock = lockOf(path);
  try {
    await writeFile(lock, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner))
    throw new ConciergeError(
      ErrorCode.InvalidConfig,
      `the inbound spool ${path} is in use by process ${owner}: give each process its own SPOOL_FILE (or delete ${lock} if no such process uses it)`,
    );
  await writeFile(lock, String(process.pid));
}

function lineOf(event: SpooledEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/** The events a spool file holds; a torn last line (a crash mid-write, never acknowledged) is dropped. */
async function readSpoolFile(path: string, logger: Logger): Promise<SpooledEvent[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const lines = text.split('\n');
  const torn = lines.pop();
  if (torn) logger.warn({ path }, 'dropped a half-written last line of the inbound spool');
  const events: SpooledEvent[] = [];
  const seen = new Set<string>();
  for (const [index, line] of lines.entries()) {
    if (!line) continue;
    let parsed: ReturnType<typeof spooledEventSchema.safeParse>;
    try {
      parsed = spooledEventSchema.safeParse(JSON.parse(line));
    } catch {
      parsed = spooledEventSchema.safeParse(null);
    }
    if (!parsed.success) {
      logger.error({ path, line: index + 1 }, 'skipped an unreadable line of the inbound spool');
      continue;
    }
    if (seen.has(parsed.data.eventKey)) continue;
    seen.add(parsed.data.eventKey);
    events.push(parsed.data);
  }
  return events;
}

/** Writes a file through a temporary one, fsync'd, then renamed over it. */
async function writeDurably(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, text);
  const file = await open(temporary, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
