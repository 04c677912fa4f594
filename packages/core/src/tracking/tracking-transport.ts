import { ApiCallError } from '../errors/api-call-error';
import { createLogger, type Logger } from '../logging/logger';
import { redactSecrets } from '../secrets/secret-redactor';
import { type ExitReason, registerExitFlush } from './exit-flush-registry';
import { defaultRetryPolicy, parseRetryAfter, type RetryPolicy, retryDelay } from './retry-policy';
import type { TrackingStatus } from './tracking-status';

export interface TrackingTransportOptions<Event> {
  /** Vendor name for log lines, e.g. `wandb`. */
  readonly name: string;
  /** Sends one batch, in order; throw (ideally `ApiCallError`) to have it retried or spilled. */
  readonly deliver: (batch: readonly Event[]) => Promise<void>;
  /** Offline spill hook: receives, in order, every event that will not be delivered online. */
  readonly spill?: ((events: readonly Event[], reason: string) => void | Promise<void>) | undefined;
  /** Keep-alive sent when nothing was delivered for `heartbeatIntervalMs`; failures are ignored. */
  readonly heartbeat?: (() => Promise<void>) | undefined;
  /** Called when the process is about to end (signal or empty loop) with the run unfinished. */
  readonly onProcessExit?: ((reason: ExitReason) => Promise<void>) | undefined;
  /** Queue bound; when reached the transport spills instead of growing; default 100000 events. */
  readonly maxQueuedEvents?: number | undefined;
  /** Events per `deliver` call; default 1000. */
  readonly maxBatchSize?: number | undefined;
  /** How long events may wait to be batched, in ms; default 1000. */
  readonly flushIntervalMs?: number | undefined;
  /** Keep-alive interval in ms; default 30000. */
  readonly heartbeatIntervalMs?: number | undefined;
  /** Continuous failure time after which the transport spills everything offline, in ms; default 120000. */
  readonly offlineDeadlineMs?: number | undefined;
  /** Longest `finish()` waits for delivery before spilling the rest, in ms; default `offlineDeadlineMs`. */
  readonly finishTimeoutMs?: number | undefined;
  /** Retry back-off; default 500 ms doubling to 30 s with ±25% jitter. */
  readonly retry?: Partial<RetryPolicy> | undefined;
  /** Register SIGTERM/SIGINT/beforeExit flushing; default true. */
  readonly handleProcessExit?: boolean | undefined;
  /** Logger; default `createLogger('tasklens:tracking:<name>')`. */
  readonly logger?: Logger | undefined;
  /** Random source for jitter (tests). */
  readonly random?: (() => number) | undefined;
}

type State = 'online' | 'offline' | 'finished';

/** Warnings kept in the status; more are counted. */
const maxKeptWarnings = 50;

/**
 * Vendor-neutral delivery of tracking events: a bounded in-memory queue drained in batches by a
 * single sender (so order is kept), retries with exponential back-off and jitter that honour
 * `Retry-After`, a spill to the vendor's offline format when the service stays unreachable past a
 * deadline (or the queue fills up), flushing on finish and before the process ends. It never
 * throws into user code: failures become warnings and the status `finish()` returns.
 */
export class TrackingTransport<Event> {
  private readonly options: TrackingTransportOptions<Event>;
  private readonly logger: Logger;
  private readonly policy: RetryPolicy;
  private readonly maxQueuedEvents: number;
  private readonly maxBatchSize: number;
  private readonly flushIntervalMs: number;
  private readonly offlineDeadlineMs: number;
  private queue: Event[] = [];
  private head = 0;
  private state: State = 'online';
  private finishing = false;
  private pumping: Promise<void> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private spillChain: Promise<void> = Promise.resolve();
  private failingSince: number | undefined;
  private lastDeliveryAt = Date.now();
  private failures = 0;
  private delivered = 0;
  private spilled = 0;
  private dropped = 0;
  private offlineReason: string | undefined;
  private readonly warnings: string[] = [];
  private readonly warned = new Set<string>();
  private suppressedWarnings = 0;
  private unregisterExit: (() => void) | undefined;
  private finishPromise: Promise<TrackingStatus> | undefined;

