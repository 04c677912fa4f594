import {
  createLogger,
  redactSecrets,
  retryRequest,
  TrackingTransport,
  type TrackingTransportOptions,
} from '@tasklens/core/plugin';
import type { CometEvent } from '../experiment/comet-event';
import type { ExperimentSink, SinkResult } from '../experiment/experiment-sink';
import { OfflineArchiveWriter, type OfflineArchiveWriterOptions } from '../offline/offline-archive-writer';
import { errorMessage } from '../offline/offline-sink';
import type { CometApi, Handshake } from './comet-api';
import { CometHeartbeat, heartbeatIntervalOf } from './comet-heartbeat';
import { OnlineDelivery, type SequencedEvent } from './online-delivery';

const logger = createLogger('tasklens:comet');

/** Transport settings a caller may tune (tests shorten the deadlines). */
export type TransportTuning = Partial<
  Pick<
    TrackingTransportOptions<SequencedEvent>,
    | 'maxBatchSize'
    | 'flushIntervalMs'
    | 'heartbeatIntervalMs' // here: the first heartbeat interval, until the server names one (default 10000)
    | 'offlineDeadlineMs'
    | 'finishTimeoutMs'
    | 'retry'
    | 'random'
    | 'handleProcessExit'
    | 'maxQueuedEvents'
  >
>;

/**
 * Delivers events to Comet through core's `TrackingTransport` (ordered batches, retries honouring
 * Retry-After, heartbeats), and spills whatever cannot be delivered to the offline archive, which
 * is created only when needed.
 */
export class OnlineSink implements ExperimentSink {
  private readonly api: CometApi;
  private readonly experimentKey: string;
  private readonly transport: TrackingTransport<SequencedEvent>;
  private readonly heartbeat: CometHeartbeat;
  private readonly retryPolicy: TransportTuning['retry'];
  private readonly archiveOptions: OfflineArchiveWriterOptions;
  private writer: OfflineArchiveWriter | undefined;
  private sequence = 0;
  private archived = 0;
  private error: unknown;
  private readonly warnings: string[] = [];

  constructor(
    api: CometApi,
    experimentKey: string,
    handshake: Pick<Handshake, 'runId' | 'projectId'>,
    archiveOptions: OfflineArchiveWriterOptions,
    tuning: TransportTuning = {},
  ) {
    this.api = api;
    this.experimentKey = experimentKey;
    this.archiveOptions = archiveOptions;
    this.retryPolicy = tuning.retry;
    const delivery = new OnlineDelivery(api, experimentKey, handshake);
    this.transport = new TrackingTransport<SequencedEvent>({
      name: 'comet',
      deliver: (batch) => delivery.deliver(batch),
      spill: (events) => this.spill(events),
      maxBatchSize: 5000,
      // A program that simply ran out of work ends its experiment normally; a signal marks it crashed.
      onProcessExit: async (reason) => {
        await this.end(reason === 'beforeExit' ? undefined : new Error(`the process received ${reason}`));
      },
      logger,
      ...tuning,
      // Comet's heartbeat has its own loop: its interval comes from the server's answers.
      heartbeatIntervalMs: undefined,
    });
    this.heartbeat = new CometHeartbeat(
      async () =>
        heartbeatIntervalOf(
          (await api.statusReport(experimentKey, handshake.runId, handshake.projectId)).body,
        ),
      {
        initialIntervalMs: tuning.heartbeatIntervalMs,
        onFailure: (error) => logger.debug(`heartbeat failed: ${redactSecrets(String(error))}`),
      },
    );
    this.heartbeat.start();
  }

  get offline(): boolean {
    return (
      this.transport.mode === 'offline' || (this.transport.mode === 'finished' && this.writer !== undefined)
    );
  }

  get archivePath(): string | undefined {
    return this.writer?.zipPath;
  }

  get queuedEvents(): number {
    return this.transport.queuedEvents + (this.writer?.bufferedEvents ?? 0);
  }

  enqueue(event: CometEvent): void {
    this.transport.enqueue({ sequence: ++this.sequence, event });
  }

  flush(): Promise<void> {
    return this.transport.flush();
  }

  private ending: Promise<SinkResult> | undefined;

  end(error: unknown): Promise<SinkResult> {
    this.ending ??= this.endOnce(error);
    return this.ending;
  }

  warn(message: string): void {
    const safe = redactSecrets(message);
    this.warnings.push(safe);
    logger.warn(safe);
  }

  private async endOnce(error: unknown): Promise<SinkResult> {
    this.error = error;
    this.heartbeat.stop();
    const status = await this.transport.finish();
    const endTimeMillis = Date.now();
    const reachable = status.outcome === 'delivered';
    if (this.writer === undefined) {
      // Best effort: the data is delivered; a lost end marker only leaves the experiment "running".
      await this.bestEffort(
        () =>
          this.api.rest('write/experiment/set-start-end-time', {
            experimentKey: this.experimentKey,
            endTimeMillis,
          }),
        reachable,
      );
      await this.bestEffort(
        () =>
          this.api.rest('write/experiment/update-status', {
            experimentKey: this.experimentKey,
            isAlive: false,
            error: error === undefined ? null : redactSecrets(errorMessage(error)),
            hasCrashed: error !== undefined,
          }),
        reachable,
      );
    } else {
      try {
        if (error !== undefined) this.writer.setError(redactSecrets(errorMessage(error)));
        this.writer.close();
      } catch (failure) {
        this.warn(`could not finish the offline archive: ${String(failure)}`);
      }
      if (this.writer.failed === undefined)
        this.warn(`some events could not reach Comet; upload them with: comet upload ${this.writer.zipPath}`);
    }
    const lostEvents = status.droppedEvents + (this.writer?.lostEvents ?? 0);
    return {
      outcome:
        lostEvents > 0
          ? 'lost'
          : status.outcome === 'spilled'
            ? status.deliveredEvents === 0
              ? 'offline'
              : 'spilled'
            : status.outcome,
      deliveredEvents: status.deliveredEvents,
      archivedEvents: this.archived - (this.writer?.lostEvents ?? 0),
      lostEvents,
      archivePath: this.writer?.zipPath,
      warnings: [...status.warnings, ...this.warnings],
    };
  }

  private spill(events: readonly SequencedEvent[]): void {
    // Throwing makes the transport count the events as lost and warn once.
    if (this.writer?.failed !== undefined) throw this.writer.failed;
    this.writer ??= new OfflineArchiveWriter({
      ...this.archiveOptions,
      onFailure: (error) =>
        this.warn(
          `could not write the offline archive: ${String(error)}; events from now on are lost (counted in the result)`,
        ),
    });
    this.writer.write(events.map((item) => item.event));
    this.archived += events.length;
    if (this.error !== undefined) this.writer.setError(redactSecrets(errorMessage(this.error)));
  }

  private async bestEffort(call: () => Promise<unknown>, reachable: boolean): Promise<void> {
    try {
      // Retried like the data (500s, 429s) while Comet answers; one attempt once it stopped answering.
      await retryRequest(call, { deadlineMs: reachable ? 10_000 : 0, retry: this.retryPolicy });
    } catch (failure) {
      this.warn(`Comet did not record the end of the experiment: ${String(failure)}`);
    }
  }
}
