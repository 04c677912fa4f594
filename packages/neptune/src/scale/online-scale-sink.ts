import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger, type RetryPolicy, redactSecrets, TrackingTransport } from '@tasklens/core/plugin';
import { catchUpFromDisk } from '../catch-up-from-disk';
import { ConnectingBacklog } from '../connecting-backlog';
import { encodeScaleOperation } from './encode-scale-operation';
import { ScaleFileUploader } from './files/scale-file-uploader';
import { newOfflineScaleSink, type OfflineScaleSink } from './offline-scale-sink';
import type { EncodedOperation, ScaleApiClient } from './scale-api-client';
import type { NeptuneScaleRunResult, ScaleFileUpload, ScaleOperation, ScaleSink } from './scale-operation';

const logger = createLogger('tasklens:neptune');

export interface OnlineScaleSinkOptions {
  client: ScaleApiClient;
  /** The client's handshake (config + token exchange); when it rejects, the run stays offline. */
  handshake: Promise<void>;
  project: string;
  runId: string;
  /** The run database, or a function giving it (called once, when first needed). */
  databasePath: string | (() => string);
  flushIntervalMs: number;
  offlineDeadlineMs: number;
  /** Per-request timeout of file uploads, in ms; default 30000. */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Operations kept in memory while the handshake retries; default 10000 (the rest is read back from the database). */
  maxBacklogOperations?: number;
}

/** Stored operations read back per page when catching up from the database. */
const pageSize = 2000;

/**
 * Async mode, as neptune-scale does it: every operation is first stored durably in the run's
 * `run_operations.sqlite3`, then sent through core's transport (ordered batches, retries with
 * back-off). When everything was delivered the database is removed; otherwise it stays complete,
 * and neptune-scale's sync uploads it later (points already delivered are refused by step, so
 * nothing arrives twice).
 *
 * The handshake runs in the background (the run is usable at once, as neptune-scale's own `Run`
 * hands the connection to its sync process): operations are stored from the first call and kept
 * in memory for sending until the server answered (at most `maxBacklogOperations`; past that the
 * transport is fed from the database, page by page); if it never does within the init timeout,
 * the run simply stays offline, its database complete for sync.
 */
export class OnlineScaleSink implements ScaleSink {
  private readonly store: OfflineScaleSink;
  private transport: TrackingTransport<EncodedOperation> | undefined;
  /** What was logged while connecting; undefined once connected or kept offline. */
  private backlog: ConnectingBacklog<ScaleOperation, number> | undefined;
  /** True while the transport is fed from the database (after a long connect); new operations wait there. */
  private readingBack = false;
  private catchingUp: Promise<void> = Promise.resolve();
  private uploader: ScaleFileUploader | undefined;
  /** Files assigned while connecting (few: one entry per file, not per logged value). */
  private unsentFiles: ScaleFileUpload[] = [];
  private readonly connected: Promise<boolean>;

  constructor(private readonly options: OnlineScaleSinkOptions) {
    this.store = newOfflineScaleSink(options.databasePath, options.project, options.runId);
    // Sequence ids count from 1 in the order operations are stored: the next one is accepted + 1.
    this.backlog = new ConnectingBacklog(
      options.maxBacklogOperations ?? 10_000,
      () => this.store.acceptedOperations,
    );
    this.connected = options.handshake.then(
      () => {
        this.startTransport();
        return true;
      },
      (error: unknown) => {
        logger.warn(
          `could not reach ${options.client.applicationUrl} (${redactSecrets(String(error))}); keeping the run offline for sync`,
        );
        this.backlog = undefined;
        this.unsentFiles = [];
        return false;
      },
    );
  }

  get databasePath(): string {
    return this.store.databasePath;
  }

  /** True once the handshake failed and the run is kept offline. */
  get keptOffline(): boolean {
    return this.backlog === undefined && this.transport === undefined;
  }

  /** Settles when the handshake did: true online, false when the run is kept offline. */
  get ready(): Promise<boolean> {
    return this.connected;
  }

