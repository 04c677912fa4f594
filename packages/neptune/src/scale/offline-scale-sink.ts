import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidStateError } from '@tasklens/core';
import { createLogger, redactSecrets } from '@tasklens/core/plugin';
import { encodeScaleOperation } from './encode-scale-operation';
import { OperationsDatabase, type StoredOperation } from './operations-database';
import type { EncodedOperation } from './scale-api-client';
import type { NeptuneScaleRunResult, ScaleOperation, ScaleSink } from './scale-operation';

/** Longest an operation waits before its transaction commits, in ms (bounds what a kill can lose). */
const commitIntervalMs = 100;
/** Operations per transaction at most. */
const commitBatch = 5000;

const logger = createLogger('tasklens:neptune');

// Assigned in OfflineScaleSink's static block (which may set its private fields).
let initializeSink: (
  sink: OfflineScaleSink,
  path: string | (() => string),
  project: string,
  runId: string,
  first: ScaleOperation | undefined,
) => void;

/**
 * Offline mode: every operation goes to `run_operations.sqlite3`, for neptune-scale's sync. When
 * the database cannot be written (full disk, read-only volume) the sink warns once, drops what it
 * could not store and counts every later operation instead of writing it, so memory stays bounded
 * and the task goes on.
 *
 * The database is opened on the next turn of the event loop, not in the constructor: loading the
 * SQLite WebAssembly module and creating the schema is most of a run's start-up, and nothing needs
 * it before the first log call. Operations written before it is open wait in memory for that one
 * turn (then commit within `commitIntervalMs`, as any other), so a kill still loses only the last
 * fraction of a second. A task that never yields (a synchronous training loop) gets the same bound:
 * a write more than `commitIntervalMs` after the start, or after the oldest uncommitted operation,
 * opens or commits right there.
 */
export class OfflineScaleSink implements ScaleSink {
  // Declared only and set by initializeSink: the start makes its sink with newOfflineScaleSink,
  // without calling this class's constructor (see there).
  declare private database: OperationsDatabase | undefined;
  declare private opening: NodeJS.Immediate;
  declare private buffered: ScaleOperation[];
  declare private timer: NodeJS.Timeout | undefined;
  declare private stored: number;
  declare private dropped: number;
  declare private broken: boolean;
  declare private warnings: string[];
  declare private pathSource: string | (() => string);
  /** When the sink was made, then when the oldest uncommitted operation was stored (Unix ms). */
  declare private waitingSince: number;
  declare private project: string;
  declare private runId: string;

  /** `path`: the database file, or a function giving it (called once, when first needed). */
  constructor(path: string | (() => string), project: string, runId: string) {
    initializeSink(this, path, project, runId, undefined);
  }

  static {
    // Parenthesized, so V8 compiles it when this block runs at import, not inside a fresh
    // process's first start (as it would a constructor; see NeptuneScaleRun).
    // biome-ignore format: the parentheses are the compile hint
    initializeSink = (function initializeSink(sink: OfflineScaleSink, path: string | (() => string), project: string, runId: string, first: ScaleOperation | undefined): void {
      sink.database = undefined;
      sink.buffered = first === undefined ? [] : [first];
      sink.timer = undefined;
      // The first operation is accepted as write() accepts one before the database is open.
      sink.stored = sink.buffered.length;
      sink.dropped = 0;
      sink.broken = false;
      sink.warnings = [];
      sink.pathSource = path;
      sink.waitingSince = Date.now();
      sink.project = project;
      sink.runId = runId;
      sink.opening = setImmediate(() => sink.open());
    });
  }

  get databasePath(): string {
    return this.path;
  }

  private get path(): string {
    return typeof this.pathSource === 'string' ? this.pathSource : this.pathSource();
  }

  get queuedEvents(): number {
    return this.database === undefined ? this.buffered.length : this.database.pendingOperations;
  }

  /** Operations accepted so far (stored or waiting for the next commit): the sequence id of the last one. */
  get acceptedOperations(): number {
    return this.stored;
  }

  /**
   * Stored operations after sequence id `afterSequenceId` (at most `limit`), committing what is
   * pending first; for an online run sending what it did not keep in memory. Throws when the
   * database cannot be read.
   */
  readStored(afterSequenceId: number, limit: number): StoredOperation[] {
    this.open();
    this.commit();
    if (this.database === undefined) {
      throw new InvalidStateError({ subject: 'runDatabase', message: `${this.path} could not be opened` });
    }
    return this.database.operations(afterSequenceId, limit);
  }

