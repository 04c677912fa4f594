import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { arch, release, type } from 'node:os';
import { join } from 'node:path';
import { InvalidStateError } from '@tasklens/core';
import { createLogger, redactSecrets } from '@tasklens/core/plugin';
import { VERSION } from '../version';
import type { LegacyOperation } from './legacy-operation';

const logger = createLogger('tasklens:neptune');

/** Where the 1.x client keeps its queues: `<dir>/.neptune`; dir from the resolved `dataDirectory` option (code, else `NEPTUNE_DATA_DIRECTORY`), else cwd. */
export function neptuneDataDirectory(directory: string | undefined): string {
  return join(directory ?? process.cwd(), '.neptune');
}

/**
 * A fresh container uuid (version 4) and the directory's 8-character random suffix, from one read
 * of the random source: `randomUUID()` would set up its own buffered source on first use, about
 * a millisecond of a fresh process's start.
 */
function randomIdentity(): { uuid: string; suffix: string } {
  const bytes = randomBytes(24);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex', 0, 16);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const suffix = Array.from(bytes.subarray(16), (byte) => alphabet[byte % alphabet.length]).join('');
  return { uuid, suffix };
}

export interface OfflineRunWriterOptions {
  /** The `.neptune` directory. */
  dataDirectory: string;
  /** `offline` for offline runs; `async` for an online run's spill (synced into the same run). */
  kind: 'offline' | 'async';
  /** Container id: a fresh uuid offline, the server's run uuid for `async`. */
  containerId?: string;
  /** Version the next operation gets; default 1. */
  firstVersion?: number;
  /**
   * Create the directory on the next turn of the event loop instead of in the constructor, so
   * starting a run does no file-system work; operations appended before wait in memory for that
   * one turn. Default false.
   */
  deferOpen?: boolean;
}

/**
 * Writes a run's operations as the 1.x client's disk queue (structure version 3):
 * `<kind>/run__<uuid>__<pid>__<rand>/` with `metadata.json`, `data-1.log` (one
 * `{"obj", "version", "at"}` JSON line per operation), `last_put_version` and, once stopped,
 * `last_ack_version`.
 * Every `append` reaches the kernel before it returns (a synchronous write; with `deferOpen`,
 * those of the first turn when the directory is created just after it), so a killed process
 * loses nothing it logged; `last_put_version` is rewritten atomically on `flush`/`close` and
 * the reader also recovers it from the log, as `neptune sync` needs it to be exact.
 */
export class OfflineRunWriter {
  private currentDirectory: string;
  private currentContainerId: string;
  private readonly dataDirectory: string;
  private readonly directoryName: (containerId: string) => string;
  private readonly createdAt = new Date().toISOString().replace('Z', '+00:00');
  private readonly kind: 'offline' | 'async';
  private readonly logName: string;
  private logFile: number | undefined;
  private opening: NodeJS.Immediate | undefined;
  /** Lines appended before the directory exists (deferOpen), and how many operations they hold. */
  private unwritten = '';
  private unwrittenOperations = 0;
  private bytes = 0;
  private version: number;
  private writtenPutVersion = -1;
  private acknowledged = 0;
  private closed = false;
  private dropped = 0;
  private broken = false;

  constructor(options: OfflineRunWriterOptions) {
    const random = randomIdentity();
    this.currentContainerId = options.containerId ?? random.uuid;
    this.dataDirectory = options.dataDirectory;
    const suffix = `${process.pid}__${random.suffix}`;
    this.directoryName = (containerId) => `run__${containerId}__${suffix}`;
    this.currentDirectory = join(
      options.dataDirectory,
      options.kind,
      this.directoryName(this.currentContainerId),
    );
    this.kind = options.kind;
    this.version = (options.firstVersion ?? 1) - 1;
    this.logName = `data-${this.version + 1}.log`;
    if (options.deferOpen === true) {
      this.opening = setImmediate(() => this.open());
      return;
    }
    this.createFiles();
  }

