import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLogSink } from '../logging/logger';
import { pollUntil } from '../testing/conformance-child';
import { startHoldingServer } from '../testing/holding-server';
import { sendHttpRequest } from './http-request';
import { withWaitingNotice } from './with-waiting-notice';

let lines: string[] = [];
let previousSink: ReturnType<typeof setLogSink> | undefined;

beforeEach(() => {
  lines = [];
  previousSink = setLogSink((_level, line) => lines.push(line));
});

afterEach(() => {
  vi.useRealTimers();
  setLogSink(previousSink);
});

const waitingLines = () => lines.filter((line) => line.includes('still waiting'));

describe('withWaitingNotice', () => {
  it('prints one line naming the host and the offline fallback while a server holds the request', async () => {
    const server = await startHoldingServer();
    try {
      const request = sendHttpRequest({ url: `${server.url}/graphql`, body: '{}', timeoutMs: 600_000 });
      const waited = withWaitingNotice('tasklens:example', request, {
        waitingOn: server.host,
        fallbackAfterMs: 60_000,
      });
      waited.catch(() => {});
      await pollUntil('the waiting line', () => (waitingLines().length > 0 ? true : undefined), 60_000);
      server.release();
      await expect(waited).rejects.toThrow(/failed without a response/);
      expect(waitingLines()).toEqual([
        `[tasklens:example] INFO still waiting on ${server.host} (2 s)… will fall back to offline after 60 s`,
      ]);
    } finally {
      await server.close();
    }
  });

  it('prints nothing when the answer comes first', async () => {
    const result = await withWaitingNotice('tasklens:example', Promise.resolve(42), {
      waitingOn: 'example.com',
    });
    expect(result).toBe(42);
    // Even a stalled event loop cannot print it later: the timer is gone once the work settled.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(lines).toEqual([]);
  });

  it('prints exactly once however long the wait, and never after the work settles (fake clock)', async () => {
    vi.useFakeTimers();
    let finish: (value: string) => void = () => {};
    const work = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const waited = withWaitingNotice('tasklens:example', work, {
      waitingOn: 'api.example.com',
      afterMs: 2000,
    });
    await vi.advanceTimersByTimeAsync(1999);
    expect(waitingLines()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(waitingLines()).toEqual(['[tasklens:example] INFO still waiting on api.example.com (2 s)']);
    finish('done');
    await expect(waited).resolves.toBe('done');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(waitingLines()).toHaveLength(1);
  });

  it('rejects as the work does and cancels the line when the work fails fast', async () => {
    vi.useFakeTimers();
    const failing = Promise.reject(new Error('refused'));
    await expect(withWaitingNotice('tasklens:example', failing, { waitingOn: 'x' })).rejects.toThrow(
      'refused',
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(lines).toEqual([]);
  });
});
