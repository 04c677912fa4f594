import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, parseRetryAfter, retryDelay } from './retry-policy';

describe('retryDelay', () => {
  it('grows exponentially without jitter and stops at the cap', () => {
    const policy = { ...defaultRetryPolicy, jitter: 0 };
    expect([0, 1, 2, 3].map((attempt) => retryDelay(attempt, policy))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelay(20, policy)).toBe(30_000);
  });

  it('spreads the delay by at most the jitter fraction', () => {
    expect(retryDelay(1, defaultRetryPolicy, undefined, () => 0)).toBe(750);
    expect(retryDelay(1, defaultRetryPolicy, undefined, () => 1)).toBe(1250);
  });

  it('waits at least as long as Retry-After asks, capped at maxRetryAfterMs', () => {
    const policy = { ...defaultRetryPolicy, jitter: 0, maxDelayMs: 1000 };
    expect(retryDelay(0, policy, 3000)).toBe(3000);
    expect(retryDelay(5, policy, 100)).toBe(1000);
    expect(retryDelay(0, policy, 3_600_000)).toBe(60_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', now)).toBe(5000);
  });

  it('ignores absent and unreadable values', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
