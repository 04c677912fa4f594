import { createLogger } from '../logging/logger';

/** Options of `withWaitingNotice`. */
export interface WaitingNoticeOptions {
  /** What is waited on: a URL (shown as its host, never its path or query) or a host name. Required. */
  readonly waitingOn: string;
  /** How long the wait may last before the line is printed, in ms; default 2000 (no env var). */
  readonly afterMs?: number | undefined;
  /** When the caller gives up and continues offline, in ms from the start; default none (the line then does not mention it). */
  readonly fallbackAfterMs?: number | undefined;
}

/** `https://api.wandb.ai/graphql` → `api.wandb.ai`; anything that is not a URL is shown as given. */
function hostOf(target: string): string {
  try {
    return new URL(target).host || target;
  } catch {
    return target;
  }
}

/** Seconds for a human: `2 s`, `0.5 s`, `60 s`. */
function seconds(milliseconds: number): string {
  const value = milliseconds / 1000;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} s`;
}

/**
 * Resolves as `work` does, and prints one line through the `component` logger (stderr by
 * default) if `work` is still pending after `afterMs`, so an unreachable server is not met with
 * silence until the offline fallback (#15: an online init sat 34 s without a word). A wait that
 * ends sooner prints nothing. The timer never keeps the process alive.
 */
export async function withWaitingNotice<Result>(
  component: string,
  work: Promise<Result>,
  options: WaitingNoticeOptions,
): Promise<Result> {
  const afterMs = options.afterMs ?? 2000;
  const fallback =
    options.fallbackAfterMs === undefined
      ? ''
      : `… will fall back to offline after ${seconds(options.fallbackAfterMs)}`;
  const timer = setTimeout(() => {
    createLogger(component).info(
      `still waiting on ${hostOf(options.waitingOn)} (${seconds(afterMs)})${fallback}`,
    );
  }, afterMs);
  timer.unref();
  try {
    return await work;
  } finally {
    clearTimeout(timer);
  }
}
