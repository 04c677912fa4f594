import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorruptFileError, TasklensError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { readOfflineArchive } from './read-offline-archive';
import { writeZipArchive } from './zip-archive';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('reading a damaged offline archive', () => {
  const directory = mkdtempSync(join(tmpdir(), 'comet-corrupt-archive-'));

  it('a file that is not a zip throws CorruptFileError naming the file and the missing part', () => {
    const path = join(directory, 'not-a-zip.zip');
    writeFileSync(path, 'experiment data, but not a zip archive');
    const error = thrownBy(() => readOfflineArchive(path));
    expect(CorruptFileError.isInstance(error)).toBe(true);
    expect(TasklensError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ name: 'TasklensCorruptFileError', path, field: 'endOfCentralDirectory' });
    expect((error as Error).message).toContain('is not a zip archive');
  });

  it('a zip without messages.json throws CorruptFileError naming messages.json', () => {
    const path = join(directory, 'no-messages.zip');
    writeZipArchive(path, [{ name: 'experiment.json', data: Buffer.from('{}') }]);
    const error = thrownBy(() => readOfflineArchive(path));
    expect(CorruptFileError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ path, field: 'messages.json' });
  });
});
