import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InvalidOptionError, InvalidStateError } from '@tasklens/core';
import type { ScaleFileUpload } from './scale-operation';

/** `run_operations.operation_type`: what the blob holds. */
export const OperationType = { updateSnapshot: 0, createRun: 1 } as const;

/** Database format version neptune-scale 0.30 writes and accepts. */
export const DATABASE_VERSION = 'v5';

interface Statement {
  run(values?: unknown[]): unknown;
  all(values?: unknown[]): Record<string, unknown>[];
  finalize(): void;
}
interface WasmDatabase {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  all(sql: string, values?: unknown[]): Record<string, unknown>[];
  close(): void;
}

type DatabaseClass = new (path: string) => WasmDatabase;
let databaseClass: DatabaseClass | undefined;

// node-sqlite3-wasm: SQLite compiled to WebAssembly with a VFS on Node's fs. No native build and
// no binary download, so it installs the same on Node 20 and 22 anywhere `npm ci` works.
// Required when the first database opens, not imported: loading it reads and compiles the .wasm and
// builds SQLite's runtime (1.4 MB of JS heap). At import, that heap brought a fresh process to a
// mark-compact which (with its concurrent marking threads) could land inside the first
// createScaleRun(). Synchronous, as a synchronous training loop opens the database inside a log
// call. tsup's shims give the CJS build its import.meta.url.
// biome-ignore format: the parentheses are the compile hint (compiled at import, not on the first open)
const loadDatabaseClass = (function loadDatabaseClass(): DatabaseClass {
  databaseClass ??= (createRequire(import.meta.url)('node-sqlite3-wasm') as { Database: DatabaseClass })
    .Database;
  return databaseClass;
});

// The schema exactly as neptune-scale's OperationsRepository.init_db creates it.
const schema = [
  `CREATE TABLE IF NOT EXISTS run_operations (
                    sequence_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    timestamp INTEGER NOT NULL,
                    operation_type INTEGER NOT NULL,
                    operation BLOB NOT NULL,
                    operation_size_bytes INTEGER NOT NULL
                )`,
  `CREATE INDEX IF NOT EXISTS idx_run_operations_sequence_size
                    ON run_operations (sequence_id, operation_size_bytes);`,
  `CREATE TABLE IF NOT EXISTS metadata (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    version TEXT NOT NULL,
                    project TEXT NOT NULL,
                    run_id TEXT NOT NULL
                )`,
  `CREATE TABLE IF NOT EXISTS run_operation_submission (
                    sequence_id INTEGER PRIMARY KEY,
                    timestamp INTEGER NOT NULL,
                    request_id TEXT NOT NULL
                )`,
  `CREATE TABLE IF NOT EXISTS file_upload_requests (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source_path TEXT NOT NULL,
                    destination TEXT NOT NULL,
                    mime_type TEXT NOT NULL,
                    size_bytes INTEGER NOT NULL,
                    is_temporary INTEGER NOT NULL
                )`,
  `CREATE TABLE IF NOT EXISTS operation_errors (
                    error_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    timestamp INTEGER NOT NULL,
                    error_type TEXT NOT NULL,
                    error_details TEXT NOT NULL,
                    error_body TEXT NOT NULL,
                    sequence_id INTEGER
                )`,
];

/**
 * Opens a database neptune-scale wrote for reading. Python keeps it in WAL mode, which needs shared
 * memory the WASM VFS lacks; a closed run's database has its WAL checkpointed, so a copy with the
 * header's read/write versions set back to 1 (rollback journal) holds the same data.
 */
export function readableCopy(path: string): string {
  const bytes = readFileSync(path);
  if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) {
    throw new InvalidOptionError({
      option: 'path',
      message: `${path} has an un-checkpointed WAL (the run is still open); close it first`,
    });
  }
  const directory = mkdtempSync(join(tmpdir(), 'neptune-scale-read-'));
  const copy = join(directory, basename(path));
  if (bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  writeFileSync(copy, bytes);
  // A hot rollback journal (a writer killed mid-transaction) goes along, so opening the copy rolls
  // the unfinished transaction back exactly as opening the original would.
  if (existsSync(`${path}-journal`)) writeFileSync(`${copy}-journal`, readFileSync(`${path}-journal`));
  return copy;
}

/** One stored operation. */
export interface StoredOperation {
  sequenceId: number;
  /** Unix ms when it was stored. */
  timestamp: number;
  operationType: number;
  operation: Uint8Array;
}

