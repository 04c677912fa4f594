import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { oracleCommand, oraclePython } from '../../../test-support/oracle-python';
import { runProcess } from '../../../test-support/run-process';
import { initRun, listOfflineRuns } from '../src/index';
import { LegacyTestServer } from '../src/testing/index';
import { legacyPythonEnvironment } from './legacy-python-environment';

const script = fileURLToPath(new URL('./python/legacy_run.py', import.meta.url));
let server: LegacyTestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the legacy test server is faithful: the real neptune 1.14 client completes a run against it', () => {
  it('init_run → assign / append / add → stop', async () => {
    server = await LegacyTestServer.start();
    const cwd = mkdtempSync(join(tmpdir(), 'neptune-py-'));
    const result = await runProcess(oraclePython(), [script], {
      cwd,
      env: legacyPythonEnvironment(server.apiToken, { CUSTOM_RUN_ID: 'py-custom-1' }),
    });
    const unknown = server.requests
      .filter((request) => request.unknownRoute)
      .map((r) => `${r.method} ${r.path}`);
    expect(result.code, `${result.stderr}\nunknown routes: ${unknown.join(', ')}`).toBe(0);
    const recorded = server.runOf({ project: 'tasklens/interop', customId: 'py-custom-1' });
    expect(recorded).toBeDefined();
    expect(recorded!.values.get('sys/name')).toBe('python-run');
    expect(recorded!.values.get('sys/failed')).toBe(false);
    expect(recorded!.values.get('parameters/lr')).toBe(0.001);
    expect(recorded!.values.get('parameters/epochs')).toBe(3);
    expect(recorded!.values.get('parameters/optimizer')).toBe('adam');
    expect(recorded!.values.get('parameters/shuffle')).toBe(true);
    expect(recorded!.series.get('train/loss')!.map((point) => [point.step, point.value])).toEqual(
      [0, 1, 2, 3, 4].map((step) => [step, 1 / (step + 1)]),
    );
    expect(recorded!.series.get('train/phase')!.map((point) => point.value)).toEqual(['done']);
    expect([...recorded!.stringSets.get('sys/tags')!].sort()).toEqual(['extra', 'oracle', 'python']);
    const operationIds = new Set(server.requests.map((request) => request.operationId));
    for (const id of [
      'getClientConfig',
      'exchangeApiToken',
      'getProject',
      'createExperiment',
      'executeOperations',
    ]) {
      expect(operationIds.has(id), id).toBe(true);
    }
  });
});

describe('our legacy client against the same server', () => {
  it('sends the same kinds of requests as the Python client', async () => {
    server = await LegacyTestServer.start();
    const python = await runProcess(oraclePython(), [script], {
      cwd: mkdtempSync(join(tmpdir(), 'neptune-py-')),
      env: legacyPythonEnvironment(server.apiToken),
    });
    expect(python.code, python.stderr).toBe(0);
    const pythonKinds = new Set(server.requests.map((request) => request.operationId).filter(Boolean));
    server.requests.length = 0;
    const ours = await initRun({
      project: 'tasklens/interop',
      apiToken: server.apiToken,
      name: 'ts-run',
      tags: ['ts'],
      flushIntervalMs: 10,
      dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-ts-')),
    });
    ours.assign('parameters/lr', 0.001);
    ours.log('train/loss', 0.5, { step: 0 });
    await ours.stop();
    const ourKinds = new Set(server.requests.map((request) => request.operationId).filter(Boolean));
    for (const kind of ourKinds)
      expect(pythonKinds.has(kind), `${kind} is not something the Python client sends`).toBe(true);
    for (const kind of [
      'getClientConfig',
      'exchangeApiToken',
      'getProject',
      'createExperiment',
      'executeOperations',
    ]) {
      expect(ourKinds.has(kind), kind).toBe(true);
    }
  });

  it('`neptune sync` (the real CLI) uploads an offline run we wrote, every value delivered', async () => {
    server = await LegacyTestServer.start();
    const directory = mkdtempSync(join(tmpdir(), 'neptune-sync-'));
    const ours = await initRun({
      mode: 'offline',
      project: 'tasklens/interop',
      name: 'offline-ts',
      tags: ['a', 'b'],
      dataDirectory: directory,
    });
    ours.assign('parameters', { lr: 0.001, epochs: 3, optimizer: 'adam', shuffle: true });
    for (let step = 0; step < 1500; step++) ours.log('train/loss', 1 / (step + 1), { step });
    ours.log('train/phase', 'done', { step: 0 });
    ours.addTags('extra');
    await ours.stop();
    const result = await runProcess(
      oracleCommand('neptune'),
      ['sync', '--path', directory, '--project', 'tasklens/interop'],
      {
        cwd: directory,
        env: legacyPythonEnvironment(server.apiToken),
      },
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const recorded = server.runOf({ project: 'tasklens/interop' })!;
    expect(recorded).toBeDefined();
    expect(recorded.values.get('sys/name')).toBe('offline-ts');
    expect(recorded.values.get('parameters/lr')).toBe(0.001);
    expect(recorded.values.get('parameters/epochs')).toBe(3);
    expect(recorded.values.get('parameters/optimizer')).toBe('adam');
    expect(recorded.values.get('parameters/shuffle')).toBe(true);
    expect(recorded.series.get('train/loss')!.map((point) => [point.step, point.value])).toEqual(
      Array.from({ length: 1500 }, (_, step) => [step, 1 / (step + 1)]),
    );
    expect(recorded.series.get('train/phase')!.map((point) => point.value)).toEqual(['done']);
    expect([...recorded.stringSets.get('sys/tags')!].sort()).toEqual(['a', 'b', 'extra']);
    // Synced runs are removed from offline/ by the CLI.
    expect(listOfflineRuns(join(directory, '.neptune'))).toEqual([]);
  });
});
