import { expect } from 'vitest';
import { pollUntil } from '../conformance-child';
import type { ConformanceFaultKind } from '../tracker-conformance-adapter';
import { type ConformanceContext, pause, range, stepsOf } from './conformance-context';

const mixedFaults = { errorRate: 0.2, rateLimitRate: 0.1, retryAfterSeconds: 0.05, dropRate: 0.1 };

/**
 * Exactly-once, in-order delivery through 500s, 429s with Retry-After, dropped connections and an
 * outage window. Rows keep coming until every fault kind was really injected, so the case does
 * not depend on how many requests the machine's speed produced.
 */
export async function faultsCase(context: ConformanceContext): Promise<void> {
  const server = await context.server();
  const options = context.runOptions('faults', { mode: 'online', serverUrl: server.url });
  const run = await context.adapter.startRun(options);
  run.logParams({ learning_rate: 0.01, optimizer: 'adam' });
  server.setFaults(mixedFaults);
  const wanted: ConformanceFaultKind[] = ['error', 'rate-limit', 'drop', 'down'];
  let step = 0;
  let outage: 'before' | 'during' | 'after' = 'before';
  const limit = context.rows * 20;
  while (step < context.rows || (wanted.some((kind) => !server.faultsInjected().has(kind)) && step < limit)) {
    run.logMetrics(step, { value: step, loss: 1 / (step + 1) });
    step++;
    if (step % 10 === 0) await pause(5);
    if (outage === 'before' && step >= context.rows / 3) {
      server.goDown(Number.POSITIVE_INFINITY);
      outage = 'during';
    }
    if (outage === 'during' && server.faultsInjected().has('down')) {
      server.goDown(0);
      outage = 'after';
    }
  }
  if (outage === 'during') {
    await pollUntil(
      'a request during the outage',
      () => (server.faultsInjected().has('down') ? true : undefined),
      30_000,
    );
    server.goDown(0);
  }
  const status = await run.finish();
  expect(status.outcome).toBe('delivered');
  for (const kind of wanted) expect(server.faultsInjected()).toContain(kind);
  const received = server.received(options.runId);
  expect(stepsOf(received)).toEqual(range(step));
  expect(received?.rows.map((row) => row.values.value)).toEqual(range(step));
  expect(received?.params).toMatchObject({ learning_rate: 0.01, optimizer: 'adam' });
  expect([received?.finished, received?.exitCode ?? 0]).toEqual([true, 0]);
}

/** Server gone for good: the run ends complete in the offline files, which the vendor CLI syncs. */
export async function outageCase(context: ConformanceContext): Promise<void> {
  const server = await context.server();
  const options = context.runOptions('outage', {
    mode: 'online',
    serverUrl: server.url,
    offlineDeadlineMs: 300,
  });
  const run = await context.adapter.startRun(options);
  run.logParams({ batch_size: 32 });
  for (let step = 0; step < context.rows; step++) {
    run.logMetrics(step, { value: step });
    if (step === Math.floor(context.rows / 4)) server.goDown(Number.POSITIVE_INFINITY);
    if (step % 10 === 0) await pause(5);
  }
  const status = await run.finish();
  expect(status.outcome).toBe('spilled');
  const offline = await context.adapter.readOffline(options.directory, options.runId);
  expect(offline?.damage).toBeUndefined();
  expect(stepsOf(offline)).toEqual(range(context.rows));
  expect(offline?.params).toMatchObject({ batch_size: 32 });
  expect([offline?.finished, offline?.exitCode ?? 0]).toEqual([true, 0]);
  if (context.adapter.syncWithVendorCli === undefined) return;
  const target = await context.server();
  await context.adapter.syncWithVendorCli(options.directory, options.runId, target);
  const synced = target.received(options.runId);
  expect(stepsOf(synced)).toEqual(range(context.rows));
  expect(synced?.finished).toBe(true);
}

/**
 * A redirect is never delivery (the rows end offline, none counted as sent), and a huge error
 * body is not read into memory: the rows are delivered once the server behaves again.
 */
export async function redirectAndHugeBodyCase(context: ConformanceContext): Promise<void> {
  const server = await context.server();
  const redirected = context.runOptions('redirect', {
    mode: 'online',
    serverUrl: server.url,
    offlineDeadlineMs: 500,
  });
  const run = await context.adapter.startRun(redirected);
  server.setFaults({ redirectRate: 1 });
  for (let step = 0; step < 20; step++) run.logMetrics(step, { value: step });
  const status = await run.finish();
  expect(server.faultsInjected()).toContain('redirect');
  expect(status.outcome).not.toBe('delivered');
  expect(stepsOf(server.received(redirected.runId))).toEqual([]);
  expect(stepsOf(await context.adapter.readOffline(redirected.directory, redirected.runId))).toEqual(
    range(20),
  );

  server.setFaults({});
  const huge = context.runOptions('huge-body', { mode: 'online', serverUrl: server.url });
  const second = await context.adapter.startRun(huge);
  const before = memoryInUse();
  let peak = before;
  server.setFaults({ hugeBodyRate: 1, hugeBodyBytes: 192 * 1024 * 1024 });
  for (let step = 0; step < 20; step++) second.logMetrics(step, { value: step });
  await pollUntil(
    'a huge body to be answered',
    async () => {
      peak = Math.max(peak, memoryInUse());
      await pause(20);
      return server.faultsInjected().has('huge-body') ? true : undefined;
    },
    60_000,
  );
  for (let index = 0; index < 20; index++) {
    peak = Math.max(peak, memoryInUse());
    await pause(25);
  }
  server.setFaults({});
  const secondStatus = await second.finish();
  expect(secondStatus.outcome).toBe('delivered');
  expect(stepsOf(server.received(huge.runId))).toEqual(range(20));
  // 192 MiB of body would be 192+ MiB (384 MiB as a JS string) if read whole.
  expect(peak - before).toBeLessThan(96 * 1024 * 1024);
}

function memoryInUse(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}
