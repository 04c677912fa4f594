import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { task, types } from '@tasklens/core';
import { setLogSink } from '@tasklens/core/plugin';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { memrayProfiling } from './memray-profiling';

let lines: string[];
let previousSink: ReturnType<typeof setLogSink>;
beforeEach(() => {
  vi.stubEnv('TASKLENS_MEMRAY_DIR', mkdtempSync(join(tmpdir(), 'memray-path-')));
  lines = [];
  previousSink = setLogSink((_level, line) => lines.push(line));
});
afterEach(() => {
  setLogSink(previousSink);
});

const mentioning = (fragment: string) => lines.filter((line) => line.includes(fragment));

describe('memrayProfiling says where its files went', () => {
  test('the report and the capture: one line with both paths, and both files exist', async () => {
    const profiled = task(
      { name: 'tests.report_path', inputs: { rows: types.integer() }, outputs: types.integer() },
      memrayProfiling(async ({ rows }) => Array.from({ length: rows }, (_, index) => index).length),
    );
    expect(await profiled({ rows: 1000 })).toBe(1000);
    const announced = mentioning('report file://');
    expect(announced).toHaveLength(1);
    const [, report, capture] = announced[0]!.match(/report file:\/\/(\S+) \(capture (\S+)\)/)!;
    expect(existsSync(report!)).toBe(true);
    expect(existsSync(capture!)).toBe(true);
  });

  test('a failed task with reportOnFailure off still names the capture it wrote, once', async () => {
    const profiled = task(
      { name: 'tests.report_path_failed', outputs: types.integer() },
      memrayProfiling({ reportOnFailure: false })(async (): Promise<number> => {
        throw new Error('boom');
      }),
    );
    await expect(profiled()).rejects.toThrow('boom');
    expect(mentioning('report file://')).toEqual([]);
    const announced = mentioning('failed; capture ');
    expect(announced).toHaveLength(1);
    expect(existsSync(announced[0]!.match(/capture (\S+)/)![1]!)).toBe(true);
  });
});
