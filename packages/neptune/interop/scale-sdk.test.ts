import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { oraclePython } from '../../../test-support/oracle-python';
import { runProcess } from '../../../test-support/run-process';
import { createScaleRun } from '../src/index';
import { ScaleTestServer } from '../src/testing/index';
import { scalePythonEnvironment, syncWithNeptuneScale } from './scale-python-environment';

const script = fileURLToPath(new URL('./python/scale_run.py', import.meta.url));
let server: ScaleTestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the Scale test server is faithful: the real neptune-scale 0.30 completes a run against it', () => {
  it('Run → log_configs / log_metrics / add_tags → close', async () => {
    server = await ScaleTestServer.start();
    const result = await runProcess(oraclePython(), [script], {
      cwd: mkdtempSync(join(tmpdir(), 'neptune-scale-py-')),
      env: scalePythonEnvironment(server.apiToken, { RUN_ID: 'py-run-1' }),
    });
    const unknown = server.requests
      .filter((request) => request.unknownRoute)
      .map((r) => `${r.method} ${r.path}`);
    expect(result.code, `${result.stderr}\nunknown routes: ${unknown.join(', ')}`).toBe(0);
    const recorded = server.runOf('tasklens/scale', 'py-run-1')!;
    expect(recorded).toBeDefined();
    expect(recorded.experimentId).toBe('py-experiment');
    expect(Object.fromEntries(recorded.configs)).toMatchObject({
      'parameters/lr': 0.001,
      'parameters/epochs': 3,
      'parameters/optimizer': 'adam',
      'parameters/shuffle': true,
    });
    expect(recorded.metrics.get('train/loss')!.map((point) => [point.step, point.value])).toEqual(
      [0, 1, 2, 3, 4].map((step) => [step, 1 / (step + 1)]),
    );
    expect([...recorded.stringSets.get('sys/tags')!].sort()).toEqual(['oracle', 'python']);
  });
});

describe("neptune-scale's own sync uploads our offline runs", () => {
  it('every value of a run we wrote offline arrives', async () => {
    server = await ScaleTestServer.start();
    const logDirectory = mkdtempSync(join(tmpdir(), 'neptune-scale-ts-'));
    const ours = await createScaleRun({
      mode: 'offline',
      project: 'tasklens/scale',
      runId: 'ts-run-1',
      experimentName: 'ts-exp',
      logDirectory,
    });
    ours.logConfigs({
      'parameters/lr': 0.001,
      'parameters/epochs': 3,
      'parameters/optimizer': 'adam',
      'parameters/shuffle': true,
    });
    for (let step = 0; step < 2000; step++)
      ours.logMetrics({ data: { 'train/loss': 1 / (step + 1), 'train/acc': step / 2000 }, step });
    ours.addTags(['a', 'b']);
    const closed = await ours.close();
    const result = await syncWithNeptuneScale(closed.databasePath!, logDirectory, server.apiToken);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const recorded = server.runOf('tasklens/scale', 'ts-run-1')!;
    expect(recorded).toBeDefined();
    expect(recorded.experimentId).toBe('ts-exp');
    expect(Object.fromEntries(recorded.configs)).toEqual({
      'parameters/lr': 0.001,
      'parameters/epochs': 3,
      'parameters/optimizer': 'adam',
      'parameters/shuffle': true,
    });
    expect(recorded.metrics.get('train/loss')!.map((point) => [point.step, point.value])).toEqual(
      Array.from({ length: 2000 }, (_, step) => [step, 1 / (step + 1)]),
    );
    expect(recorded.metrics.get('train/acc')).toHaveLength(2000);
    expect([...recorded.stringSets.get('sys/tags')!].sort()).toEqual(['a', 'b']);
  });
});
