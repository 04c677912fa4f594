import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LevelDbLogFramer, wandbFileHeader } from './leveldb-log';

/** `YYYYMMDD_HHMMSS` in local time, as the SDK names run directories. */
export function runDirectoryTimestamp(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}_${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/**
 * The run's transaction log, `run-<id>.wandb`, written as the SDK does for every run (online
 * runs too): it is what `wandb sync` uploads, and what an online run falls back to when the
 * service stays unreachable. Writes are buffered and synchronous, so a signal handler can flush.
 */
export class RunJournal {
  /** The run directory (`offline-run-…` or `run-…`). */
  directory: string;
  readonly runId: string;
  private readonly framer = new LevelDbLogFramer();
  private descriptor: number | undefined;
  private buffer: Uint8Array[] = [];
  private buffered = 0;

  private constructor(directory: string, runId: string) {
    this.directory = directory;
    this.runId = runId;
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

  append(record: Uint8Array): void {
    if (this.descriptor === undefined) return;
    for (const part of this.framer.frameParts(record)) {
      this.buffer.push(part);
      this.buffered += part.length;
    }
    if (this.buffered >= 256 * 1024) this.flush();
  }

  flush(): void {
    if (this.descriptor === undefined || this.buffered === 0) return;
    writeSync(this.descriptor, Buffer.concat(this.buffer, this.buffered));
    this.buffer = [];
    this.buffered = 0;
  }

  close(): void {
    if (this.descriptor === undefined) return;
    this.flush();
    closeSync(this.descriptor);
    this.descriptor = undefined;
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
