import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setLogSink } from '@tasklens/core/plugin';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initRun } from './legacy/init-run';
import { createScaleRun } from './scale/create-scale-run';

let lines: string[] = [];
let previousSink: ReturnType<typeof setLogSink> | undefined;
beforeEach(() => {
  lines = [];
  previousSink = setLogSink((_level, line) => lines.push(line));
});
afterEach(() => {
  setLogSink(previousSink);
});

const kept = () => lines.filter((line) => line.includes('run data kept in'));

describe('offline Neptune runs say where their data is', () => {
  it('a 1.x offline run prints its directory once, and the directory exists', async () => {
    const run = await initRun({
      mode: 'offline',
      dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-path-')),
      environment: {},
    });
    run.log('loss', 1);
    const result = await run.stop();
    await run.stop();
    expect(kept()).toHaveLength(1);
    expect(kept()[0]).toContain(`run data kept in ${result.directory};`);
    expect(existsSync(result.directory!)).toBe(true);
  });

  it('a Scale offline run prints its operations database once, and the database exists', async () => {
    const run = await createScaleRun({
      project: 'ws/proj',
      runId: 'path-1',
      mode: 'offline',
      logDirectory: mkdtempSync(join(tmpdir(), 'neptune-scale-path-')),
      environment: {},
    });
    run.logMetrics({ data: { loss: 1 }, step: 0 });
    const result = await run.close();
    await run.close();
    expect(kept()).toHaveLength(1);
    expect(kept()[0]).toContain(`run data kept in ${result.databasePath};`);
    expect(existsSync(result.databasePath!)).toBe(true);
  });
});