  write(operation: ScaleOperation): void {
    this.backlog?.add(operation);
    this.store.write(operation);
    if (this.transport !== undefined && this.backlog === undefined && !this.readingBack) {
      this.transport.enqueue(encodeScaleOperation(operation));
    }
    if (operation.kind === 'update' && operation.files !== undefined) {
      const files = Object.values(operation.files);
      if (this.uploader !== undefined) this.uploader.enqueue(files);
      else if (this.backlog !== undefined) this.unsentFiles.push(...files);
    }
  }

  get queuedEvents(): number {
    if (this.transport === undefined && this.backlog === undefined) return this.store.queuedEvents;
    return (this.transport?.queuedEvents ?? 0) + (this.backlog?.size ?? 0);
  }

  async close(): Promise<NeptuneScaleRunResult> {
    await this.connected;
    await this.catchingUp;
    const transport = this.transport;
    if (transport === undefined) return this.store.close();
    const status = await transport.finish();
    const files = await this.uploader?.finish();
    const stored = await this.store.close();
    // A file not uploaded keeps the database (and its file_upload_requests row) for sync.
    if (status.outcome === 'delivered' && (files?.failed ?? 0) === 0) {
      rmSync(dirname(this.store.databasePath), { recursive: true, force: true });
      return {
        outcome: 'delivered',
        deliveredOperations: status.deliveredEvents,
        storedOperations: 0,
        databasePath: undefined,
        warnings: [...status.warnings],
        transport: status,
      };
    }
    // What was not delivered is in the database, unless the database failed too.
    const dropped = stored.droppedOperations ?? 0;
    const outcome = dropped > 0 ? 'lost' : 'spilled';
    const warnings = [...status.warnings, ...(files?.warnings ?? []), ...stored.warnings];
    return {
      outcome,
      deliveredOperations: status.deliveredEvents,
      storedOperations: stored.storedOperations,
      droppedOperations: dropped,
      databasePath: stored.databasePath,
      warnings,
      transport: { ...status, outcome, droppedEvents: status.droppedEvents + dropped, warnings },
    };
  }

  private startTransport(): void {
    const { client, project, runId } = this.options;
    const transport = new TrackingTransport<EncodedOperation>({
      name: 'neptune-scale',
      logger,
      flushIntervalMs: this.options.flushIntervalMs,
      offlineDeadlineMs: this.options.offlineDeadlineMs,
      // The run flushes on SIGTERM/SIGINT/exit itself (marking the run failed on a signal first).
      handleProcessExit: false,
      ...(this.options.retry === undefined ? {} : { retry: this.options.retry }),
      deliver: (batch) => client.submit(project, runId, batch),
      // Everything is already in the database; nothing else to keep.
      spill: () => {},
    });
    const { kept, diskFrom } = this.backlog?.take() ?? { kept: [], diskFrom: undefined };
    this.backlog = undefined;
    this.transport = transport;
    this.uploader = new ScaleFileUploader({
      client,
      project,
      deadlineMs: this.options.offlineDeadlineMs,
      requestTimeoutMs: this.options.requestTimeoutMs ?? 30_000,
      ...(this.options.retry === undefined ? {} : { retry: this.options.retry }),
    });
    this.uploader.enqueue(this.unsentFiles.splice(0));
    // Encoded only now (see OfflineScaleSink): the start of the run does not pay for it.
    for (const operation of kept) {
      try {
        transport.enqueue(encodeScaleOperation(operation));
      } catch {
        // Not sendable; the store counts and reports it (it failed to encode there too).
      }
    }
    if (diskFrom === undefined) return;
    // More was logged while connecting than memory keeps: the rest comes from the database, page
    // by page; operations logged meanwhile land there too, until it has caught up.
    this.readingBack = true;
    this.catchingUp = catchUpFromDisk(
      transport,
      diskFrom,
      (after) => {
        const rows = this.store.readStored(after, pageSize);
        return {
          events: rows.map((row): EncodedOperation => [row.operationType, row.operation]),
          next: rows.at(-1)?.sequenceId ?? after,
        };
      },
      () => {
        this.readingBack = false;
      },
    ).catch((error: unknown) => {
      logger.warn(
        `could not read back ${this.store.databasePath} (${redactSecrets(String(error))}); what is left there is for sync`,
      );
    });
  }
}
