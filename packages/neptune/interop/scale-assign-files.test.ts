import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { oraclePython } from '../../../test-support/oracle-python';
import { runProcess } from '../../../test-support/run-process';
import { createScaleRun } from '../src/index';
import { blake2b } from '../src/scale/files/blake2b';
import { generateDestination } from '../src/scale/files/generate-destination';
import { guessTypeFromName } from '../src/scale/files/guess-mime-type';
import { ScaleTestServer } from '../src/testing/index';
import { scalePythonEnvironment, syncWithNeptuneScale } from './scale-python-environment';

const runScript = fileURLToPath(new URL('./python/scale_run.py', import.meta.url));
const namesScript = fileURLToPath(new URL('./python/scale_file_names.py', import.meta.url));
let server: ScaleTestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Reference = { path: string; mimeType: string; sizeBytes: bigint };

/** Each file attribute's reference (temporary names made comparable) and the bytes stored under it. */
function filesOf(found: ScaleTestServer, project: string, runId: string, attributes: readonly string[]) {
  const configs = found.runOf(project, runId)!.configs;
  return Object.fromEntries(
    attributes.map((attribute) => {
      const reference = configs.get(attribute) as Reference;
      const stored = found.storedFiles.get(reference.path);
      return [
        attribute,
        {
          path: reference.path.replace(
            /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
            '<uuid>',
          ),
          mimeType: reference.mimeType,
          sizeBytes: Number(reference.sizeBytes),
          contentType: stored?.contentType,
          content: stored?.content.toString('base64'),
        },
      ];
    }),
  );
}

describe('assignFiles interoperates with neptune-scale 0.30', () => {
  it('online, our run records the same file references and stored bytes as the real client', async () => {
    server = await ScaleTestServer.start();
    const directory = mkdtempSync(join(tmpdir(), 'neptune-assign-interop-'));
    const config = join(directory, 'config.yaml');
    const weights = join(directory, 'weights.bin');
    const notes = join(directory, 'notes.md');
    writeFileSync(config, 'lr: 0.001\n');
    writeFileSync(weights, randomBytes(300_000));
    writeFileSync(notes, '# notes\n');
    const attributes = ['files/config', 'files/weights', 'files/notes', 'files/text'];
    const python = await runProcess(oraclePython(), [runScript], {
      cwd: directory,
      env: scalePythonEnvironment(server.apiToken, {
        RUN_ID: 'same-run',
        STEPS: '1',
        ASSIGN_FILES: `files/config=${config},files/weights=${weights},files/notes=${notes},files/text=text:hello notes`,
      }),
    });
    expect(python.code, python.stderr).toBe(0);
    const pythonFiles = filesOf(server, 'tasklens/scale', 'same-run', attributes);
    server.storedFiles.clear();
    // Same run id in another project: destinations depend on the run id and attribute only.
    const ours = await createScaleRun({
      project: 'tasklens/ours',
      runId: 'same-run',
      apiToken: server.apiToken,
      logDirectory: mkdtempSync(join(tmpdir(), 'neptune-assign-ours-')),
      flushIntervalMs: 10,
      environment: {},
    });
    ours.assignFiles({
      'files/config': config,
      'files/weights': weights,
      'files/notes': notes,
      'files/text': Buffer.from('hello notes'),
    });
    expect((await ours.close()).outcome).toBe('delivered');
    expect(filesOf(server, 'tasklens/ours', 'same-run', attributes)).toEqual(pythonFiles);
    expect(pythonFiles['files/text']?.path).toMatch(/\/<uuid>\.bin$/);
  }, 180_000);

  it("neptune-scale's own sync uploads the files of our offline run", async () => {
    server = await ScaleTestServer.start();
    const directory = mkdtempSync(join(tmpdir(), 'neptune-assign-sync-'));
    const model = join(directory, 'model.onnx');
    const modelBytes = randomBytes(200_000);
    writeFileSync(model, modelBytes);
    const ours = await createScaleRun({
      mode: 'offline',
      project: 'tasklens/scale',
      runId: 'ts-files',
      logDirectory: directory,
      environment: {},
    });
    ours.logConfigs({ 'parameters/lr': 0.01 });
    ours.assignFiles({ 'files/model': model, 'files/text': Buffer.from('from bytes') });
    const closed = await ours.close();
    const result = await syncWithNeptuneScale(closed.databasePath!, directory, server.apiToken);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const configs = server.runOf('tasklens/scale', 'ts-files')!.configs;
    expect(configs.get('parameters/lr')).toBe(0.01);
    const modelReference = configs.get('files/model') as Reference;
    expect(modelReference.path).toBe(generateDestination('ts-files', 'files/model', 'model.onnx', undefined));
    expect(server.storedFiles.get(modelReference.path)?.content.equals(modelBytes)).toBe(true);
    const textReference = configs.get('files/text') as Reference;
    const text = server.storedFiles.get(textReference.path);
    expect(text?.content.toString()).toBe('from bytes');
    expect(text?.contentType).toBe('application/octet-stream');
    // The sync removes the temporary file it uploaded, as for its own runs.
    expect(existsSync(join(directory, textReference.path.split('/').at(-1)!))).toBe(false);
  }, 180_000);

  it("names files as neptune-scale does: BLAKE2b-64, generate_destination and Python's mime types", async () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const data = Array.from({ length: 300 }, (_, index) =>
      Buffer.from(Array.from({ length: index < 260 ? index : next() % 2000 }, () => next() % 256)),
    );
    const alphabet = ['a', 'B', '.', '/', '_', '-', 'é', '日', ' ', '0'];
    const text = (length: number) =>
      Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
    const destinations = Array.from({ length: 200 }, (_, index) => [
      text(next() % (index % 5 === 0 ? 400 : 30)) || 'r',
      text((next() % (index % 7 === 0 ? 350 : 20)) + 1),
      `${text(next() % (index % 3 === 0 ? 250 : 12))}.${text(next() % 25)}`,
      index % 4 === 0 ? null : (next() % 100000) / 8 - 5000,
    ]);
    const names = [
      ...['a.tar.gz', 'x.tgz', 'p.PNG', 'q.Gz', 'r.svgz', 'm.md', 'y.yml', 'n.ipynb', 's.sql', 'w.webp'],
      ...['d.csv', 'e.json', 'f.txt', 'g.html', 'h.jpeg', 'i.mp4', 'j.wav', 'k.pdf', 'l.parquet', '.bashrc'],
      ...['noext', 'dir.d/file', 'x.R', 'a.tar.bz2', 'u.xz', 'k.Z', 't.tar.Z', 'v.onnx', 'w.pt', 'z.npy'],
    ];
    const requestFile = join(mkdtempSync(join(tmpdir(), 'neptune-names-')), 'request.json');
    writeFileSync(
      requestFile,
      JSON.stringify({ digests: data.map((bytes) => bytes.toString('hex')), destinations, names }),
    );
    const result = await runProcess(oraclePython(), [namesScript, requestFile]);
    expect(result.code, result.stderr).toBe(0);
    const python = JSON.parse(result.stdout) as {
      digests: string[];
      destinations: string[];
      names: (string | null)[];
    };
    expect(data.map((bytes) => Buffer.from(blake2b(bytes, 8)).toString('hex'))).toEqual(python.digests);
    expect(
      destinations.map(([runId, attribute, fileName, step]) =>
        generateDestination(
          runId as string,
          attribute as string,
          fileName as string,
          (step as number | null) ?? undefined,
        ),
      ),
    ).toEqual(python.destinations);
    expect(names.map((name) => guessTypeFromName(name) ?? null)).toEqual(python.names);
  }, 120_000);
});