  /** Creates the directory, its metadata and the log (once; a failure breaks the writer with a warning). */
  open(): void {
    if (this.logFile !== undefined || this.broken) return;
    if (this.opening !== undefined) clearImmediate(this.opening);
    this.opening = undefined;
    const text = this.unwritten;
    const operations = this.unwrittenOperations;
    this.unwritten = '';
    this.unwrittenOperations = 0;
    let written = false;
    try {
      this.createFiles();
      written = text === '' || this.writeLines(text, operations);
    } catch (error) {
      this.fail(error, operations);
    }
    if (!written) {
      // Not kept: like any operation the disk refused, they count as dropped, not as versions.
      this.version -= operations;
      this.bytes -= Buffer.byteLength(text);
    }
  }

  private createFiles(): void {
    mkdirSync(join(this.directory, 'upload_path'), { recursive: true });
    this.writeMetadata(this.kind);
    // Read and append: operations logged while the run connects are read back from here.
    this.logFile = openSync(join(this.directory, this.logName), 'a+');
    this.writePutVersion();
  }

  /**
   * True while the directory waits for its deferred creation (`deferOpen`): creating it records
   * `last_put_version` for everything appended until then, so callers need no flush timer yet.
   */
  get waitingToOpen(): boolean {
    return this.opening !== undefined;
  }

  /** The run directory (`<.neptune>/<kind>/run__<container id>__<pid>__<random>`). */
  get directory(): string {
    return this.currentDirectory;
  }

  /** Container id: the offline run's own uuid, or the server's run uuid once moved to `async`. */
  get containerId(): string {
    return this.currentContainerId;
  }

  /**
   * Turns a provisional offline run into the disk queue of the server run `containerId`:
   * renames the directory to `async/run__<containerId>__<pid>__<random>` (one atomic rename, so
   * a kill leaves either a complete offline run or a complete queue, never both), then rewrites
   * `metadata.json`. `neptune sync` tells the kinds apart by the directory alone. The open log
   * descriptor follows the rename. Throws when the rename fails (the run is then still offline).
   */
  moveToAsync(containerId: string): void {
    this.open();
    const target = join(this.dataDirectory, 'async', this.directoryName(containerId));
    mkdirSync(join(this.dataDirectory, 'async'), { recursive: true });
    renameSync(this.currentDirectory, target);
    this.currentDirectory = target;
    this.currentContainerId = containerId;
    try {
      this.writeMetadata('async');
    } catch (error) {
      logger.warn(`could not update ${target}/metadata.json (${redactSecrets(String(error))})`);
    }
  }

  /** Highest version written so far. */
  get lastVersion(): number {
    return this.version;
  }

  /** Appends operations (one line each); returns the version of the last one. */
  append(operations: readonly LegacyOperation[], at: number = Date.now() / 1000): number {
    if (this.closed)
      throw new InvalidStateError({ subject: 'offlineRun', message: 'the offline run was closed' });
    if (operations.length === 0) return this.version;
    if (this.broken) {
      this.dropped += operations.length;
      return this.version;
    }
    let text = '';
    let version = this.version;
    for (const operation of operations) {
      version++;
      text += `${JSON.stringify({ obj: operation, version, at })}\n`;
    }
    if (this.logFile === undefined) {
      this.unwritten += text;
      this.unwrittenOperations += operations.length;
    } else if (!this.writeLines(text, operations.length)) {
      return this.version;
    }
    this.version = version;
    this.bytes += Buffer.byteLength(text);
    return this.version;
  }

  private writeLines(text: string, operations: number): boolean {
    try {
      writeSync(this.logFile as number, text);
      return true;
    } catch (error) {
      // A full disk or a read-only volume: warn once, then count what cannot be kept, so memory
      // stays bounded and the task goes on.
      this.fail(error, operations);
      return false;
    }
  }

  private fail(error: unknown, operations: number): void {
    this.dropped += operations;
    if (this.broken) return;
    this.broken = true;
    logger.warn(
      `could not write ${this.directory} (${redactSecrets(String(error))}); further operations of this run are counted, not stored`,
    );
  }

