import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setLogSink } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { init } from './init-run';

let previousSink: ReturnType<typeof setLogSink> | undefined;
afterEach(() => {
  setLogSink(previousSink);
});

describe('an offline W&B run says where it was saved', () => {
  it('prints the run directory once, with the wandb sync command, and the directory holds the .wandb file', async () => {
    const lines: string[] = [];
    previousSink = setLogSink((_level, line) => lines.push(line));
    const run = await init({
      mode: 'offline',
      project: 'proj',
      dir: mkdtempSync(join(tmpdir(), 'wandb-path-')),
      environment: {},
    });
    run.log({ loss: 1 });
    const result = await run.finish();
    await run.finish();
    const announced = lines.filter((line) => line.includes('wandb sync'));
    expect(announced).toEqual([
      `[tasklens:wandb] INFO offline run saved; upload it with: wandb sync ${result.directory}`,
    ]);
    expect(existsSync(join(result.directory!, `run-${run.id}.wandb`))).toBe(true);
  });
});
