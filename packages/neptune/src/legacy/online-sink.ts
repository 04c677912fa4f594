import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type RetryPolicy, redactSecrets, TrackingTransport } from '@tasklens/core/plugin';
import type { LegacyApiClient } from './legacy-api-client';
import type { LegacyOperation } from './legacy-operation';
import { uploadFileSet } from './upload-file-set';

type UploadOperation = Extract<LegacyOperation, { type: 'UploadFile' }>;

/** The bytes an upload operation names, or the error the Python client reports when it is gone. */
function readUpload(operation: UploadOperation, uploadDirectory: string): Uint8Array | string {
  const source =
    operation.file_path ??
    (operation.tmp_file_name === null ? undefined : join(uploadDirectory, operation.tmp_file_name));
  const notFound = `Cannot upload file ${source ?? operation.path.join('/')}: Path not found or is a not a file.`;
  if (source === undefined) return notFound;
  try {
    return readFileSync(source);
  } catch {
    return notFound;
  }
}

import { catchUpFromDisk } from '../catch-up-from-disk';
import { ConnectingBacklog } from '../connecting-backlog';
import type { LegacySink, NeptuneRunResult } from './legacy-sink';
import { OfflineRunWriter } from './offline-run-writer';

export interface OnlineSinkOptions {
  client: LegacyApiClient;
  /**
   * The handshake (client config, token, project, run creation): resolves with the server's run
   * uuid; rejecting keeps the run offline.
   */
  handshake: Promise<string>;
  /** `.neptune` directory for the run's queue (`offline/…` until the run exists, then `async/run__<run uuid>__…`). */
  dataDirectory: string;
  flushIntervalMs: number;
  offlineDeadlineMs: number;
  pingIntervalMs: number;
  retry?: Partial<RetryPolicy>;
  /** Operations per `executeOperations` call; default 1000 (what the Python client batches). */
  maxBatchSize?: number;
  /** Operations kept in memory while the handshake runs; default 10000 (the rest is read back from disk). */
  maxBacklogOperations?: number;
}

/**
 * Async mode: operations go to `executeOperations` in ordered batches through core's transport
 * (retries, back-off, exactly-once delivery of each batch in order); pings keep the run active.
 * When the server stays away past the deadline the rest stays in the run's disk queue, which
 * `neptune sync` uploads later.
 *
 * The run is usable before the server answered: its operations go from the first call to a
 * provisional offline run directory (`.neptune/offline/run__<local uuid>__…`, so a process killed
 * while connecting leaves a run `neptune sync` uploads as a new run). Once the server created the
 * run, that directory is renamed to the run's queue, `.neptune/async/run__<run uuid>__…`, as the
 * Python client names it, and sending starts from its first operation. If the handshake fails,
 * the directory stays a complete offline run.
 */
export class OnlineSink implements LegacySink {
  private transport: TrackingTransport<LegacyOperation> | undefined;
  private readonly journal: OfflineRunWriter;
  /** What was logged while connecting; undefined once connected or kept offline. */
  private backlog: ConnectingBacklog<LegacyOperation, number> | undefined;
  /** True while the transport is fed from the log (after a long connect); new operations wait there. */
  private readingBack = false;
  private catchingUp: Promise<void> = Promise.resolve();
  private readonly connected: Promise<boolean>;
  private delivered = 0;
  private putTimer: NodeJS.Timeout | undefined;
  private readonly serverErrors: string[] = [];
  private readonly logger = createLogger('tasklens:neptune');

  constructor(private readonly options: OnlineSinkOptions) {
    // Like the Python client's async mode: every operation is first in the run's disk queue,
    // acknowledged as the server applies it.
    // Created on the next turn: the start of the run does no file-system work.
    this.journal = new OfflineRunWriter({
      dataDirectory: options.dataDirectory,
      kind: 'offline',
      deferOpen: true,
    });
    this.backlog = new ConnectingBacklog(options.maxBacklogOperations ?? 10_000, () => this.journal.logBytes);
    this.connected = options.handshake.then(
      (runId) => this.connect(runId),
      (error: unknown) => this.stayOffline(`could not create the run (${redactSecrets(String(error))})`),
    );
  }

  get directory(): string {
    return this.journal.directory;
  }

  /** The provisional offline run's uuid until the server created the run, then the run's uuid. */
  get containerId(): string {
    return this.journal.containerId;
  }

  /** Settles when the handshake did: true once the run exists on the server, false when kept offline. */
  get ready(): Promise<boolean> {
    return this.connected;
  }

  get queuedEvents(): number {
    return (this.transport?.queuedEvents ?? 0) + (this.backlog?.size ?? 0);
  }

  write(operations: readonly LegacyOperation[]): void {
    const backlog = this.backlog;
    if (backlog !== undefined) for (const operation of operations) backlog.add(operation);
    this.journal.append(operations);
    // Not needed before the directory exists: creating it records last_put_version.
    if (this.putTimer === undefined && !this.journal.waitingToOpen) {
      this.putTimer = setTimeout(() => {
        this.putTimer = undefined;
        this.journal.flush();
      }, 200);
      this.putTimer.unref();
    }
    if (backlog === undefined && !this.readingBack && this.transport !== undefined) {
      for (const operation of operations) this.transport.enqueue(operation);
    }
  }

