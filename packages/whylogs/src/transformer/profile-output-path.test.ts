import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAccess, setLogSink, toLiteral } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { log } from '../profile/dataset-profile';
import { datasetProfileViewType } from './dataset-profile-view-type';

let previousSink: ReturnType<typeof setLogSink> | undefined;
afterEach(() => {
  setLogSink(previousSink);
});

describe('a DatasetProfileView task output says where its .bin went', () => {
  it('prints the output name and the file path once, and the file is there', async () => {
    const lines: string[] = [];
    previousSink = setLogSink((_level, line) => lines.push(line));
    const directory = mkdtempSync(join(tmpdir(), 'whylogs-path-'));
    const fileAccess = new FileAccess({
      rawOutputPrefix: `file://${directory}/raw`,
      localDirectory: join(directory, 'local'),
    });
    const literal = await toLiteral(log([{ a: 1 }, { a: 2 }]).view(), datasetProfileViewType(), {
      fileAccess,
      path: 'outputs.profile',
    });
    const path = JSON.stringify(literal)
      .match(/"uri":"([^"]+)"/)![1]!
      .replace(/^file:\/\//, '');
    const announced = lines.filter((line) => line.includes('written to'));
    expect(announced).toEqual([
      `[tasklens:types] INFO outputs.profile (DatasetProfileView) written to file://${path}`,
    ]);
    expect(existsSync(path)).toBe(true);
  });
});
