import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { oracleCommand, oraclePython } from '../../../test-support/oracle-python';
import { runProcess as run } from '../../../test-support/run-process';
import { initRun, listOfflineRuns } from '../src/index';
import { fileSetEntries } from '../src/legacy/file-set-packages';
import { tarGzArchive } from '../src/legacy/tar-gz-archive';
import { LegacyTestServer } from '../src/testing/index';
import { legacyPythonEnvironment } from './legacy-python-environment';

const script = fileURLToPath(new URL('./python/legacy_run.py', import.meta.url));
let server: LegacyTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A tree with nested, hidden, long-named and non-ASCII files, and a 6 MiB file (multipart). */
function tree() {
  const root = mkdtempSync(join(tmpdir(), 'neptune-fileset-'));
  const files: Record<string, Buffer> = {
    'data/a.csv': Buffer.from('x,y\n1,2\n'),
    'data/sub/b.csv': Buffer.from('x,y\n3,4\n'),
    'data/.hidden': Buffer.from('hidden'),
    [`data/${'long-directory-name/'.repeat(6)}c.csv`]: Buffer.from('deep'),
    'data/zürich.txt': Buffer.from('non-ascii'),
    'logs/run.log': Buffer.from('log line\n'),
    'logs/skip.txt': Buffer.from('not matched'),
    'model/weights.bin': randomBytes(6 * 1024 * 1024 + 5),
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const sets = {
    'artifacts/data': [join(root, 'data'), join(root, 'logs', '*.log')],
    'artifacts/model': [join(root, 'model', '*.bin')],
    'artifacts/none': [join(root, 'missing', '*.csv')],
  };
  return { root, sets };
}

/** sha256 of some bytes (vitest compares a 6 MiB Buffer byte by byte, minutes under load). */
const digest = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Each file set of a run: set path → sha256 of the content. */
function fileSetsOf(target: LegacyTestServer, filter: { customId?: string; project?: string }) {
  const sets = target.runOf(filter)?.fileSets ?? new Map<string, Map<string, Buffer>>();
  return Object.fromEntries(
    [...sets].map(([attribute, files]) => [
      attribute,
      Object.fromEntries(
        [...files]
          .sort(([left], [right]) => (left < right ? -1 : 1))
          .map(([path, content]) => [path, digest(content)]),
      ),
    ]),
  );
}

const setSpec = (sets: Record<string, string[]>) =>
  Object.entries(sets)
    .map(([attribute, globs]) => `${attribute}=${globs.join(';')}`)
    .join('|');

describe('file sets (run["x"].upload_files(globs)) on the legacy protocol', () => {
  it('the real neptune 1.14 uploads file sets to the test server; ours delivers the same files and sends the same kinds of requests', async () => {
    server = await LegacyTestServer.start();
    const { root, sets } = tree();
    const python = await run(oraclePython(), [script], {
      cwd: mkdtempSync(join(tmpdir(), 'neptune-py-')),
      env: legacyPythonEnvironment(server.apiToken, { CUSTOM_RUN_ID: 'py-sets', FILE_SETS: setSpec(sets) }),
    });
    expect(python.code, python.stderr).toBe(0);
    const pythonSets = fileSetsOf(server, { customId: 'py-sets' });
    // The server is trusted for file sets: what the Python client sent is the files on disk.
    expect(Object.keys(pythonSets).sort()).toEqual(['artifacts/data', 'artifacts/model']);
    expect(pythonSets['artifacts/data']?.['data/a.csv']).toBe(digest(Buffer.from('x,y\n1,2\n')));
    expect(pythonSets['artifacts/data']?.['data/.hidden']).toBe(digest(Buffer.from('hidden')));
    expect(pythonSets['artifacts/model']?.['weights.bin']).toBe(
      digest(readFileSync(join(root, 'model', 'weights.bin'))),
    );
    const pythonKinds = new Set(server.requests.map((request) => request.operationId));
    for (const kind of ['uploadFileSetAttributeTar', 'fileSetFileMultipartUploadStart'])
      expect(pythonKinds.has(kind), kind).toBe(true);

    server.requests.length = 0;
    const ours = await initRun({
      project: 'tasklens/interop',
      apiToken: server.apiToken,
      customRunId: 'ts-sets',
      flushIntervalMs: 10,
      dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-ts-')),
      environment: {},
    });
    for (const [attribute, globs] of Object.entries(sets)) ours.uploadFiles(attribute, globs);
    expect((await ours.stop()).outcome).toBe('delivered');
    expect(fileSetsOf(server, { customId: 'ts-sets' })).toEqual(pythonSets);
    const ourKinds = new Set(server.requests.map((request) => request.operationId));
    for (const kind of ourKinds)
      expect(pythonKinds.has(kind), `${kind} is not something the Python client sends`).toBe(true);
  });

  it("our set paths are get_unique_upload_entries's, and Python's tarfile reads our packages", async () => {
    const { sets } = tree();
    const globs = sets['artifacts/data'];
    const cwd = mkdtempSync(join(tmpdir(), 'neptune-cwd-'));
    const code = [
      'import json, sys',
      'from neptune.internal.backends.hosted_file_operations import get_unique_upload_entries',
      'print(json.dumps(sorted(e.target_path for e in get_unique_upload_entries(json.loads(sys.argv[1])))))',
    ].join('\n');
    const listed = await run(oraclePython(), ['-c', code, JSON.stringify(globs)], { cwd, env: {} });
    expect(listed.code, listed.stderr).toBe(0);
    const ours = fileSetEntries(globs, cwd);
    expect(ours.map((entry) => entry.target)).toEqual(JSON.parse(listed.stdout));

    const archive = join(cwd, 'package.tar.gz');
    writeFileSync(archive, tarGzArchive(ours));
    const read = [
      'import hashlib, json, sys, tarfile',
      'with tarfile.open(sys.argv[1], "r:gz") as t:',
      '    print(json.dumps({m.name: hashlib.sha256(t.extractfile(m).read()).hexdigest() for m in t.getmembers()}))',
    ].join('\n');
    const opened = await run(oraclePython(), ['-c', read, archive], { cwd, env: {} });
    expect(opened.code, opened.stderr).toBe(0);
    const expected = Object.fromEntries(
      ours.map((entry) => [entry.target, digest(readFileSync(entry.source))]),
    );
    expect(JSON.parse(opened.stdout)).toEqual(expected);
  });

  it('an offline run queues file sets as the 1.x queue does, and `neptune sync` uploads every file', async () => {
    server = await LegacyTestServer.start();
    const { sets } = tree();
    const directory = mkdtempSync(join(tmpdir(), 'neptune-offline-sets-'));
    const ours = await initRun({
      mode: 'offline',
      project: 'tasklens/interop',
      dataDirectory: directory,
      environment: {},
    });
    for (const [attribute, globs] of Object.entries(sets)) ours.uploadFiles(attribute, globs);
    await ours.stop();
    const result = await run(
      oracleCommand('neptune'),
      ['sync', '--path', directory, '--project', 'tasklens/interop'],
      { cwd: directory, env: legacyPythonEnvironment(server.apiToken) },
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const synced = fileSetsOf(server, { project: 'tasklens/interop' });
    const expected = Object.fromEntries(
      Object.entries(sets)
        .filter(([attribute]) => attribute !== 'artifacts/none')
        .map(([attribute, globs]) => [
          attribute,
          Object.fromEntries(
            fileSetEntries(globs, directory).map((entry) => [
              entry.target,
              digest(readFileSync(entry.source)),
            ]),
          ),
        ]),
    );
    expect(synced).toEqual(expected);
    expect(Object.keys(synced['artifacts/data'] ?? {}).length).toBe(6);
    expect(listOfflineRuns(join(directory, '.neptune'))).toEqual([]);
  });
});
