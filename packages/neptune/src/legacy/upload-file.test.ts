import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('run.upload (file atoms)', () => {
  it('offline: queues UploadFile operations as neptune 1.x does (file_path for files, upload_path/ for bytes)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'neptune-upload-'));
    const file = join(directory, 'config.yaml');
    writeFileSync(file, 'lr: 0.1\n');
    const run = await initRun({ mode: 'offline', dataDirectory: directory, environment: {} });
    run.upload('artifacts/config', file);
    run.upload('artifacts/raw', new Uint8Array([7, 8, 9]));
    await run.stop();
    const [path] = listOfflineRuns(join(directory, '.neptune'));
    const uploads = readOfflineRun(path!)
      .operations.map(({ operation }) => operation)
      .filter((operation) => operation.type === 'UploadFile');
    expect(uploads[0]).toEqual({
      type: 'UploadFile',
      path: ['artifacts', 'config'],
      ext: 'yaml',
      file_path: file,
      tmp_file_name: null,
      clean_after_upload: false,
    });
    const saved = uploads[1] as { tmp_file_name: string; ext: string; file_path: null };
    expect([saved.ext, saved.file_path]).toEqual(['bin', null]);
    expect(saved.tmp_file_name).toMatch(
      /^artifacts_raw-\d+(\.\d+)?-\d{4}-\d{2}-\d{2}_\d{2}\.\d{2}\.\d{2}\.\d{6}\.bin$/,
    );
    expect([...readFileSync(join(path!, 'upload_path', saved.tmp_file_name))]).toEqual([7, 8, 9]);
  });

  it('online: a missing file is a warning, the other uploads and metadata still arrive', async () => {
    server = await LegacyTestServer.start();
    const lines: string[] = [];
    setLogSink((_level, line) => lines.push(line));
    const run = await initRun({
      project: 'tasklens/uploads',
      apiToken: server.apiToken,
      customRunId: 'uploads',
      flushIntervalMs: 5,
      dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-upload-')),
      environment: {},
    });
    run.upload('artifacts/missing', '/nonexistent/file.txt');
    run.upload('artifacts/raw', new TextEncoder().encode('hello'), { extension: 'txt' });
    run.assign('parameters/lr', 0.1);
    expect((await run.stop()).outcome).toBe('delivered');
    const recorded = server.runOf({ customId: 'uploads' })!;
    expect(recorded.files?.get('artifacts/raw')).toEqual({ ext: 'txt', content: Buffer.from('hello') });
    expect(recorded.files?.has('artifacts/missing')).toBe(false);
    expect(recorded.values.get('parameters/lr')).toBe(0.1);
    expect(lines.join('\n')).toContain('artifacts/missing: /nonexistent/file.txt is not a file');
  });
});