  constructor(options: TrackingTransportOptions<Event>) {
    this.options = options;
    this.logger = options.logger ?? createLogger(`tasklens:tracking:${options.name}`);
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.maxQueuedEvents = options.maxQueuedEvents ?? 100_000;
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.offlineDeadlineMs = options.offlineDeadlineMs ?? 120_000;
    if (options.handleProcessExit ?? true) {
      this.unregisterExit = registerExitFlush(async (reason) => {
        if (options.onProcessExit !== undefined) await options.onProcessExit(reason);
        else await this.finish();
      });
    }
    const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 30_000;
    if (options.heartbeat !== undefined) {
      this.heartbeatTimer = setInterval(
        () => this.beat(heartbeatIntervalMs),
        Math.min(heartbeatIntervalMs, 5000),
      );
      this.heartbeatTimer.unref();
    }
  }

  /** Events waiting to be delivered. */
  get queuedEvents(): number {
    return this.queue.length - this.head;
  }

  /** `online` while delivering, `offline` once spilling, `finished` after `finish()`. */
  get mode(): State {
    return this.state;
  }

  /** Queues one event; returns false (with a warning) if the transport is already finished. */
  enqueue(event: Event): boolean {
    try {
      if (this.state === 'finished') {
        this.warnOnce('after-finish', 'an event arrived after the run finished and was ignored');
        this.dropped++;
        return false;
      }
      if (this.state === 'offline') {
        this.spillEvents([event]);
        return true;
      }
      this.queue.push(event);
      if (this.queuedEvents >= this.maxQueuedEvents) {
        this.goOffline(`the in-memory queue reached its bound of ${this.maxQueuedEvents} events`);
      } else if (this.queuedEvents >= this.maxBatchSize) {
        this.kick();
      } else {
        this.scheduleFlush();
      }
      return true;
    } catch (error) {
      this.warn(`could not queue an event: ${String(error)}`);
      return false;
    }
  }

  /** Delivers what is queued now (or spills it); resolves when the queue is empty. Never rejects. */
  async flush(): Promise<void> {
    try {
      while (this.state === 'online' && this.queuedEvents > 0) {
        this.kick();
        await this.pumping;
      }
      await this.spillChain;
    } catch (error) {
      this.warn(`flush failed: ${String(error)}`);
    }
  }

  /**
   * Delivers everything (waiting at most `finishTimeoutMs`, then spilling the rest), stops the
   * timers and the exit hooks, and reports what happened. Idempotent; never rejects.
   */
  finish(): Promise<TrackingStatus> {
    this.finishPromise ??= this.finishOnce();
    return this.finishPromise;
  }

