import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlePackage } from '../__fixtures__/bundle-package';
import { readOfflineArchive } from './read-offline-archive';
import { recoverOfflineArchives } from './recover-offline-archives';

const key = 'crash0000000000000000000000000001';

/** Runs a child that logs `steps` metrics offline, prints `logged`, and idles until killed. */
function startChild(directory: string, steps: number) {
  const file = join(directory, 'child.mjs');
  writeFileSync(
    file,
    `import { start } from ${JSON.stringify(bundlePackage(directory))};
const experiment = await start({ offline: true, offlineDirectory: ${JSON.stringify(join(directory, 'runs'))}, experimentKey: '${key}', environment: {} });
for (let step = 0; step < ${steps}; step++) experiment.logMetrics({ value: step, other: step * 2 }, { step });
experiment.logAsset(Buffer.from('asset'), { fileName: 'a.txt' });
experiment.logMetric('last', 1, { step: ${steps} });
process.stdout.write('logged\\n');
setInterval(() => {}, 1000);
`,
  );
  return spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
}

describe('offline archives survive kill -9', () => {
  it('loses nothing logged one second before the kill: the journal recovers into a complete zip', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'comet-crash-'));
    const steps = 5000;
    const child = startChild(directory, steps);
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk) => {
        output += String(chunk);
        if (output.includes('logged')) resolve();
      });
      child.on('exit', () => reject(new Error(`the child ended before logging: ${output}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const runs = join(directory, 'runs');
    // The checkpointed zip is a complete archive on its own, whatever it holds so far.
    expect(existsSync(join(runs, `${key}.zip`))).toBe(true);
    readOfflineArchive(join(runs, `${key}.zip`));
    expect(recoverOfflineArchives(runs)).toEqual([join(runs, `${key}.zip`)]);
    expect(existsSync(join(runs, `.${key}.journal`))).toBe(false);
    const archive = readOfflineArchive(join(runs, `${key}.zip`));
    const metrics = archive.messages.filter((message) => message.type === 'metric_msg');
    expect(metrics).toHaveLength(steps * 2 + 1);
    const values = metrics
      .map((message) => message.payload.metric as { metricName: string; metricValue: number })
      .filter((metric) => metric.metricName === 'value')
      .map((metric) => metric.metricValue);
    expect(values).toEqual([...Array(steps).keys()]);
    const upload = archive.messages.find((message) => message.type === 'file_upload')!.payload as {
      file_path: string;
    };
    expect(archive.files.get(upload.file_path)!.toString()).toBe('asset');
  }, 120_000);

  it('finishes an experiment left open when the event loop empties', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'comet-exit-'));
    const file = join(directory, 'child.mjs');
    writeFileSync(
      file,
      `import { start } from ${JSON.stringify(bundlePackage(directory))};
const experiment = await start({ offline: true, offlineDirectory: ${JSON.stringify(directory)}, experimentKey: '${key}', environment: {} });
for (let step = 0; step < 100; step++) experiment.logMetric('value', step, { step });
`,
    );
    const code = await new Promise((resolve) =>
      spawn(process.execPath, [file], { stdio: 'inherit' }).on('exit', resolve),
    );
    expect(code).toBe(0);
    expect(existsSync(join(directory, `.${key}.journal`))).toBe(false);
    expect(readOfflineArchive(join(directory, `${key}.zip`)).messages).toHaveLength(100);
  }, 120_000);
});
