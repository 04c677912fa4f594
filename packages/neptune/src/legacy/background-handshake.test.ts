import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { setLogSink } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { LegacyTestServer } from '../testing/index';
import { encodeApiToken } from './api-token';
import { initRun } from './init-run';
import { listOfflineRuns, readOfflineRun } from './read-offline-run';

let server: LegacyTestServer | undefined;
afterEach(async () => {
  setLogSink(undefined);
  await server?.close();
  server = undefined;
});

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 60_000) throw new Error('condition not met within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function captureWarnings(): string[] {
  const warnings: string[] = [];
  setLogSink((level, line) => {
    if (level === 'warn') warnings.push(line);
  });
  return warnings;
}

const loggedSteps = (directory: string) =>
  readOfflineRun(directory)
    .operations.map(({ operation }) => operation)
    .filter((operation) => operation.type === 'LogFloats')
    .flatMap((operation) => operation.values.map((point) => point.step));

describe('online legacy run start-up (handshake in the background)', () => {
  it('is usable before the server answered: logs go to a provisional offline run, which becomes the run queue `async/run__<run uuid>__…` and is delivered once the server is back', async () => {
    server = await LegacyTestServer.start();
    server.goDown(Number.POSITIVE_INFINITY);
    const neptune = join(mkdtempSync(join(tmpdir(), 'neptune-background-')), '.neptune');
    const run = await initRun({
      project: 'ws/proj',
      apiToken: server.apiToken,
      customRunId: 'background-1',
      dataDirectory: join(neptune, '..'),
      flushIntervalMs: 10,
      initTimeoutMs: 600_000,
      retry: { initialDelayMs: 20, maxDelayMs: 100 },
      environment: {},
    });
    // No request can have been answered: the server refuses every connection.
    expect(server.requests.filter((request) => request.outcome === 'ok')).toEqual([]);
    expect(run.id).toBe(`offline/${run.containerId}`);
    expect(run.url).toBeUndefined();
    for (let step = 0; step < 100; step++) run.log('train/loss', 1 / (step + 1), { step });
    // On disk from the next turn on, as an offline run `neptune sync` would upload (what a kill
    // now leaves), while the handshake still retries.
    await until(() => listOfflineRuns(neptune, 'offline').length === 1);
    const [provisional] = listOfflineRuns(neptune, 'offline');
    expect(loggedSteps(provisional!)).toEqual([...Array(100).keys()]);
    expect(server.requests.filter((request) => request.outcome === 'ok')).toEqual([]);
    await until(() => server!.requests.length > 0);
    server.comeBack();
    expect(await run.ready()).toBe(true);
    const recorded = server.runOf({ customId: 'background-1' })!;
    expect(run.containerId).toBe(recorded.id);
    expect(run.id).toMatch(/^PRO-\d+$/);
    expect(run.url).toBe(`${server.url}/ws/proj/e/${run.id}`);
    // The same directory, renamed into the run's queue (pid and random part kept).
    expect(listOfflineRuns(neptune, 'offline')).toEqual([]);
    const [queue] = listOfflineRuns(neptune, 'async');
    expect(basename(queue!)).toBe(basename(provisional!).replace(/^run__[^_]+__/, `run__${recorded.id}__`));
    const metadata = JSON.parse(readFileSync(join(queue!, 'metadata.json'), 'utf8'));
    expect(metadata).toMatchObject({ mode: 'async', containerId: recorded.id, containerType: 'run' });
    run.log('train/loss', 0, { step: 100 });
    expect(await run.stop()).toMatchObject({ outcome: 'delivered' });
    expect(recorded.series.get('train/loss')!.map((point) => point.step)).toEqual([...Array(101).keys()]);
    expect(recorded.values.get('sys/failed')).toBe(false);
    // Everything applied: the queue is removed, as the Python client does.
    expect(listOfflineRuns(neptune, 'async')).toEqual([]);
  }, 120_000);

  it('a token the server refuses (401) after start is a warning and an offline run for `neptune sync`, never an error in the task', async () => {
    server = await LegacyTestServer.start({ apiKey: 'the-right-key' });
    const warnings = captureWarnings();
    const dataDirectory = mkdtempSync(join(tmpdir(), 'neptune-refused-'));
    const sentinel = 'sentinel-wrong-key-5f1c';
    const run = await initRun({
      project: 'ws/proj',
      apiToken: encodeApiToken(server.url, sentinel),
      dataDirectory,
      initTimeoutMs: 600_000,
      environment: {},
    });
    for (let step = 0; step < 10; step++) run.log('train/loss', step, { step });
    // 401 is not retried: the run is kept offline at once, not after the init timeout.
    expect(await run.ready()).toBe(false);
    expect(server.requests.some((request) => request.outcome === 'unauthorized')).toBe(true);
    expect(run.mode).toBe('offline');
    expect(run.id).toBe(`offline/${run.containerId}`);
    run.log('train/loss', 10, { step: 10 });
    const result = await run.stop();
    expect(result.outcome).toBe('offline');
    expect(result.directory).toBe(listOfflineRuns(join(dataDirectory, '.neptune'), 'offline')[0]);
    expect(loggedSteps(result.directory!)).toEqual([...Array(11).keys()]);
    expect(warnings.some((line) => line.includes('keeping the run offline'))).toBe(true);
    const token = encodeApiToken(server.url, sentinel);
    expect(warnings.join('\n')).not.toContain(sentinel);
    expect(warnings.join('\n')).not.toContain(token);
  });

  it('a server that is down for good after start: initRun does not wait for it, and the run is a complete offline run', async () => {
    server = await LegacyTestServer.start();
    const token = server.apiToken;
    await server.close();
    server = undefined;
    captureWarnings();
    const dataDirectory = mkdtempSync(join(tmpdir(), 'neptune-down-'));
    const run = await initRun({
      project: 'ws/proj',
      apiToken: token,
      dataDirectory,
      initTimeoutMs: 300,
      retry: { initialDelayMs: 20, maxDelayMs: 50 },
      environment: {},
    });
    expect(run.mode).toBe('async');
    for (let step = 0; step < 1000; step++) run.log('train/loss', step, { step });
    const result = await run.stop();
    expect(result.outcome).toBe('offline');
    expect(run.mode).toBe('offline');
    expect(loggedSteps(result.directory!)).toEqual([...Array(1000).keys()]);
    expect(readOfflineRun(result.directory!).stopped).toBe(true);
  });

  it('waitForHandshake: initRun waits, and the run id and page are final when it returns', async () => {
    server = await LegacyTestServer.start();
    const run = await initRun({
      project: 'ws/proj',
      apiToken: server.apiToken,
      dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-wait-')),
      waitForHandshake: true,
      environment: {},
    });
    expect(run.id).toMatch(/^PRO-\d+$/);
    expect(run.url).toBe(`${server.url}/ws/proj/e/${run.id}`);
    expect((await run.stop()).outcome).toBe('delivered');
  });

  it('a malformed API token is still an error at start, naming apiToken', async () => {
    await expect(initRun({ project: 'ws/proj', apiToken: 'not-a-token', environment: {} })).rejects.toSatisfy(
      (error) => error instanceof InvalidOptionError && error.option === 'apiToken',
    );
  });
});
