/** The SDK's first heartbeat interval (`INITIAL_HEARTBEAT_INTERVAL`), used until the server names one. */
export const initialHeartbeatIntervalMs = 10_000;

/** One heartbeat: resolves with the interval the server asks for next, in ms (undefined: keep the current one). */
export type SendHeartbeat = () => Promise<number | undefined>;

/**
 * Comet's "experiment is alive" beat, run like the SDK's heartbeat thread: wait the interval, send
 * `status-report/update`, and take the next interval from the answer's
 * `is_alive_beat_duration_millis`. The fixed 10 s is only the starting value and the fallback when
 * an answer names no usable interval; a failed beat keeps the current interval (the SDK logs and
 * goes on). The timer never keeps the process alive.
 */
export class CometHeartbeat {
  private intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly send: SendHeartbeat;
  private readonly onFailure: (error: unknown) => void;

  constructor(
    send: SendHeartbeat,
    options: { initialIntervalMs?: number | undefined; onFailure?: (error: unknown) => void } = {},
  ) {
    this.send = send;
    this.intervalMs = options.initialIntervalMs ?? initialHeartbeatIntervalMs;
    this.onFailure = options.onFailure ?? (() => {});
  }

  /** The interval until the next beat, in ms (the server's last answer, else the starting value). */
  get currentIntervalMs(): number {
    return this.intervalMs;
  }

  /** Schedules the first beat one interval from now. */
  start(): void {
    if (!this.stopped && this.timer === undefined) this.schedule();
  }

  /** Stops beating; a beat in flight finishes but schedules no other. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.beat(), this.intervalMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    this.timer = undefined;
    try {
      const next = await this.send();
      // A nonsensical interval (0, negative, not a number) would busy-loop or stop beating: ignored.
      if (next !== undefined && Number.isFinite(next) && next > 0) this.intervalMs = next;
    } catch (error) {
      this.onFailure(error);
    }
    if (!this.stopped) this.schedule();
  }
}

/** The interval a `status-report/update` answer asks for (`is_alive_beat_duration_millis`), if any. */
export function heartbeatIntervalOf(body: string): number | undefined {
  try {
    const value = (JSON.parse(body) as { is_alive_beat_duration_millis?: unknown })
      .is_alive_beat_duration_millis;
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}
