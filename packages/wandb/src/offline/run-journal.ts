import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LevelDbLogFramer, wandbFileHeader } from './leveldb-log';

/** `YYYYMMDD_HHMMSS` in local time, as the SDK names run directories. */
export function runDirectoryTimestamp(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}_${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** Default longest time a record stays only in memory before it is written, in ms. */
export const defaultDurableFlushMs = 1000;
/** Buffered bytes that trigger a write regardless of time. */
const maxBufferedBytes = 256 * 1024;

/**
 * The run's transaction log, `run-<id>.wandb`, written as the SDK does for every run (online
 * runs too): it is what `wandb sync` uploads, and what an online run falls back to when the
 * service stays unreachable. Writes are buffered and synchronous, so a signal handler can flush.
 * Whole records reach the file within `durableFlushMs` of being appended (a timer, plus a check
 * on every append for a busy loop that starves timers), so a kill -9 loses only the last moment.
 */
export class RunJournal {
  /** The run directory (`offline-run-…` or `run-…`). */
  directory: string;
  readonly runId: string;
  private readonly framer = new LevelDbLogFramer();
  private descriptor: number | undefined;
  private buffer: Uint8Array[] = [];
  private buffered = 0;
  /** When the oldest buffered record was appended (ms), or 0 when nothing is buffered. */
  private bufferedSince = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private durableFlushMs = defaultDurableFlushMs;
  private bufferedRecords = 0;
  private lost = 0;
  private failed: unknown;

  private constructor(directory: string, runId: string) {
    this.directory = directory;
    this.runId = runId;
  }

  /** Sets the longest time a record may stay only in memory, in ms (default 1000). */
  setDurableFlushMs(milliseconds: number): void {
    this.durableFlushMs = Math.max(0, milliseconds);
  }

  /** Creates `<wandbDirectory>/<prefix>-<time>-<id>/run-<id>.wandb` exclusively (never truncates). */
  static create(
    wandbDirectory: string,
    prefix: 'offline-run' | 'run',
    runId: string,
    started: Date,
  ): RunJournal {
    const directory = join(wandbDirectory, `${prefix}-${runDirectoryTimestamp(started)}-${runId}`);
    mkdirSync(join(directory, 'files'), { recursive: true });
    const journal = new RunJournal(directory, runId);
    journal.descriptor = openSync(journal.path, 'wx');
    writeSync(journal.descriptor, wandbFileHeader);
    return journal;
  }

  get path(): string {
    return join(this.directory, `run-${this.runId}.wandb`);
  }

  get isOpen(): boolean {
    return this.descriptor !== undefined;
  }

  /** Records that could not be written because the file failed (disk full, read-only, …). */
  get lostRecords(): number {
    return this.lost;
  }

  /** The first write failure, if the file failed; later records are counted, not written. */
  get failure(): unknown {
    return this.failed;
  }

  /** Buffers one record. Never throws: a write failure is reported once to `onFailure`, then counted. */
  append(record: Uint8Array): void {
    if (this.descriptor === undefined) return;
    if (this.failed !== undefined) {
      this.lost++;
      return;
    }
    for (const part of this.framer.frameParts(record)) {
      this.buffer.push(part);
      this.buffered += part.length;
    }
    this.bufferedRecords++;
    const now = Date.now();
    if (this.bufferedSince === 0) {
      this.bufferedSince = now;
      this.scheduleFlush();
    }
    if (this.buffered >= maxBufferedBytes || now - this.bufferedSince >= this.durableFlushMs) this.flush();
  }

  /** Writes every buffered record (whole records only). Never throws; see `append`. */
  flush(): void {
    if (this.flushTimer !== undefined) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    if (this.descriptor === undefined || this.buffered === 0) return;
    const bytes = Buffer.concat(this.buffer, this.buffered);
    const records = this.bufferedRecords;
    this.buffer = [];
    this.buffered = 0;
    this.bufferedRecords = 0;
    this.bufferedSince = 0;
    if (this.failed !== undefined) {
      this.lost += records;
      return;
    }
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(this.descriptor, bytes, written);
    } catch (error) {
      // The buffer is dropped, not kept for a retry: memory stays bounded while the disk is full.
      this.failed = error;
      this.lost += records;
      this.onFailure?.(error);
    }
  }

  /** Flushes and closes the file; idempotent, never throws. */
  close(): void {
    if (this.descriptor === undefined) return;
    this.flush();
    try {
      closeSync(this.descriptor);
    } catch {}
    this.descriptor = undefined;
  }

  /** Replaces the file's descriptor (tests: point the writes at /dev/full to simulate a full disk). */
  replaceDescriptorForTest(descriptor: number): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = descriptor;
  }

  /** Called once, with the error, when writing the file first fails. */
  onFailure: ((error: unknown) => void) | undefined;

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, this.durableFlushMs);
    // The timer must not keep a finished program alive; beforeExit/finish flush the rest.
    this.flushTimer.unref();
  }

  /** Renames `run-<time>-<id>` to `offline-run-<time>-<id>` so `wandb sync` picks it up. */
  markOffline(): void {
    const base = this.directory.split(/[\\/]/).at(-1) ?? '';
    if (base.startsWith('offline-')) return;
    const target = join(this.directory, '..', `offline-${base}`);
    renameSync(this.directory, target);
    this.directory = target;
  }
}
