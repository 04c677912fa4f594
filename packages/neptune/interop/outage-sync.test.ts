import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oracleCommand } from '../../../test-support/oracle-python';
import { runProcess as run } from '../../../test-support/run-process';
import { initRun, listOfflineRuns } from '../src/index';
import { legacySyncCommand } from '../src/legacy/sync-command';
import { LegacyTestServer } from '../src/testing/index';

let server: LegacyTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every point of `path` in the executeOperations bodies the server received (retries included). */
function pointsSent(target: LegacyTestServer, path: string): number[] {
  const steps: number[] = [];
  for (const request of target.requests) {
    if (request.operationId !== 'executeOperations' || request.outcome !== 'ok') continue;
    for (const operation of request.body as Record<string, { entries?: { step: number }[] }>[]) {
      if ((operation as { path?: string }).path !== path) continue;
      for (const entry of operation.logFloats?.entries ?? []) steps.push(entry.step);
    }
  }
  return steps;
}

describe('an online legacy run through a long outage', () => {
  it('leaves its .neptune/async queue, which the real `neptune sync` uploads: every value arrives once', async () => {
    server = await LegacyTestServer.start();
    const directory = mkdtempSync(join(tmpdir(), 'neptune-outage-'));
    const ours = await initRun({
      project: 'tasklens/interop',
      apiToken: server.apiToken,
      customRunId: 'outage-sync',
      name: 'outage',
      dataDirectory: directory,
      flushIntervalMs: 10,
      offlineDeadlineMs: 500,
      retry: { initialDelayMs: 10, maxDelayMs: 100 },
      environment: {},
    });
    ours.assign('parameters', { lr: 0.001, optimizer: 'adam' });
    const total = 3000;
    for (let step = 0; step < total; step++) {
      ours.log('train/loss', 1 / (step + 1), { step });
      if (step === 1000) {
        // Let the first part arrive, then the server goes away for longer than the deadline.
        for (let wait = 0; wait < 200 && pointsSent(server, 'train/loss').length < 1000; wait++)
          await new Promise((resolve) => setTimeout(resolve, 25));
        server.goDown(Number.POSITIVE_INFINITY);
      }
      if (step % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    ours.addTags('after-outage');
    const result = await ours.stop();
    expect(result.outcome).toBe('spilled');
    const delivered = pointsSent(server, 'train/loss');
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.length).toBeLessThan(total);
    const [queue] = listOfflineRuns(join(directory, '.neptune'), 'async');
    expect(queue).toBe(result.directory);

    server.comeBack();
    const command = legacySyncCommand(ours)!;
    expect(command).toBe(`neptune sync --path ${directory} --object tasklens/interop/${ours.id}`);
    const synced = await run(oracleCommand('neptune'), command.split(' ').slice(1), {
      cwd: directory,
      env: {
        NEPTUNE_API_TOKEN: server.apiToken,
        OAUTHLIB_INSECURE_TRANSPORT: '1',
        HOME: mkdtempSync(join(tmpdir(), 'neptune-home-')),
      },
    });
    expect(synced.code, synced.stdout + synced.stderr).toBe(0);
    const recorded = server.runOf({ customId: 'outage-sync' })!;
    const steps = Array.from({ length: total }, (_, step) => step);
    expect(recorded.series.get('train/loss')!.map((point) => point.step)).toEqual(steps);
    expect(recorded.series.get('train/loss')!.map((point) => point.value)).toEqual(
      steps.map((step) => 1 / (step + 1)),
    );
    // Once: no point was sent twice (neither by us before the outage nor by the CLI after it).
    expect(pointsSent(server, 'train/loss').sort((left, right) => left - right)).toEqual(steps);
    expect(recorded.values.get('parameters/lr')).toBe(0.001);
    expect(recorded.values.get('parameters/optimizer')).toBe('adam');
    expect(recorded.values.get('sys/failed')).toBe(false);
    expect([...recorded.stringSets.get('sys/tags')!]).toEqual(['after-outage']);
    // A synced queue is removed by the CLI.
    expect(listOfflineRuns(join(directory, '.neptune'), 'async')).toEqual([]);
  });
});
