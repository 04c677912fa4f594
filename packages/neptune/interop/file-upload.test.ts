import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { oracleCommand, oraclePython } from '../../../test-support/oracle-python';
import { runProcess as run } from '../../../test-support/run-process';
import { initRun, listOfflineRuns } from '../src/index';
import { LegacyTestServer } from '../src/testing/index';
import { legacyPythonEnvironment } from './legacy-python-environment';

const script = fileURLToPath(new URL('./python/legacy_run.py', import.meta.url));
let server: LegacyTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A small text file and a 6 MiB binary file (above the 5 MiB single-request limit: multipart). */
function files() {
  const directory = mkdtempSync(join(tmpdir(), 'neptune-files-'));
  const small = join(directory, 'config.yaml');
  const large = join(directory, 'weights.bin');
  writeFileSync(small, 'lr: 0.001\noptimizer: adam\n');
  writeFileSync(large, randomBytes(6 * 1024 * 1024 + 123));
  return { small, large };
}

function fileOf(
  target: LegacyTestServer,
  filter: { customId?: string; project?: string },
  attribute: string,
) {
  return target.runOf(filter)?.files?.get(attribute);
}

const uploadKinds = [
  'fileAtomUpload',
  'fileAtomMultipartUploadStart',
  'fileAtomMultipartUploadPart',
  'fileAtomMultipartUploadFinish',
];

describe('file atoms (run["x"].upload(path)) on the legacy protocol', () => {
  it('the real neptune 1.14 uploads small and multipart files to the test server, and ours sends the same kinds of requests', async () => {
    server = await LegacyTestServer.start();
    const { small, large } = files();
    const python = await run(oraclePython(), [script], {
      cwd: mkdtempSync(join(tmpdir(), 'neptune-py-')),
      env: legacyPythonEnvironment(server.apiToken, {
        CUSTOM_RUN_ID: 'py-files',
        UPLOADS: `artifacts/config=${small},model/weights=${large}`,
      }),
    });
    expect(python.code, python.stderr).toBe(0);
    expect(fileOf(server, { customId: 'py-files' }, 'artifacts/config')).toEqual({
      ext: 'yaml',
      content: Buffer.from('lr: 0.001\noptimizer: adam\n'),
    });
    const pythonLarge = fileOf(server, { customId: 'py-files' }, 'model/weights');
    expect(pythonLarge?.ext).toBe('bin');
    expect(pythonLarge?.content.equals(readFileSync(large))).toBe(true);
    const pythonKinds = new Set(server.requests.map((request) => request.operationId));
    for (const kind of uploadKinds) expect(pythonKinds.has(kind), kind).toBe(true);

    server.requests.length = 0;
    const ours = await initRun({
      project: 'tasklens/interop',
      apiToken: server.apiToken,
      customRunId: 'ts-files',
      flushIntervalMs: 10,
      dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-ts-')),
      environment: {},
    });
    ours.upload('artifacts/config', small);
    ours.upload('model/weights', large);
    ours.upload('artifacts/raw', new Uint8Array([0, 1, 2, 255]));
    expect((await ours.stop()).outcome).toBe('delivered');
    expect(fileOf(server, { customId: 'ts-files' }, 'artifacts/config')).toEqual(
      fileOf(server, { customId: 'py-files' }, 'artifacts/config'),
    );
    expect(
      fileOf(server, { customId: 'ts-files' }, 'model/weights')?.content.equals(pythonLarge!.content),
    ).toBe(true);
    expect(fileOf(server, { customId: 'ts-files' }, 'artifacts/raw')).toEqual({
      ext: 'bin',
      content: Buffer.from([0, 1, 2, 255]),
    });
    const ourKinds = new Set(server.requests.map((request) => request.operationId));
    for (const kind of ourKinds)
      expect(pythonKinds.has(kind), `${kind} is not something the Python client sends`).toBe(true);
    for (const kind of uploadKinds) expect(ourKinds.has(kind), kind).toBe(true);
  });

  it('an offline run stores uploads as the 1.x queue does, and `neptune sync` uploads them', async () => {
    server = await LegacyTestServer.start();
    const { small, large } = files();
    const directory = mkdtempSync(join(tmpdir(), 'neptune-offline-files-'));
    const ours = await initRun({
      mode: 'offline',
      project: 'tasklens/interop',
      dataDirectory: directory,
      environment: {},
    });
    ours.upload('artifacts/config', small);
    ours.upload('model/weights', large);
    ours.upload('artifacts/notes', new TextEncoder().encode('offline notes'), { extension: 'txt' });
    await ours.stop();
    const result = await run(
      oracleCommand('neptune'),
      ['sync', '--path', directory, '--project', 'tasklens/interop'],
      {
        cwd: directory,
        env: legacyPythonEnvironment(server.apiToken),
      },
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(fileOf(server, { project: 'tasklens/interop' }, 'artifacts/config')).toEqual({
      ext: 'yaml',
      content: Buffer.from('lr: 0.001\noptimizer: adam\n'),
    });
    expect(fileOf(server, { project: 'tasklens/interop' }, 'model/weights')?.content.length).toBe(
      6 * 1024 * 1024 + 123,
    );
    expect(fileOf(server, { project: 'tasklens/interop' }, 'artifacts/notes')).toEqual({
      ext: 'txt',
      content: Buffer.from('offline notes'),
    });
    expect(listOfflineRuns(join(directory, '.neptune'))).toEqual([]);
  });
});
