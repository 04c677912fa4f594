import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { decodeWandbFile } from '../offline/decode-wandb-records';
import { init } from './init-run';

function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'wandb-run-files-unit-'));
}

describe('run files of an offline run', () => {
  it('records requirements.txt and the environment at start and each run.save(path) with its policy, as the SDK', async () => {
    const dir = temporaryDirectory();
    const live = join(dir, 'model.ckpt');
    const now = join(dir, 'notes.txt');
    const atEnd = join(dir, 'final.txt');
    writeFileSync(live, 'epoch 1');
    writeFileSync(now, 'now');
    writeFileSync(atEnd, 'draft');
    const run = await init({
      project: 'p',
      entity: 'e',
      id: 'files1',
      mode: 'offline',
      dir,
      environment: {},
    });
    expect(run.save(live)).toBe('model.ckpt');
    expect(run.save(now, 'now')).toBe('notes.txt');
    expect(run.save(atEnd, 'end')).toBe('final.txt');
    writeFileSync(live, 'epoch 2');
    writeFileSync(now, 'changed later');
    writeFileSync(atEnd, 'final');
    const result = await run.finish();
    const records = decodeWandbFile(readFileSync(join(result.directory!, 'run-files1.wandb')));
    const filesRecords = records.flatMap((record) => (record.type === 'files' ? record.files : []));
    expect(filesRecords).toEqual([
      { path: 'requirements.txt', policy: 'now', wandbFile: true },
      { path: 'model.ckpt', policy: 'live', wandbFile: false },
      { path: 'notes.txt', policy: 'now', wandbFile: false },
      { path: 'final.txt', policy: 'end', wandbFile: false },
    ]);
    const environment = records.find((record) => record.type === 'environment');
    expect(environment).toMatchObject({ executable: process.execPath, root: process.cwd() });
    const files = join(result.directory!, 'files');
    // As the SDK offline: no metadata/config/summary files (wandb sync derives them from the records).
    expect(readdirSync(files).sort()).toEqual(['final.txt', 'model.ckpt', 'notes.txt', 'requirements.txt']);
    expect(readFileSync(join(files, 'model.ckpt'), 'utf8')).toBe('epoch 2');
    expect(readFileSync(join(files, 'final.txt'), 'utf8')).toBe('final');
    expect(readFileSync(join(files, 'notes.txt'), 'utf8')).toBe('now');
    expect(readFileSync(join(files, 'requirements.txt'), 'utf8')).toMatch(/^vitest==\S+$/m);
  });

  it('rejects an unknown policy or a missing file, naming the option', async () => {
    const dir = temporaryDirectory();
    const run = await init({
      project: 'p',
      entity: 'e',
      id: 'files2',
      mode: 'offline',
      dir,
      environment: {},
    });
    const file = join(dir, 'x.txt');
    writeFileSync(file, 'x');
    const badPolicy = (() => {
      try {
        run.save(file, 'sometimes' as 'now');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(InvalidOptionError.isInstance(badPolicy)).toBe(true);
    expect((badPolicy as InvalidOptionError).option).toBe('policy');
    expect(() => run.save(join(dir, 'missing.txt'))).toThrow(/path: cannot save/);
    await run.finish();
  });
});