  /** Bytes of the log written so far: where the next operation's line starts. */
  get logBytes(): number {
    return this.bytes;
  }

  /**
   * Reads back whole operation lines from byte `offset` of the log (about `maxBytes`, more if one
   * line is longer), in version order, and where the next read starts. Empty at the end.
   */
  readOperations(offset: number, maxBytes = 1 << 20): { operations: LegacyOperation[]; nextOffset: number } {
    this.open();
    if (this.logFile === undefined) return { operations: [], nextOffset: offset };
    let size = Math.min(maxBytes, this.bytes - offset);
    for (;;) {
      if (size <= 0) return { operations: [], nextOffset: offset };
      const buffer = Buffer.alloc(size);
      const read = readSync(this.logFile, buffer, 0, size, offset);
      const end = buffer.lastIndexOf(10, read - 1);
      if (end < 0) {
        // One line longer than the page: read a bigger one (the log only holds whole lines).
        if (size >= this.bytes - offset) return { operations: [], nextOffset: offset };
        size = Math.min(size * 2, this.bytes - offset);
        continue;
      }
      const operations = buffer
        .subarray(0, end)
        .toString('utf8')
        .split('\n')
        .map((line) => (JSON.parse(line) as { obj: LegacyOperation }).obj);
      return { operations, nextOffset: offset + end + 1 };
    }
  }

  /** Operations that could not be written (the disk failed). */
  get droppedOperations(): number {
    return this.dropped;
  }

  /** Records the last version in `last_put_version`; with `durable`, fsyncs the log first. */
  flush(durable = false): void {
    if (this.closed) return;
    this.open();
    if (this.logFile === undefined) return;
    try {
      if (durable) fsyncSync(this.logFile);
      this.writePutVersion();
    } catch (error) {
      if (!this.broken) logger.warn(`could not update ${this.directory} (${redactSecrets(String(error))})`);
      this.broken = true;
    }
  }

  close(): void {
    if (this.closed) return;
    this.flush(true);
    this.closed = true;
    if (this.logFile === undefined) return;
    try {
      closeSync(this.logFile);
      // Written on a clean stop only: a directory without it was left by a killed process (neptune
      // sync reads a missing file as 0, so both kinds sync the same).
      writeFileSync(join(this.directory, 'last_ack_version'), String(this.acknowledged));
    } catch (error) {
      if (!this.broken) logger.warn(`could not close ${this.directory} (${redactSecrets(String(error))})`);
    }
  }

  /** Records that the server applied every operation up to `version` (`last_ack_version`). */
  acknowledge(version: number): void {
    this.acknowledged = version;
    const target = join(this.directory, 'last_ack_version');
    try {
      writeFileSync(`${target}.tmp`, String(version));
      renameSync(`${target}.tmp`, target);
    } catch {
      // Never fails a delivery: a stale mark only makes `neptune sync` resend applied operations.
    }
  }

  private writeMetadata(kind: 'offline' | 'async'): void {
    const metadata = {
      mode: kind,
      containerId: this.currentContainerId,
      containerType: 'run',
      structureVersion: 3,
      os: `${type()}-${release()}-${arch()}`,
      pythonVersion: `Node.js ${process.version} (@tasklens/neptune ${VERSION})`,
      neptuneClientVersion: '1.14.0',
      createdAt: this.createdAt,
    };
    const target = join(this.currentDirectory, 'metadata.json');
    writeFileSync(`${target}.tmp`, `${JSON.stringify(metadata, null, 2)}\n`);
    renameSync(`${target}.tmp`, target);
  }

  private writePutVersion(): void {
    if (this.writtenPutVersion === this.version) return;
    const target = join(this.directory, 'last_put_version');
    writeFileSync(`${target}.tmp`, String(this.version));
    renameSync(`${target}.tmp`, target);
    this.writtenPutVersion = this.version;
  }
}
