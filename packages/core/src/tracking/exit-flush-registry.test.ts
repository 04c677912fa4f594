import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { flushAllOnExit, registerExitFlush } from './exit-flush-registry';

/** Bundles the registry so a plain Node child process can use it. */
function bundledRegistry(directory: string): string {
  const outfile = join(directory, 'registry.mjs');
  buildSync({
    entryPoints: [fileURLToPath(new URL('./exit-flush-registry.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
  });
  return outfile;
}

function runChild(script: string) {
  const directory = mkdtempSync(join(tmpdir(), 'tasklens-exit-'));
  const registry = bundledRegistry(directory);
  const file = join(directory, 'child.mjs');
  const marker = join(directory, 'flushed.txt');
  writeFileSync(
    file,
    `import { registerExitFlush } from ${JSON.stringify(registry)};\nconst marker = ${JSON.stringify(marker)};\n${script}`,
  );
  const result = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 20_000 });
  let flushed = '';
  try {
    flushed = readFileSync(marker, 'utf8');
  } catch {}
  return { ...result, flushed };
}

const flushingHandler = `
import { writeFileSync } from 'node:fs';
registerExitFlush(async (reason) => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  writeFileSync(marker, reason);
});`;

describe('registerExitFlush', () => {
  it('flushes on SIGTERM and then dies by SIGTERM, as the process would have', () => {
    const result = runChild(`${flushingHandler}
setInterval(() => {}, 1000);
process.kill(process.pid, 'SIGTERM');`);
    expect(result.flushed).toBe('SIGTERM');
    expect(result.signal).toBe('SIGTERM');
  });

  it('flushes on SIGINT but does not exit when the program has its own SIGINT listener', () => {
    const result = runChild(`${flushingHandler}
process.on('SIGINT', () => { setTimeout(() => { console.log('own handler ran'); process.exit(7); }, 300); });
setInterval(() => {}, 1000);
process.kill(process.pid, 'SIGINT');`);
    expect(result.flushed).toBe('SIGINT');
    expect(result.stdout).toContain('own handler ran');
    expect(result.status).toBe(7);
  });

  it('flushes on beforeExit and lets the process exit normally', () => {
    const result = runChild(`import { writeFileSync } from 'node:fs';
const unregister = registerExitFlush(async (reason) => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  writeFileSync(marker, reason);
  unregister();
});
process.exitCode = 3;`);
    expect(result.flushed).toBe('beforeExit');
    expect(result.status).toBe(3);
  });

  it('installs process listeners only while a handler is registered', async () => {
    const before = process.listenerCount('SIGTERM');
    const seen: string[] = [];
    const unregister = registerExitFlush(async (reason) => void seen.push(reason));
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    await flushAllOnExit('beforeExit');
    expect(seen).toEqual(['beforeExit']);
    unregister();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
