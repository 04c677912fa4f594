import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { readableCopy } from './operations-database';

describe('reading a Neptune Scale run database', () => {
  it('a database whose run is still open (WAL not checkpointed) throws InvalidOptionError naming path', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'neptune-open-database-')), 'run.db');
    writeFileSync(path, 'database');
    writeFileSync(`${path}-wal`, 'pending pages');
    let thrown: unknown;
    try {
      readableCopy(path);
    } catch (error) {
      thrown = error;
    }
    expect(InvalidOptionError.isInstance(thrown)).toBe(true);
    expect((thrown as InvalidOptionError).option).toBe('path');
    expect((thrown as Error).message).toContain('un-checkpointed WAL');
  });
});
