import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidStateError, TasklensError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { OfflineRunWriter } from './offline-run-writer';

describe('a closed offline run', () => {
  it('appending after close throws InvalidStateError naming the offline run', () => {
    const writer = new OfflineRunWriter({
      dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-closed-run-')),
      kind: 'offline',
    });
    writer.close();
    let thrown: unknown;
    try {
      writer.append([]);
    } catch (error) {
      thrown = error;
    }
    expect(InvalidStateError.isInstance(thrown)).toBe(true);
    expect(TasklensError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ name: 'TasklensInvalidStateError', subject: 'offlineRun' });
  });
});
