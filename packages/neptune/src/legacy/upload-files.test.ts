import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { setLogSink } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { LegacyTestServer } from '../testing';
import { initRun } from './init-run';
import { listOfflineRuns, readOfflineRun } from './read-offline-run';

let server: LegacyTestServer | undefined;
afterEach(async () => {
  setLogSink(undefined);
  await server?.close();
  server = undefined;
});

function files() {
  const root = mkdtempSync(join(tmpdir(), 'neptune-upload-files-'));
  mkdirSync(join(root, 'data', 'sub'), { recursive: true });
  writeFileSync(join(root, 'data', 'a.csv'), 'x,y\n1,2\n');
  writeFileSync(join(root, 'data', 'sub', 'b.csv'), 'x,y\n3,4\n');
  writeFileSync(join(root, 'notes.txt'), 'notes');
  const large = randomBytes(6 * 1024 * 1024 + 17);
  writeFileSync(join(root, 'weights.bin'), large);
  return { root, large };
}

async function onlineRun(customRunId: string, multipartUpload = false) {
  server ??= await LegacyTestServer.start({ multipartUpload });
  return initRun({
    project: 'tasklens/filesets',
    apiToken: server.apiToken,
    customRunId,
    flushIntervalMs: 5,
    dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-upload-files-')),
    environment: {},
  });
}

describe('run.uploadFiles (file sets)', () => {
  it('offline: queues UploadFileSet operations with absolute globs, as neptune 1.x does', async () => {
    const { root } = files();
    const run = await initRun({ mode: 'offline', dataDirectory: root, environment: {} });
    run.uploadFiles('data/files', [join(root, 'data'), join(root, '*.txt')]);
    run.uploadFiles('data/replaced', join(root, 'notes.txt'), { replace: true });
    await run.stop();
    const [path] = listOfflineRuns(join(root, '.neptune'));
    const sets = readOfflineRun(path!)
      .operations.map(({ operation }) => operation)
      .filter((operation) => operation.type === 'UploadFileSet');
    expect(sets).toEqual([
      {
        type: 'UploadFileSet',
        path: ['data', 'files'],
        file_globs: [join(root, 'data'), join(root, '*.txt')],
        reset: 'False',
      },
      {
        type: 'UploadFileSet',
        path: ['data', 'replaced'],
        file_globs: [join(root, 'notes.txt')],
        reset: 'True',
      },
    ]);
  });

  it('online: several files go as one tar.gz, a single big file by itself in parts, and every byte arrives', async () => {
    const { root, large } = files();
    const run = await onlineRun('filesets');
    run.uploadFiles('data/tables', [join(root, 'data'), join(root, 'notes.txt')]);
    run.uploadFiles('model/weights', join(root, 'weights.bin'));
    run.assign('parameters/lr', 0.1);
    expect((await run.stop()).outcome).toBe('delivered');
    const recorded = server!.runOf({ customId: 'filesets' })!;
    const tables = recorded.fileSets?.get('data/tables');
    expect([...(tables?.keys() ?? [])].sort()).toEqual(['data/a.csv', 'data/sub/b.csv', 'notes.txt']);
    expect(tables?.get('data/sub/b.csv')?.toString()).toBe('x,y\n3,4\n');
    expect(recorded.fileSets?.get('model/weights')?.get('weights.bin')?.equals(large)).toBe(true);
    expect(recorded.values.get('parameters/lr')).toBe(0.1);
    const kinds = new Set(server!.requests.map((request) => request.operationId));
    for (const kind of [
      'uploadFileSetAttributeTar',
      'fileSetFileMultipartUploadStart',
      'fileSetFileMultipartUploadPart',
      'fileSetFileMultipartUploadFinish',
    ])
      expect(kinds.has(kind), kind).toBe(true);
  });

  it('online: adding keeps the set; replace empties it first (deleteAttribute, on a server with multipart uploads)', async () => {
    const { root } = files();
    const run = await onlineRun('replace', true);
    run.uploadFiles('sets/kept', join(root, 'data', 'a.csv'));
    run.uploadFiles('sets/kept', join(root, 'notes.txt'));
    run.uploadFiles('sets/replaced', [join(root, 'data', 'a.csv'), join(root, 'notes.txt')]);
    run.uploadFiles('sets/replaced', join(root, 'data', 'sub', '*.csv'), { replace: true });
    expect((await run.stop()).outcome).toBe('delivered');
    const recorded = server!.runOf({ customId: 'replace' })!;
    expect([...(recorded.fileSets?.get('sets/kept')?.keys() ?? [])].sort()).toEqual(['a.csv', 'notes.txt']);
    expect([...(recorded.fileSets?.get('sets/replaced')?.keys() ?? [])]).toEqual(['b.csv']);
    expect(
      server!.requests.some(
        (request) =>
          request.operationId === 'executeOperations' &&
          JSON.stringify(request.body) === '[{"path":"sets/replaced","deleteAttribute":{}}]',
      ),
    ).toBe(true);
  });

  it('online: replacing with several files resets the set in the tar upload (a server without multipart uploads)', async () => {
    const { root } = files();
    const run = await onlineRun('replace-tar');
    run.uploadFiles('sets/replaced', join(root, 'notes.txt'));
    run.uploadFiles('sets/replaced', join(root, 'data', '**', '*.csv'), { replace: true });
    expect((await run.stop()).outcome).toBe('delivered');
    const recorded = server!.runOf({ customId: 'replace-tar' })!;
    expect([...(recorded.fileSets?.get('sets/replaced')?.keys() ?? [])].sort()).toEqual([
      'a.csv',
      'sub/b.csv',
    ]);
    const tar = server!.requests.find((request) => request.operationId === 'uploadFileSetAttributeTar');
    expect(tar?.query.reset).toBe('True');
  });

  it('a glob matching nothing adds nothing and warns naming the field; the rest still arrives', async () => {
    const { root } = files();
    const lines: string[] = [];
    setLogSink((_level, line) => lines.push(line));
    const run = await onlineRun('unmatched');
    run.uploadFiles('sets/missing', [join(root, 'nothing', '*.csv'), join(root, 'absent.txt')]);
    run.uploadFiles('sets/present', join(root, 'notes.txt'));
    expect((await run.stop()).outcome).toBe('delivered');
    const recorded = server!.runOf({ customId: 'unmatched' })!;
    expect(recorded.fileSets?.has('sets/missing')).toBe(false);
    expect(recorded.fileSets?.get('sets/present')?.get('notes.txt')?.toString()).toBe('notes');
    const text = lines.join('\n');
    expect(text).toContain(`sets/missing: ${join(root, 'nothing', '*.csv')} matches no file or directory`);
    expect(text).toContain(`sets/missing: ${join(root, 'absent.txt')} matches no file or directory`);
  });

  it('globs that are not strings throw InvalidOptionError naming globs', async () => {
    const run = await initRun({ mode: 'debug', environment: {} });
    for (const bad of [42, [''], ['ok', 7], null] as unknown[]) {
      let thrown: unknown;
      try {
        run.uploadFiles('sets/bad', bad as string[]);
      } catch (error) {
        thrown = error;
      }
      expect(InvalidOptionError.isInstance(thrown), String(bad)).toBe(true);
      expect((thrown as InvalidOptionError).option).toBe('globs');
      expect((thrown as Error).message).toMatch(
        /^sets\/bad: globs must be a non-empty string or a list of them/,
      );
    }
    await run.stop();
  });
});
