import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LegacyTestServer } from '../testing/index';
import { initRun } from './init-run';

let server: LegacyTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('online (async) runs against a Neptune 2.x server', () => {
  it('decodes the token, connects, finds the project, creates the run with the custom id and sends batches', async () => {
    server = await LegacyTestServer.start();
    const dataDirectory = mkdtempSync(join(tmpdir(), 'neptune-online-'));
    const run = await initRun({
      project: 'ws/proj',
      apiToken: server.apiToken,
      customRunId: 'my-custom-id',
      name: 'ts-run',
      tags: ['ts'],
      dataDirectory,
      flushIntervalMs: 10,
      environment: {},
    });
    expect(await run.ready()).toBe(true);
    expect(run.id).toMatch(/^PRO-\d+$/);
    expect(run.url).toBe(`${server.url}/ws/proj/e/${run.id}`);
    run.assign('parameters', { lr: 0.01, epochs: 2, optimizer: 'adam', when: new Date(1_800_000_000_000) });
    for (let step = 0; step < 2500; step++) run.log('train/loss', 1 / (step + 1), { step });
    run.log('train/phase', 'done');
    run.addTags(['more', 'tags']);
    run.removeTags('tags');
    const result = await run.stop();
    expect(result).toMatchObject({ outcome: 'delivered', storedOperations: 0 });
    const recorded = server.runOf({ customId: 'my-custom-id' })!;
    expect(recorded.id).toBe(run.containerId);
    expect(recorded.values.get('sys/name')).toBe('ts-run');
    expect(recorded.values.get('sys/failed')).toBe(false);
    expect(recorded.values.get('parameters/epochs')).toBe(2);
    expect(recorded.values.get('parameters/when')).toEqual(new Date(1_800_000_000_000));
    expect(recorded.series.get('train/loss')!.map((point) => point.step)).toEqual([...Array(2500).keys()]);
    expect([...recorded.stringSets.get('sys/tags')!]).toEqual(['ts', 'more']);
    const sent = server.requests.map((request) => request.operationId).filter((id) => id !== undefined);
    expect(sent.slice(0, 4)).toEqual([
      'getClientConfig',
      'exchangeApiToken',
      'getProject',
      'createExperiment',
    ]);
    const batches = server.requests.filter((request) => request.operationId === 'executeOperations');
    expect(batches.every((request) => (request.body as unknown[]).length <= 1000)).toBe(true);
    const create = server.requests.find((request) => request.operationId === 'createExperiment')!;
    expect(create.body).toMatchObject({ type: 'run', customId: 'my-custom-id', cliVersion: '1.14.0' });
  });

  it('the same custom run id from two processes lands in the same run (distributed jobs)', async () => {
    server = await LegacyTestServer.start();
    const options = {
      project: 'ws/proj',
      apiToken: server.apiToken,
      customRunId: 'shared',
      flushIntervalMs: 10,
      environment: {},
    };
    const first = await initRun(options);
    const second = await initRun(options);
    expect(await Promise.all([first.ready(), second.ready()])).toEqual([true, true]);
    expect(second.containerId).toBe(first.containerId);
    first.assign('worker/0', 'up');
    second.assign('worker/1', 'up');
    await Promise.all([first.stop(), second.stop()]);
    expect(server.runs.size).toBe(1);
    expect(server.runOf({ customId: 'shared' })!.values.get('worker/1')).toBe('up');
  });

  it('falls back to an offline run when the server cannot be reached (the task is not failed)', async () => {
    server = await LegacyTestServer.start();
    const token = server.apiToken;
    await server.close();
    const dataDirectory = mkdtempSync(join(tmpdir(), 'neptune-fallback-'));
    const run = await initRun({
      project: 'ws/proj',
      apiToken: token,
      dataDirectory,
      initTimeoutMs: 300,
      environment: {},
    });
    expect(await run.ready()).toBe(false);
    expect(run.mode).toBe('offline');
    run.log('train/loss', 1, { step: 0 });
    expect((await run.stop()).outcome).toBe('offline');
    server = undefined;
  });
});