  /** Operations that could not be stored (the database failed). */
  get droppedOperations(): number {
    return this.dropped;
  }

  write(operation: ScaleOperation): void {
    if (this.broken) {
      this.dropped++;
      return;
    }
    if (this.database === undefined) {
      // Encoded when the database opens: the first protobuf encoding of a process compiles the
      // message types, part of the start-up this defers.
      this.stored++;
      this.buffered.push(operation);
      // A task logging in a synchronous loop never lets the next turn come: open here once the
      // start is commitIntervalMs behind, so a kill still loses only that much.
      if (Date.now() - this.waitingSince >= commitIntervalMs) this.open();
      return;
    }
    const encoded = encodeScaleOperation(operation);
    this.stored++;
    this.store(this.database, encoded, operation);
  }

  async close(): Promise<NeptuneScaleRunResult> {
    this.open();
    this.commit();
    try {
      this.database?.close();
    } catch (error) {
      this.fail(error, 0);
    }
    return {
      outcome: this.dropped > 0 ? 'lost' : 'offline',
      deliveredOperations: 0,
      storedOperations: this.stored - this.dropped,
      droppedOperations: this.dropped,
      databasePath: this.path,
      warnings: this.warnings,
    };
  }

  /** Opens the database (once) and stores what was written before. */
  private open(): void {
    if (this.database !== undefined || this.broken) return;
    clearImmediate(this.opening);
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const database = new OperationsDatabase(this.path);
      database.saveMetadata(this.project, this.runId);
      this.database = database;
    } catch (error) {
      const waiting = this.buffered.length;
      this.buffered = [];
      this.fail(error, waiting);
      return;
    }
    const database = this.database;
    for (const operation of this.buffered.splice(0)) {
      let encoded: EncodedOperation;
      try {
        encoded = encodeScaleOperation(operation);
      } catch (error) {
        // The run validates values before writing, so this is a bug; keep the rest, say what was lost.
        this.dropped++;
        logger.warn(
          `could not encode an operation of this run (${redactSecrets(String(error))}); it is dropped`,
        );
        continue;
      }
      this.store(database, encoded, operation);
    }
    // What waited for the open has waited long enough (the first open of a process compiles
    // SQLite's WebAssembly as it runs): commit it now rather than a commit interval later.
    this.commit();
  }

  private store(
    database: OperationsDatabase,
    [type, blob]: EncodedOperation,
    operation: ScaleOperation,
  ): void {
    database.add(type, blob);
    // In the same transaction as the operation that references them, as neptune-scale saves them.
    if (operation.kind === 'update' && operation.files !== undefined)
      database.addFileUploads(Object.values(operation.files));
    if (database.pendingOperations >= commitBatch) this.commit();
    else if (this.timer === undefined) {
      this.waitingSince = Date.now();
      this.timer = setTimeout(() => this.commit(), commitIntervalMs);
      this.timer.unref();
    } else if (Date.now() - this.waitingSince >= commitIntervalMs) {
      // The timer cannot fire while a synchronous loop holds the thread: commit from here.
      this.commit();
    }
  }

  private commit(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.broken || this.database === undefined) return;
    const pending = this.database.pendingOperations;
    try {
      this.database.commit();
    } catch (error) {
      this.fail(error, pending);
    }
  }

  private fail(error: unknown, lost: number): void {
    this.database?.discardPending();
    this.dropped += lost;
    if (this.broken) return;
    this.broken = true;
    const message = `could not write ${this.path} (${redactSecrets(String(error))}); further operations of this run are counted, not stored`;
    this.warnings.push(message);
    logger.warn(message);
  }
}

/**
 * A sink for `path` (as `new OfflineScaleSink(path, project, runId)`) that already holds `first`, as
 * if written: made without calling the constructor or `write`, which V8 would compile inside a fresh
 * process's first start (a class's constructor and methods are compiled on their first call).
 */
// biome-ignore format: the parentheses are the compile hint
export const newOfflineScaleSink = (function newOfflineScaleSink(path: string | (() => string), project: string, runId: string, first?: ScaleOperation): OfflineScaleSink {
  const sink = Object.create(OfflineScaleSink.prototype) as OfflineScaleSink;
  initializeSink(sink, path, project, runId, first);
  return sink;
});
