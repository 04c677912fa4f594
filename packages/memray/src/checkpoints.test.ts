import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { readCapture } from './capture/capture-files';
import type { MemrayCapture, SamplingHeapProfileNode } from './capture/capture-format';
import { main } from './cli';
import { memrayProfiling } from './memray-profiling';
import { parseReporterArgs } from './options/reporter-settings';
import { renderReport } from './report/render-report';

const fixture = fileURLToPath(new URL('./__fixtures__/grows-until-killed.cjs', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

function inclusiveBytes(node: SamplingHeapProfileNode | undefined, name: string): number {
  if (node === undefined) return 0;
  const sum = (current: SamplingHeapProfileNode): number =>
    current.selfSize + current.children.reduce((total, child) => total + sum(child), 0);
  if (node.callFrame.functionName === name) return sum(node);
  return node.children.reduce((total, child) => total + inclusiveBytes(child, name), 0);
}

function captureIn(directory: string): { path: string; capture: MemrayCapture } | undefined {
  const name = readdirSync(directory).find((file) => file.endsWith('.memray.json'));
  if (name === undefined) return undefined;
  const path = join(directory, name);
  const text = readFileSync(path, 'utf8');
  return text === '' ? undefined : { path, capture: JSON.parse(text) as MemrayCapture };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function expectReadableCheckpoint(path: string) {
  const capture = readCapture(path);
  expect(capture.metadata.checkpoint).toBeDefined();
  expect(capture.final).toBeNull();
  const html = renderReport(capture, 'flamegraph', parseReporterArgs('flamegraph', [], 'x'));
  expect(html).toContain('This capture is a checkpoint written at');
  expect(html).toContain('growsUntilKilled');
  const output = join(mkdtempSync(join(tmpdir(), 'memray-cli-')), 'report.html');
  const messages: string[] = [];
  expect(await main(['flamegraph', '-o', output, path], (text) => messages.push(text))).toBe(0);
  expect(messages).toEqual([`Wrote ${output}\n`]);
  expect(readFileSync(output, 'utf8')).toContain('growsUntilKilled');
  return capture;
}

describe('checkpoints: the capture survives a process that never finishes its task', () => {
  test('a SIGKILL leaves a capture with the memory so far and the peak snapshot, which the CLI renders', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'memray-killed-'));
    const child = spawn(process.execPath, [fixture, directory, 'hold'], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const finished = exited(child);
    const heldAt = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const match = /held (\d+)/.exec(String(chunk));
        if (match) resolve(Number(match[1]));
      });
      finished.then(({ code }) => reject(new Error(`the child exited early with ${code}`)));
    });
    // Wait for a checkpoint (every 200 ms here) holding a memory point taken after the task held
    // ~64 MB. A checkpoint merely *written* after that is not enough: one written right after a peak
    // snapshot ends with the point of the tick that started the snapshot, and that tick can start
    // before "held" while the snapshot's forced GC finishes after it (seen 1 in 16 runs).
    const deadline = Date.now() + 240_000;
    let latest = captureIn(directory);
    while ((latest?.capture.memory.at(-1)?.[0] ?? 0) <= heldAt && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      try {
        latest = captureIn(directory);
      } catch {
        // Never partly written (renamed into place), but tolerate a racing reader anyway.
      }
    }
    child.kill('SIGKILL');
    expect((await finished).signal).toBe('SIGKILL');
    const capture = await expectReadableCheckpoint(latest!.path);
    const heapUsed = capture.memory.map((record) => record[2]);
    expect(Math.max(...heapUsed)).toBeGreaterThan(60e6);
    expect(capture.memory.at(-1)![0]).toBeGreaterThan(heldAt);
    // A snapshot was taken on the way up (the first at 16 MiB of growth, then every 1.25x).
    expect(inclusiveBytes(capture.peak?.profile.head, 'growsUntilKilled')).toBeGreaterThan(16e6);
  });

  test('running out of heap leaves a capture whose peak snapshot names the function that grew', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'memray-oom-'));
    const child = spawn(process.execPath, ['--max-old-space-size=96', fixture, directory, 'grow'], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
    });
    const { code, signal } = await exited(child);
    expect(code === 134 || signal === 'SIGABRT').toBe(true);
    expect(stderr).toContain('heap out of memory');
    const { path } = captureIn(directory)!;
    const capture = await expectReadableCheckpoint(path);
    const limit = capture.metadata.heapSizeLimit;
    expect(Math.max(...capture.memory.map((record) => record[2]))).toBeGreaterThan(0.5 * limit);
    // The growth rule (1.25x the last snapshot) usually snapshots within ~75 % of the limit; on a
    // loaded machine the snapshot budget can leave only the first one, at 16 MiB of growth.
    expect(inclusiveBytes(capture.peak?.profile.head, 'growsUntilKilled')).toBeGreaterThan(16e6);
  });

  test('while the task runs the file is a checkpoint; when it ends it is the whole capture, with no temporary file left', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'memray-checkpoint-'));
    let during: MemrayCapture | undefined;
    await memrayProfiling({ captureDirectory: directory, checkpointIntervalMs: 100 })(async function waits() {
      const deadline = Date.now() + 240_000;
      while (during === undefined && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        during = captureIn(directory)?.capture;
      }
    })();
    expect(during?.metadata.checkpoint).toBeDefined();
    expect(during?.metadata.functionName).toBe('waits');
    const after = captureIn(directory)!.capture;
    expect(after.metadata.checkpoint).toBeUndefined();
    expect(after.final).not.toBeNull();
    expect(readdirSync(directory).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  test.each([
    ['checkpointIntervalMs: 0', { checkpointIntervalMs: 0 }, undefined],
    ['TASKLENS_MEMRAY_CHECKPOINT_INTERVAL=0', {}, '0'],
  ])('%s writes nothing before the task ends', async (_, options, environment) => {
    vi.stubEnv('TASKLENS_MEMRAY_CHECKPOINT_INTERVAL', environment);
    const directory = mkdtempSync(join(tmpdir(), 'memray-no-checkpoint-'));
    let sizeDuring = -1;
    try {
      await memrayProfiling({ captureDirectory: directory, ...options })(async function waits() {
        await new Promise((resolve) => setTimeout(resolve, 2400));
        const name = readdirSync(directory).find((file) => file.endsWith('.memray.json'))!;
        sizeDuring = readFileSync(join(directory, name)).length;
      })();
    } finally {
      vi.unstubAllEnvs();
    }
    expect(sizeDuring).toBe(0);
    expect(captureIn(directory)!.capture.metadata.checkpoint).toBeUndefined();
  });
});
