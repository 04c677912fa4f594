/** How a transport retries a failed request. */
export interface RetryPolicy {
  /** First wait after a failure, in ms; default 500. */
  readonly initialDelayMs: number;
  /** Longest wait between attempts, in ms (also caps `Retry-After`); default 30000. */
  readonly maxDelayMs: number;
  /** Growth factor between attempts; default 2. */
  readonly multiplier: number;
  /** Longest `Retry-After` honoured, in ms (a server asking for longer is waited on this long); default 60000. */
  readonly maxRetryAfterMs: number;
  /** Random spread as a fraction of the delay (0.25 → ±25%), so many clients do not retry in step; default 0.25. */
  readonly jitter: number;
}

export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  multiplier: 2,
  maxRetryAfterMs: 60_000,
  jitter: 0.25,
});

/**
 * Wait before retry number `attempt` (0 = first retry): exponential growth capped at `maxDelayMs`,
 * spread by ±jitter. A server's `Retry-After` wins when it asks for longer (up to `maxRetryAfterMs`).
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** attempt);
  const spread = exponential * policy.jitter * (2 * random() - 1);
  const backoff = Math.max(0, Math.min(policy.maxDelayMs, exponential + spread));
  if (retryAfterMs === undefined) return backoff;
  return Math.max(backoff, Math.min(policy.maxRetryAfterMs, retryAfterMs));
}

/**
 * Parses an HTTP `Retry-After` header (delay in seconds, or an HTTP date) into milliseconds from
 * `nowMs`; undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