  async close(): Promise<NeptuneRunResult> {
    const online = await this.connected;
    await this.catchingUp;
    const transport = this.transport;
    if (!online || transport === undefined) return this.closeOffline();
    const status = await transport.finish();
    if (this.putTimer !== undefined) clearTimeout(this.putTimer);
    this.journal.close();
    // Undelivered operations are in the disk queue, unless the disk failed too.
    const dropped = status.outcome === 'delivered' ? 0 : this.journal.droppedOperations;
    const outcome =
      status.outcome === 'lost' || dropped > 0
        ? 'lost'
        : status.outcome === 'spilled'
          ? 'spilled'
          : 'delivered';
    // All applied: the queue is done, as the Python client removes it.
    if (outcome === 'delivered') rmSync(this.journal.directory, { recursive: true, force: true });
    return {
      outcome,
      deliveredOperations: status.deliveredEvents,
      storedOperations: outcome === 'delivered' ? 0 : Math.max(0, this.journal.lastVersion - this.delivered),
      droppedOperations: dropped,
      directory: outcome === 'delivered' ? undefined : this.journal.directory,
      warnings: [...status.warnings, ...this.serverErrors],
      transport:
        dropped > 0 ? { ...status, outcome: 'lost', droppedEvents: status.droppedEvents + dropped } : status,
    };
  }

  private connect(runId: string): boolean {
    try {
      this.journal.moveToAsync(runId);
    } catch (error) {
      return this.stayOffline(
        `could not turn ${this.journal.directory} into the run's queue (${String(error)})`,
      );
    }
    const transport = this.createTransport(runId);
    this.transport = transport;
    const { kept, diskFrom } = this.backlog?.take() ?? { kept: [], diskFrom: undefined };
    this.backlog = undefined;
    for (const operation of kept) transport.enqueue(operation);
    if (diskFrom === undefined) return true;
    this.readingBack = true;
    // More was logged while connecting than memory keeps: the rest comes from the run's log,
    // page by page; operations logged meanwhile land there too, until it has caught up.
    this.catchingUp = catchUpFromDisk(
      transport,
      diskFrom,
      (offset) => {
        const page = this.journal.readOperations(offset);
        return { events: page.operations, next: page.nextOffset };
      },
      () => {
        this.readingBack = false;
      },
    ).catch((error: unknown) => {
      this.logger.warn(
        `could not read back ${this.journal.directory} (${redactSecrets(String(error))}); what is left there is for \`neptune sync\``,
      );
    });
    return true;
  }

  private stayOffline(reason: string): false {
    this.logger.warn(`${reason}; keeping the run offline in ${this.journal.directory} for \`neptune sync\``);
    this.backlog = undefined;
    return false;
  }

  /** The provisional directory stays a complete offline run. */
  private closeOffline(): NeptuneRunResult {
    if (this.putTimer !== undefined) clearTimeout(this.putTimer);
    this.journal.close();
    const dropped = this.journal.droppedOperations;
    return {
      outcome: dropped > 0 ? 'lost' : 'offline',
      deliveredOperations: 0,
      storedOperations: this.journal.lastVersion,
      droppedOperations: dropped,
      directory: this.journal.directory,
      warnings:
        dropped > 0 ? [`${dropped} operations could not be written to ${this.journal.directory}`] : [],
    };
  }

  private createTransport(runId: string): TrackingTransport<LegacyOperation> {
    const { client } = this.options;
    return new TrackingTransport<LegacyOperation>({
      name: 'neptune',
      logger: this.logger,
      maxBatchSize: this.options.maxBatchSize ?? 1000,
      flushIntervalMs: this.options.flushIntervalMs,
      offlineDeadlineMs: this.options.offlineDeadlineMs,
      heartbeatIntervalMs: this.options.pingIntervalMs,
      // The run flushes on SIGTERM/SIGINT/exit itself (marking the run failed on a signal first).
      handleProcessExit: false,
      ...(this.options.retry === undefined ? {} : { retry: this.options.retry }),
      deliver: async (batch) => {
        // As the Python client: uploads first (they are idempotent), then the rest in order.
        for (const operation of batch) {
          if (operation.type === 'UploadFileSet') {
            const errors = await uploadFileSet(client, runId, operation);
            for (const error of errors) this.noteServerError(error);
          }
          if (operation.type !== 'UploadFile') continue;
          const content = readUpload(operation, join(this.journal.directory, 'upload_path'));
          const errors =
            typeof content === 'string'
              ? [content]
              : await client.uploadFile(runId, operation.path.join('/'), operation.ext, content);
          for (const error of errors) this.noteServerError(error);
        }
        const rest = batch.filter(
          (operation) => operation.type !== 'UploadFile' && operation.type !== 'UploadFileSet',
        );
        const errors = rest.length === 0 ? [] : await client.executeOperations(runId, rest);
        for (const error of errors) this.noteServerError(error);
        this.delivered += batch.length;
        this.journal.acknowledge(this.delivered);
      },
      heartbeat: () => client.ping(runId),
      // Everything is already in the disk queue; `neptune sync` sends what was not acknowledged.
      spill: () => {},
    });
  }

  private noteServerError(error: string): void {
    if (this.serverErrors.length < 20) {
      this.serverErrors.push(`the server rejected an operation: ${error}`);
      this.logger.warn(`the server rejected an operation: ${error}`);
    }
  }
}
