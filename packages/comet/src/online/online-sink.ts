import { ApiCallError, InvalidOptionError, InvalidStateError, TerminatedError } from '@tasklens/core';
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
import { InterruptedArtifacts } from './interrupted-artifacts';
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
 * Retry-After), and spills whatever cannot be delivered to the offline archive, which is created
 * only when needed. The experiment's handshake runs in the background: events logged before it
 * answered wait in the queue, and go to the archive if Comet never creates the experiment.
 */
export class OnlineSink implements ExperimentSink {
  /** Resolves once Comet created the experiment, or once it went offline; rejects when Comet refused the key. */
  readonly ready: Promise<void>;
  private readonly api: CometApi;
  private readonly experimentKey: string;
  private readonly transport: TrackingTransport<SequencedEvent>;
  private readonly heartbeat: CometHeartbeat;
  private readonly retryPolicy: TransportTuning['retry'];
  private readonly archiveOptions: OfflineArchiveWriterOptions;
  private readonly handshake: Promise<Handshake>;
  private accepted: Handshake | undefined;
  private refused = false;
  private readonly guessedUrl: string;
  private writer: OfflineArchiveWriter | undefined;
  private sequence = 0;
  private archived = 0;
  private error: unknown;
  private readonly warnings: string[] = [];
  private ending: Promise<SinkResult> | undefined;
  private readonly delivery: OnlineDelivery;
  /** Artifact versions Comet created whose delivery the transport gave up on half way. */
  private readonly interruptedArtifacts = new InterruptedArtifacts();

  constructor(init: {
    api: CometApi;
    experimentKey: string;
    /** The handshake in flight (already retried up to its deadline); rejects when Comet never created the experiment. */
    handshake: Promise<Handshake>;
    /** The URL the experiment will have (`<root>/<workspace>/<project>/<key>`) until the handshake names it. */
    guessedUrl: string;
    archiveOptions: OfflineArchiveWriterOptions;
    tuning?: TransportTuning | undefined;
  }) {
    const { api, experimentKey, archiveOptions } = init;
    const tuning = init.tuning ?? {};
    this.api = api;
    this.experimentKey = experimentKey;
    this.archiveOptions = archiveOptions;
    this.retryPolicy = tuning.retry;
    this.guessedUrl = init.guessedUrl;
    this.heartbeat = new CometHeartbeat(
      async () => {
        const { runId, projectId } = this.accepted!;
        return heartbeatIntervalOf((await api.statusReport(experimentKey, runId, projectId, true)).body);
      },
      {
        initialIntervalMs: tuning.heartbeatIntervalMs,
        onFailure: (error) => logger.debug(`heartbeat failed: ${redactSecrets(String(error))}`),
      },
    );
    this.handshake = init.handshake.then(
      (handshake) => {
        this.accepted = handshake;
        if (this.ending === undefined) this.heartbeat.start();
        return handshake;
      },
      (error: unknown) => {
        this.refused = true;
        // The experiment now lives in its archive: create it, so its path and upload command exist.
        try {
          this.spill([]);
        } catch {
          // A broken archive location is reported by the writer; nothing more to do here.
        }
        throw error;
      },
    );
    this.ready = this.handshake.then(
      () => undefined,
      (error: unknown) => {
        const refusal = keyRefusal(error);
        this.warn(
          `Comet did not create the experiment (${String(error)}); it continues offline in ${archiveOptions.directory}`,
        );
        if (refusal !== undefined) throw refusal;
      },
    );
    // Whoever does not await `ready` still sees the refusal as a warning; it is never unhandled.
    this.ready.catch(() => {});
    const delivery = new OnlineDelivery(api, experimentKey, () => this.accepted!);
    this.delivery = delivery;
    this.transport = new TrackingTransport<SequencedEvent>({
      name: 'comet',
      deliver: async (batch) => {
        try {
          await this.handshake;
        } catch (error) {
          // Not an ApiCallError: the transport does not retry it, it spills everything to the archive.
          throw new InvalidStateError({
            subject: 'experiment',
            message: `the experiment was never created: ${String(error)}`,
            cause: error,
          });
        }
        await delivery.deliver(batch);
      },
      spill: (events) => this.spill(events),
      maxBatchSize: 5000,
      // A program that simply ran out of work ends its experiment normally; a signal marks it crashed.
      onProcessExit: async (reason) => {
        await this.end(
          reason === 'beforeExit'
            ? undefined
            : new TerminatedError({ signal: reason, message: `the process received ${reason}` }),
        );
      },
      logger,
      ...tuning,
      // Comet's heartbeat has its own loop: its interval comes from the server's answers.
      heartbeatIntervalMs: undefined,
    });
  }

