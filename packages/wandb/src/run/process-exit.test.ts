import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleForChild } from '../../../../test-support/bundle-for-child';
import { decodeWandbFile } from '../offline/decode-wandb-records';

/** Bundles the package (and core) so a plain Node child process can run a script against it. */
function bundle(directory: string): string {
  const packageEntry = fileURLToPath(new URL('../index.ts', import.meta.url));
  return bundleForChild({
    directory,
    packageName: '@tasklens/wandb',
    packageEntry,
    outfileName: 'wandb.mjs',
  });
}

function runChild(
  script: string,
): Promise<{ code: number | null; signal: string | null; directory: string }> {
  const directory = mkdtempSync(join(tmpdir(), 'wandb-exit-'));
  const file = join(directory, 'child.mjs');
  writeFileSync(
    file,
    `import { init } from ${JSON.stringify(bundle(directory))};\nconst dir = ${JSON.stringify(directory)};\n${script}`,
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { stdio: 'ignore' });
    child.on('exit', (code, signal) => resolve({ code, signal, directory }));
  });
}

function records(directory: string) {
  const runDirectory = readdirSync(join(directory, 'wandb')).find((name) => name.startsWith('offline-run-'))!;
  const file = readdirSync(join(directory, 'wandb', runDirectory)).find((name) => name.endsWith('.wandb'))!;
  return decodeWandbFile(readFileSync(join(directory, 'wandb', runDirectory, file)));
}

describe('runs left open when the process ends', () => {
  it('are finished with exit code 0 when the event loop empties (beforeExit), and the process exits normally', async () => {
    const result = await runChild(`
const run = await init({ project: 'p', mode: 'offline', dir, environment: {} });
for (let step = 0; step < 100; step++) run.log({ step });
process.exitCode = 4;`);
    expect(result.code).toBe(4);
    const written = records(result.directory);
    expect(written.filter((record) => record.type === 'history')).toHaveLength(100);
    expect(written.find((record) => record.type === 'exit')).toMatchObject({ exitCode: 0 });
    expect(written.at(-1)?.type).toBe('final');
  }, 30_000);

  it('are flushed on SIGTERM (exit code 143) and the process still dies by SIGTERM', async () => {
    const result = await runChild(`
const run = await init({ project: 'p', mode: 'offline', dir, environment: {} });
for (let step = 0; step < 100; step++) run.log({ step });
setInterval(() => {}, 1000);
process.kill(process.pid, 'SIGTERM');`);
    expect(result.signal).toBe('SIGTERM');
    const written = records(result.directory);
    expect(written.filter((record) => record.type === 'history')).toHaveLength(100);
    expect(written.find((record) => record.type === 'exit')).toMatchObject({ exitCode: 143 });
  }, 30_000);
});
