import { ApiCallError } from '../errors/api-call-error';
import { defaultRetryPolicy, parseRetryAfter, type RetryPolicy, retryDelay } from './retry-policy';

export interface RetryRequestOptions {
  /** Give up (rethrow the last error) once this much time has passed, in ms; default 60000. */
  readonly deadlineMs?: number | undefined;
  /** Back-off; default 500 ms doubling to 30 s with ±25% jitter. */
  readonly retry?: Partial<RetryPolicy> | undefined;
  /** Called before each wait (for debug logging). */
  readonly onRetry?: ((error: unknown, attempt: number, waitMs: number) => void) | undefined;
  readonly random?: (() => number) | undefined;
}

/**
 * Runs `attempt` until it succeeds, retrying retryable `ApiCallError`s (5xx, 429, timeouts, no
 * answer) with back-off that honours `Retry-After`, until `deadlineMs`. Other errors are
 * rethrown at once. For one-off calls (creating a run); queued events use `TrackingTransport`.
 */
export async function retryRequest<Result>(
  attempt: () => Promise<Result>,
  options: RetryRequestOptions = {},
): Promise<Result> {
  const policy = { ...defaultRetryPolicy, ...options.retry };
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  for (let failures = 0; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      if (!ApiCallError.isInstance(error) || !error.isRetryable) throw error;
      const retryAfter = parseRetryAfter(error.responseHeaders?.['retry-after']);
      const wait = retryDelay(failures, policy, retryAfter, options.random);
      if (Date.now() + wait > deadline) throw error;
      options.onRetry?.(error, failures + 1, wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