  get offline(): boolean {
    return (
      this.refused ||
      this.transport.mode === 'offline' ||
      (this.transport.mode === 'finished' && this.writer !== undefined)
    );
  }

  /** The experiment's page: the handshake's `focusUrl` + key, the expected one before it answers, none if it never did. */
  get url(): string | undefined {
    if (this.refused) return undefined;
    const focusUrl = this.accepted?.focusUrl;
    return focusUrl === null || focusUrl === undefined
      ? this.guessedUrl
      : `${focusUrl.replace(/\/?$/, '/')}${this.experimentKey}`;
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
    const accepted = await this.handshake.catch(() => undefined);
    // An experiment Comet never created still ends as an archive, so `comet upload` can create it.
    if (accepted === undefined && this.writer === undefined) this.spill([]);
    const reachable = status.outcome === 'delivered';
    if (this.writer === undefined && accepted !== undefined) {
      // As the SDK ends: a crash is `update-status` with the error; then the last heartbeat says
      // the experiment is no longer alive. Best effort: a lost end marker only leaves it "running".
      if (error !== undefined) {
        await this.bestEffort(
          () =>
            this.api.rest('write/experiment/update-status', {
              experimentKey: this.experimentKey,
              isAlive: false,
              error: redactSecrets(errorMessage(error)),
              hasCrashed: true,
            }),
          reachable,
        );
      }
      await this.bestEffort(
        () => this.api.statusReport(this.experimentKey, accepted.runId, accepted.projectId, false),
        reachable,
      );
    } else if (this.writer !== undefined) {
      await this.interruptedArtifacts.settle({
        api: this.api,
        experimentKey: this.experimentKey,
        retry: this.retryPolicy,
        warn: (message) => this.warn(message),
      });
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
          : status.outcome === 'spilled' || accepted === undefined
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
    try {
      // Throwing makes the transport count the events as lost and warn once.
      if (this.writer?.failed !== undefined) throw this.writer.failed;
      if (this.writer === undefined) {
        const writer = new OfflineArchiveWriter({
          ...this.archiveOptions,
          onFailure: (error) =>
            this.warn(
              `could not write the offline archive: ${String(error)}; events from now on are lost (counted in the result)`,
            ),
        });
        // Spilling is not on the start path: the journal is created now, so a location that cannot
        // be written fails this spill (the transport counts its events as lost and warns once).
        writer.open();
        writer.openSoon();
        this.writer = writer;
      }
    } catch (error) {
      for (const { event } of events) if (event.kind === 'artifact') event.settle({ archived: false });
      throw error;
    }
    this.writer.write(this.interruptedArtifacts.toArchive(events, this.delivery));
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

/** Comet refusing the API key (401/403, or the SDK's invalid-key code 90212) as the typed error naming `apiKey`. */
function keyRefusal(error: unknown): InvalidOptionError | undefined {
  if (!ApiCallError.isInstance(error)) return undefined;
  const invalidKeyCode = /"sdk_error_code"\s*:\s*90212\b/.test(error.responseBody ?? '');
  if (error.statusCode !== 401 && error.statusCode !== 403 && !invalidKeyCode) return undefined;
  return new InvalidOptionError({
    option: 'apiKey',
    message: `apiKey: Comet refused the API key (HTTP ${error.statusCode})`,
  });
}
