import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScaleTestServer } from '../testing/index';
import { createScaleRun } from './create-scale-run';

let server: ScaleTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('online (async) Scale runs', () => {
  it('exchanges the token and ingests the create and the snapshots in order; the database is removed after', async () => {
    server = await ScaleTestServer.start();
    const logDirectory = mkdtempSync(join(tmpdir(), 'neptune-scale-online-'));
    const run = await createScaleRun({
      project: 'ws/proj',
      runId: 'online-1',
      experimentName: 'exp',
      apiToken: server.apiToken,
      logDirectory,
      flushIntervalMs: 10,
      environment: {},
    });
    run.logConfigs({ 'parameters/lr': 0.01, 'parameters/name': 'x' });
    for (let step = 0; step < 3000; step++) run.logMetrics({ data: { 'train/loss': 1 / (step + 1) }, step });
    run.addTags(['t1', 't2']);
    run.removeTags(['t2']);
    const result = await run.close();
    expect(result).toMatchObject({ outcome: 'delivered', storedOperations: 0, databasePath: undefined });
    const recorded = server.runOf('ws/proj', 'online-1')!;
    expect(recorded.experimentId).toBe('exp');
    expect(recorded.configs.get('parameters/lr')).toBe(0.01);
    expect(recorded.metrics.get('train/loss')!.map((point) => point.step)).toEqual([...Array(3000).keys()]);
    expect([...recorded.stringSets.get('sys/tags')!]).toEqual(['t1']);
    const ingests = server.requests.filter((request) => request.path === '/api/client/v1/ingest');
    expect(ingests[0]!.operation!.operation.case).toBe('create');
    // A batch may be sent again after a slow answer on a loaded machine; the kinds are what matter.
    expect(new Set(ingests.map((request) => request.operation?.operation.case))).toEqual(
      new Set(['create', 'updateBatch']),
    );
    expect(existsSync(join(logDirectory))).toBe(true);
    expect(result.databasePath).toBeUndefined();
  }, 120_000);

  it('keeps a complete database for sync when the server cannot be reached', async () => {
    server = await ScaleTestServer.start();
    const token = server.apiToken;
    await server.close();
    server = undefined;
    const logDirectory = mkdtempSync(join(tmpdir(), 'neptune-scale-down-'));
    const run = await createScaleRun({
      project: 'ws/proj',
      runId: 'down-1',
      apiToken: token,
      logDirectory,
      initTimeoutMs: 300,
      environment: {},
    });
    run.logMetrics({ data: { loss: 1 }, step: 0 });
    const result = await run.close();
    expect(result.outcome).toBe('offline');
    expect(existsSync(result.databasePath!)).toBe(true);
  });
});
