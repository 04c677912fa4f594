import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../errors/api-call-error';
import { setLogSink } from '../logging/logger';
import { registerSecretValue } from '../secrets/secret-redactor';
import { TrackingTransport, type TrackingTransportOptions } from './tracking-transport';

const fast = { initialDelayMs: 1, maxDelayMs: 5, jitter: 0 };

function transport(
  overrides: Partial<TrackingTransportOptions<number>> & Pick<TrackingTransportOptions<number>, 'deliver'>,
) {
  return new TrackingTransport<number>({
    name: 'test',
    flushIntervalMs: 1,
    retry: fast,
    handleProcessExit: false,
    ...overrides,
  });
}

function serverError(headers?: Record<string, string>, statusCode = 500) {
  return new ApiCallError({
    message: `HTTP ${statusCode}`,
    url: 'http://x',
    statusCode,
    responseHeaders: headers,
  });
}

afterEach(() => {
  setLogSink(undefined);
});

describe('TrackingTransport', () => {
  it('delivers every event once, in order, in bounded batches', async () => {
    const batches: number[][] = [];
    const sender = transport({ maxBatchSize: 7, deliver: async (batch) => void batches.push([...batch]) });
    for (let index = 0; index < 100; index++) sender.enqueue(index);
    const status = await sender.finish();
    expect(batches.flat()).toEqual(Array.from({ length: 100 }, (_, index) => index));
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(7);
    expect(status).toMatchObject({ outcome: 'delivered', deliveredEvents: 100, spilledEvents: 0 });
  });

  it('retries retryable failures and keeps order', async () => {
    const received: number[] = [];
    let calls = 0;
    const sender = transport({
      maxBatchSize: 3,
      deliver: async (batch) => {
        calls++;
        if (calls % 2 === 1) throw serverError();
        received.push(...batch);
      },
    });
    for (let index = 0; index < 20; index++) sender.enqueue(index);
    const status = await sender.finish();
    expect(received).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(status.outcome).toBe('delivered');
  });

  it('honours Retry-After before the next attempt', async () => {
    const times: number[] = [];
    const sender = transport({
      deliver: async () => {
        times.push(Date.now());
        if (times.length === 1) throw serverError({ 'retry-after': '0.3' }, 429);
      },
      retry: { initialDelayMs: 1, maxDelayMs: 5000, jitter: 0 },
    });
    sender.enqueue(1);
    await sender.finish();
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(280);
  });

  it('spills everything, in order, once the service stays down past the deadline', async () => {
    const spilled: number[] = [];
    const sender = transport({
      offlineDeadlineMs: 50,
      deliver: async () => {
        throw serverError();
      },
      spill: (events) => void spilled.push(...events),
    });
    for (let index = 0; index < 5; index++) sender.enqueue(index);
    await new Promise((resolve) => setTimeout(resolve, 120));
    for (let index = 5; index < 8; index++) sender.enqueue(index);
    const status = await sender.finish();
    expect(spilled).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(status).toMatchObject({ outcome: 'spilled', spilledEvents: 8, deliveredEvents: 0 });
    expect(status.offlineReason).toMatch(/unreachable/);
  });

  it('spills at once when the service refuses a batch (non-retryable)', async () => {
    const spilled: number[] = [];
    const sender = transport({
      deliver: async () => {
        throw serverError({}, 400);
      },
      spill: (events) => void spilled.push(...events),
    });
    sender.enqueue(1);
    const status = await sender.finish();
    expect(spilled).toEqual([1]);
    expect(status.offlineReason).toMatch(/refused/);
  });

  it('never grows past its bound: a full queue spills instead', async () => {
    const spilled: number[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sender = transport({
      maxQueuedEvents: 10,
      maxBatchSize: 100,
      deliver: () => gate,
      spill: (events) => void spilled.push(...events),
    });
    for (let index = 0; index < 25; index++) {
      sender.enqueue(index);
      expect(sender.queuedEvents).toBeLessThan(10);
    }
    release();
    const status = await sender.finish();
    expect(spilled).toEqual(Array.from({ length: 25 }, (_, index) => index));
    expect(status.outcome).toBe('spilled');
  });

  it('never throws into the caller, even when deliver and spill both fail', async () => {
    const lines: string[] = [];
    setLogSink((_level, line) => lines.push(line));
    const sender = transport({
      deliver: async () => {
        throw new TypeError('boom');
      },
      spill: () => {
        throw new Error('disk full');
      },
    });
    expect(sender.enqueue(1)).toBe(true);
    const status = await sender.finish();
    expect(status).toMatchObject({ outcome: 'lost', droppedEvents: 1 });
    expect(sender.enqueue(2)).toBe(false);
    expect(lines.some((line) => line.includes('disk full'))).toBe(true);
  });

  it('sends heartbeats while idle', async () => {
    let beats = 0;
    const sender = transport({
      heartbeatIntervalMs: 20,
      deliver: async () => {},
      heartbeat: async () => {
        beats++;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await sender.finish();
    expect(beats).toBeGreaterThanOrEqual(1);
  });

  it('redacts registered secrets in warnings and status', async () => {
    const sentinel = 'sentinel-secret-value-1234567890';
    registerSecretValue(sentinel);
    const lines: string[] = [];
    setLogSink((_level, line) => lines.push(line));
    const sender = transport({
      deliver: async () => {
        throw new ApiCallError({ message: `bad key ${sentinel}`, url: 'http://x', statusCode: 401 });
      },
    });
    sender.enqueue(1);
    const status = await sender.finish();
    expect(JSON.stringify(status)).not.toContain(sentinel);
    expect(lines.join('\n')).not.toContain(sentinel);
    expect(lines.join('\n')).toContain('***');
  });

  it('warns once and counts the lost events when the offline spill itself fails, with bounded warnings', async () => {
    const lines: string[] = [];
    setLogSink((_level, line) => lines.push(line));
    const sender = transport({
      deliver: async () => {
        throw serverError({}, 400);
      },
      spill: () => {
        throw new Error('ENOSPC: no space left on device');
      },
    });
    for (let index = 0; index < 20_000; index++) sender.enqueue(index);
    const status = await sender.finish();
    expect(status.outcome).toBe('lost');
    expect(status.droppedEvents).toBe(20_000);
    expect(lines.filter((line) => line.includes('spill failed'))).toHaveLength(1);
    expect(status.warnings.length).toBeLessThanOrEqual(3);
  });
});