  private async finishOnce(): Promise<TrackingStatus> {
    this.finishing = true;
    this.sleepTimer?.ref();
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    const deadline = Date.now() + (this.options.finishTimeoutMs ?? this.offlineDeadlineMs);
    try {
      while (this.state === 'online' && this.queuedEvents > 0 && Date.now() < deadline) {
        this.kick();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        });
        await Promise.race([this.pumping, timeout]);
        clearTimeout(timer);
      }
      if (this.state === 'online' && this.queuedEvents > 0) {
        this.goOffline('the service did not accept every event before the finish timeout');
      }
      await this.spillChain;
    } catch (error) {
      this.warn(`finish failed: ${String(error)}`);
    }
    this.state = 'finished';
    if (this.heartbeatTimer !== undefined) clearInterval(this.heartbeatTimer);
    this.unregisterExit?.();
    return this.status();
  }

  /** The status so far (final after `finish()`). */
  status(): TrackingStatus {
    const outcome = this.dropped > 0 ? 'lost' : this.spilled > 0 ? 'spilled' : 'delivered';
    return {
      outcome,
      deliveredEvents: this.delivered,
      spilledEvents: this.spilled,
      droppedEvents: this.dropped,
      offlineReason: this.offlineReason,
      warnings:
        this.suppressedWarnings === 0
          ? [...this.warnings]
          : [...this.warnings, `… and ${this.suppressedWarnings} more warnings`],
    };
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined || this.pumping !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.kick();
    }, this.flushIntervalMs);
    if (!this.finishing) this.flushTimer.unref();
  }

  private kick(): void {
    if (this.pumping !== undefined || this.state !== 'online') return;
    if (this.flushTimer !== undefined) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined;
      if (this.state === 'online' && this.queuedEvents > 0) this.scheduleFlush();
    });
  }

  private async pump(): Promise<void> {
    while (this.state === 'online' && this.queuedEvents > 0) {
      const batch = this.queue.slice(this.head, this.head + this.maxBatchSize);
      try {
        await this.options.deliver(batch);
      } catch (error) {
        if (this.state !== 'online') return;
        if (!this.handleFailure(error)) return;
        const retryAfter = ApiCallError.isInstance(error)
          ? parseRetryAfter(error.responseHeaders?.['retry-after'])
          : undefined;
        const wait = retryDelay(this.failures - 1, this.policy, retryAfter, this.options.random);
        const left = this.offlineDeadlineMs - (Date.now() - (this.failingSince ?? Date.now()));
        await this.sleep(Math.max(0, Math.min(wait, left)), this.finishing);
        continue;
      }
      if (this.state !== 'online') return;
      this.head += batch.length;
      this.delivered += batch.length;
      this.failingSince = undefined;
      this.failures = 0;
      this.lastDeliveryAt = Date.now();
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
    }
  }

  /** Records a failed attempt; returns true if it should be retried. */
  private handleFailure(error: unknown): boolean {
    this.failures++;
    const retryable = ApiCallError.isInstance(error) ? error.isRetryable : false;
    const message = error instanceof Error ? error.message : String(error);
    if (!retryable) {
      this.goOffline(`the service refused a batch: ${message}`);
      return false;
    }
    this.failingSince ??= Date.now();
    if (Date.now() - this.failingSince >= this.offlineDeadlineMs) {
      this.goOffline(
        `the service stayed unreachable for ${(this.offlineDeadlineMs / 1000).toFixed(1)} s (${message})`,
      );
      return false;
    }
    // First failure of a streak and then every tenth: enough to notice without flooding the log.
    if (this.failures === 1 || this.failures % 10 === 0) {
      this.logger.debug(`delivery attempt ${this.failures} failed, retrying: ${message}`);
    }
    return true;
  }

  private goOffline(reason: string): void {
    if (this.state !== 'online') return;
    this.state = 'offline';
    this.offlineReason = redactSecrets(reason);
    const pending = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    if (this.options.spill === undefined) {
      this.dropped += pending.length;
      this.warn(`${reason}; there is no offline spill, so ${pending.length} events were dropped`);
      return;
    }
    this.warn(`${reason}; switching to offline mode`);
    this.spillEvents(pending);
  }

  private spillEvents(events: readonly Event[]): void {
    if (events.length === 0) return;
    const spill = this.options.spill;
    if (spill === undefined) {
      this.dropped += events.length;
      return;
    }
    const reason = this.offlineReason ?? 'offline';
    this.spillChain = this.spillChain.then(async () => {
      try {
        await spill(events, reason);
        this.spilled += events.length;
      } catch (error) {
        // One warning for the run (a full disk fails every event after the first); the count of
        // lost events is in `status().droppedEvents`.
        this.dropped += events.length;
        this.warnOnce(
          'spill-failed',
          `the offline spill failed, events from now on are lost (counted in the run status): ${String(error)}`,
        );
      }
    });
  }

  private beat(intervalMs: number): void {
    if (this.state !== 'online' || this.pumping !== undefined) return;
    if (Date.now() - this.lastDeliveryAt < intervalMs) return;
    this.lastDeliveryAt = Date.now();
    this.options.heartbeat?.().catch((error: unknown) => {
      this.logger.debug(`heartbeat failed: ${String(error)}`);
    });
  }

  private sleep(ms: number, keepAlive: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.sleepTimer === timer) this.sleepTimer = undefined;
        resolve();
      }, ms);
      if (!keepAlive) timer.unref();
      this.sleepTimer = timer;
    });
  }

  private warn(message: string): void {
    const text = redactSecrets(message);
    // Bounded: a run that warns repeatedly keeps the first warnings and a count of the rest.
    if (this.warnings.length < maxKeptWarnings) this.warnings.push(text);
    else this.suppressedWarnings++;
    this.logger.warn(text);
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warn(message);
  }
}