/**
 * neptune-scale's `run_operations.sqlite3`: the same tables, metadata row and one row per
 * protobuf operation (a serialized `Run` for creation, `UpdateRunSnapshot` otherwise), which the
 * Python sync reads and uploads. Writes are grouped into transactions by the caller (`commit`);
 * `synchronous = FULL` makes each commit durable. The WASM VFS has no shared memory, so the
 * journal is the classic rollback journal rather than WAL; neptune-scale switches a database it
 * opens to WAL itself.
 */
export class OperationsDatabase {
  private readonly database: WasmDatabase;
  private readonly insert: Statement;
  private pending: [number, number, Uint8Array][] = [];
  private pendingFiles: ScaleFileUpload[] = [];
  private inTransaction = false;

  constructor(readonly path: string) {
    this.database = new (loadDatabaseClass())(path);
    this.database.exec('PRAGMA synchronous = FULL');
    // The schema and metadata share the first transaction with the first operations: one durable
    // commit (within the sink's commit interval) instead of one fsync per statement at start.
    this.database.exec('BEGIN IMMEDIATE');
    this.inTransaction = true;
    for (const statement of schema) this.database.exec(statement);
    this.insert = this.database.prepare(
      'INSERT INTO run_operations (timestamp, operation_type, operation, operation_size_bytes) VALUES (?, ?, ?, ?)',
    );
  }

  /** The `metadata` row (database version, project, run id); a database holds one run. */
  saveMetadata(project: string, runId: string): void {
    const [row] = this.database.all('SELECT COUNT(*) AS count FROM metadata');
    if (Number(row?.count ?? 0) > 0)
      throw new InvalidStateError({ subject: 'metadata', message: 'Metadata already exists' });
    this.database.all('INSERT INTO metadata (version, project, run_id) VALUES (?, ?, ?)', [
      DATABASE_VERSION,
      project,
      runId,
    ]);
  }

  metadata(): { version: string; project: string; runId: string } | undefined {
    const [row] = this.database.all('SELECT version, project, run_id FROM metadata');
    return row === undefined
      ? undefined
      : { version: String(row.version), project: String(row.project), runId: String(row.run_id) };
  }

  /** Queues one operation for the next `commit`. */
  add(operationType: number, operation: Uint8Array, timestamp: number = Date.now()): void {
    this.pending.push([timestamp, operationType, operation]);
  }

  /** Queues `file_upload_requests` rows for the next `commit` (neptune-scale's sync uploads them). */
  addFileUploads(files: readonly ScaleFileUpload[]): void {
    this.pendingFiles.push(...files);
  }

  get pendingOperations(): number {
    return this.pending.length;
  }

  /** Writes every queued operation in one durable transaction. */
  commit(): void {
    if (this.pending.length === 0 && this.pendingFiles.length === 0 && !this.inTransaction) return;
    const rows = this.pending;
    const files = this.pendingFiles;
    this.pending = [];
    this.pendingFiles = [];
    if (!this.inTransaction) this.database.exec('BEGIN IMMEDIATE');
    this.inTransaction = false;
    try {
      for (const [timestamp, type, operation] of rows)
        this.insert.run([timestamp, type, operation, operation.byteLength]);
      for (const file of files) {
        this.database.all(
          'INSERT INTO file_upload_requests (source_path, destination, mime_type, size_bytes, is_temporary) VALUES (?, ?, ?, ?, ?)',
          [file.sourcePath, file.destination, file.mimeType, file.sizeBytes, file.isTemporary ? 1 : 0],
        );
      }
      this.database.exec('COMMIT');
    } catch (error) {
      try {
        this.database.exec('ROLLBACK');
      } catch {
        // The transaction is gone with the failing file; the caller hears of the first error.
      }
      this.pending = [...rows, ...this.pending];
      this.pendingFiles = [...files, ...this.pendingFiles];
      throw error;
    }
  }

  /** Forgets operations queued for the next commit (they could not be written). */
  discardPending(): void {
    this.pending = [];
    this.pendingFiles = [];
  }

  /** Stored operations in sequence order (from `afterSequenceId`, at most `limit`). */
  operations(afterSequenceId = 0, limit = 1_000_000): StoredOperation[] {
    return this.database
      .all(
        'SELECT sequence_id, timestamp, operation_type, operation FROM run_operations WHERE sequence_id > ? ORDER BY sequence_id LIMIT ?',
        [afterSequenceId, limit],
      )
      .map((row) => ({
        sequenceId: Number(row.sequence_id),
        timestamp: Number(row.timestamp),
        operationType: Number(row.operation_type),
        operation: row.operation as Uint8Array,
      }));
  }

  close(): void {
    this.commit();
    this.insert.finalize();
    this.database.close();
  }
}
