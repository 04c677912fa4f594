import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { task, types } from '@tasklens/core';
import { setLogSink } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cometMlLogin } from '../comet-ml-login';
import { start } from '../experiment/start-experiment';
import { resetLogin } from '../settings/login-session';

let previousSink: ReturnType<typeof setLogSink> | undefined;
afterEach(() => {
  resetLogin();
  setLogSink(previousSink);
});

describe('an offline Comet experiment says where its archive is', () => {
  it('prints the archive path once, with the comet upload command, and the archive exists', async () => {
    const lines: string[] = [];
    previousSink = setLogSink((_level, line) => lines.push(line));
    const experiment = await start({
      offline: true,
      offlineDirectory: mkdtempSync(join(tmpdir(), 'comet-path-')),
      projectName: 'proj',
      environment: { HOME: mkdtempSync(join(tmpdir(), 'comet-home-')) },
    });
    experiment.logMetric('loss', 1);
    await experiment.end();
    await experiment.end();
    const announced = lines.filter((line) => line.includes('comet upload'));
    expect(announced).toEqual([
      `[tasklens:comet] INFO offline experiment saved; upload it with: comet upload ${experiment.archivePath}`,
    ]);
    expect(existsSync(experiment.archivePath!)).toBe(true);
  });
});

describe('a cometMlLogin task kept offline says where its archive is', () => {
  it('prints the comet upload command once across stdout and the log', async () => {
    const lines: string[] = [];
    previousSink = setLogSink((_level, line) => lines.push(line));
    let stdout = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    try {
      const offlineDirectory = mkdtempSync(join(tmpdir(), 'comet-path-'));
      const train = task(
        { name: 'comet.path', outputs: types.integer() },
        cometMlLogin({
          projectName: 'proj',
          workspace: 'ws',
          secret: () => 'unused-locally',
          offline: true,
          offlineDirectory,
        })(async () => 1),
      );
      await train();
    } finally {
      spy.mockRestore();
    }
    const printed = `${stdout}\n${lines.join('\n')}`.match(/comet upload \S+/g) ?? [];
    expect(printed).toHaveLength(1);
    expect(existsSync(printed[0]!.slice('comet upload '.length))).toBe(true);
  });
});
