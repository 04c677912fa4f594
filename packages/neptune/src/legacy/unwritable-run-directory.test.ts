import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setLogSink } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { initRun } from './init-run';

afterEach(() => {
  setLogSink(undefined);
});

describe('a run directory that cannot be created', () => {
  it('does not fail initRun or the task: one warning, every operation counted as dropped, outcome lost', async () => {
    const warnings: string[] = [];
    setLogSink((level, line) => {
      if (level === 'warn') warnings.push(line);
    });
    // A regular file where the data directory should be: mkdir fails (ENOTDIR), even as root.
    const blocker = join(mkdtempSync(join(tmpdir(), 'neptune-unwritable-')), 'not-a-directory');
    writeFileSync(blocker, '');
    const run = await initRun({
      mode: 'offline',
      project: 'ws/proj',
      dataDirectory: blocker,
      environment: {},
    });
    for (let step = 0; step < 100; step++) run.log('train/loss', step, { step });
    await new Promise((resolve) => setImmediate(resolve));
    for (let step = 100; step < 200; step++) run.log('train/loss', step, { step });
    const result = await run.stop();
    expect(result.outcome).toBe('lost');
    // The run's 3 opening operations (name, description, sys/failed) and all 200 points.
    expect(result.droppedOperations).toBe(203);
    expect(result.storedOperations).toBe(0);
    expect(warnings.filter((line) => line.includes('could not write'))).toHaveLength(1);
  });
});
