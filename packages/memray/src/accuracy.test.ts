import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  allocateRetainedArrays,
  allocateRetainedBuffers,
  allocateRetainedStrings,
  allocateTemporaryArrays,
  allocationSitesPath,
  clearSinks,
} from './__fixtures__/allocation-sites';
import type { MemrayCapture, SamplingHeapProfile, SamplingHeapProfileNode } from './capture/capture-format';
import { selectProfile } from './capture/select-profile';
import { memrayProfiling } from './memray-profiling';
import type { MemrayProfilingOptions } from './options/memray-profiling-options';
import { parseReporterArgs } from './options/reporter-settings';
import { sidecarSlot } from './profiler/sidecar-host';
import { buildReportModel } from './report/report-data';

// Design notes §7: 4 KiB sampling, sites of 8-80 MB, inclusive bytes from the tree (selfSize),
// tolerance max(10 %, 5 x sqrt(interval / expected)).
const interval = 4096;
const tolerance = (expected: number) => Math.max(0.1, 5 * Math.sqrt(interval / expected));

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function retainedBytes(allocate: () => void): number {
  clearSinks();
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  allocate();
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  clearSinks();
  gc();
  return after - before;
}

function subtreeBytes(node: SamplingHeapProfileNode): number {
  return node.children.reduce((sum, child) => sum + subtreeBytes(child), node.selfSize);
}

/** Inclusive bytes under frames named `name` (outermost matches only). */
function inclusiveBytes(profile: SamplingHeapProfile | null, name: string): number {
  if (profile === null) return 0;
  const visit = (node: SamplingHeapProfileNode): number =>
    node.callFrame.functionName === name
      ? subtreeBytes(node)
      : node.children.reduce((sum, child) => sum + visit(child), 0);
  return visit(profile.head);
}

function frameLine(
  profile: SamplingHeapProfile | null,
  name: string,
): { url: string; line: number } | undefined {
  const stack = profile ? [profile.head] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.callFrame.functionName === name)
      return { url: node.callFrame.url, line: node.callFrame.lineNumber + 1 };
    stack.push(...node.children);
  }
  return undefined;
}

let directory: string;
/** Ends the process's sidecar thread, so the next profiled call starts a new one while its task runs. */
async function stopSidecarThread(): Promise<void> {
  const sidecar = sidecarSlot.get();
  if (sidecar !== undefined) await sidecar.worker.terminate();
}

async function profile(
  options: MemrayProfilingOptions,
  body: () => Promise<void> | void,
): Promise<MemrayCapture> {
  const before = new Set(readdirSync(directory));
  await memrayProfiling({ captureDirectory: directory, samplingIntervalBytes: interval, ...options })(
    async function accuracy() {
      await body();
    },
  )();
  const name = readdirSync(directory).find((file) => file.endsWith('.memray.json') && !before.has(file))!;
  return JSON.parse(readFileSync(join(directory, name), 'utf8')) as MemrayCapture;
}

/** The newest capture file not in `exclude` (the sidecar's checkpoint while a task runs), if readable. */
function newestCapture(exclude: ReadonlySet<string> = new Set()): MemrayCapture | undefined {
  const newest = readdirSync(directory)
    .filter((file) => file.endsWith('.memray.json') && !exclude.has(file))
    .sort((left, right) => statSync(join(directory, left)).mtimeMs - statSync(join(directory, right)).mtimeMs)
    .at(-1);
  if (newest === undefined) return undefined;
  try {
    return JSON.parse(readFileSync(join(directory, newest), 'utf8')) as MemrayCapture;
  } catch {
    return undefined; // empty (reserved, not yet written) or mid-rename
  }
}

/** Bytes of the peak snapshot in the newest capture file. */
function checkpointPeakBytes(): number {
  const peak = newestCapture()?.peak;
  return peak ? subtreeBytes(peak.profile.head) : 0;
}

/** Waits for `condition`, polling, with a generous bound so a slow machine is never a failure by itself. */
async function pollUntil(condition: () => boolean, maximumMs: number): Promise<void> {
  const deadline = Date.now() + maximumMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}

const expectWithin = (measured: number, expected: number) => {
  const error = Math.abs(measured - expected) / expected;
  expect(error, `measured ${measured} vs expected ${expected}`).toBeLessThanOrEqual(tolerance(expected));
};

const fixtureSource = readFileSync(allocationSitesPath, 'utf8').split('\n');
const definitionLine = (name: string) =>
  fixtureSource.findIndex((line) => line.includes(`function ${name}(`)) + 1;

let arraysTruth: number;
let stringsTruth: number;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'memray-accuracy-'));
  arraysTruth = retainedBytes(() => allocateRetainedArrays(2000, 1000));
  stringsTruth = retainedBytes(() => allocateRetainedStrings(40, 500_000));
});
beforeEach(() => clearSinks());

describe('allocation accuracy (design notes §7)', () => {
  test('live view (--leaks): retained sites within tolerance at their named functions; temporaries gone', async () => {
    const capture = await profile({ memrayReporterArgs: ['--leaks'] }, () => {
      allocateRetainedArrays(2000, 1000);
      allocateRetainedStrings(40, 500_000);
      allocateTemporaryArrays(10_000, 1000);
    });
    const { profile: live } = selectProfile(capture, 'leaks');
    expect(arraysTruth).toBeGreaterThan(15_000_000);
    expectWithin(inclusiveBytes(live, 'allocateRetainedArrays'), arraysTruth);
    expectWithin(inclusiveBytes(live, 'allocateRetainedStrings'), stringsTruth);
    expect(inclusiveBytes(live, 'allocateTemporaryArrays')).toBeLessThan(0.01 * 10_000 * 8048);
    const site = frameLine(live, 'allocateRetainedArrays')!;
    expect(site.url).toMatch(/__fixtures__\/allocation-sites\.cjs$/);
    expect(site.line).toBe(definitionLine('allocateRetainedArrays'));
  });

  test('all-allocations view (--temporary-allocations): freed arrays are counted at their site', async () => {
    const capture = await profile({ memrayReporterArgs: ['--temporary-allocations'] }, () => {
      allocateTemporaryArrays(10_000, 1000);
      allocateRetainedArrays(1000, 1000);
    });
    expect(capture.metadata.mode).toBe('all');
    const { profile: all } = selectProfile(capture, 'all');
    // Each temporary is an array of 1000 doubles: 8 x 1000 + 16 (FixedDoubleArray) + 32 (JSArray).
    expectWithin(inclusiveBytes(all, 'allocateTemporaryArrays'), 10_000 * 8048);
    expect(inclusiveBytes(all, 'allocateRetainedArrays')).toBeGreaterThan(0.9 * (arraysTruth / 2));
  });

  test.each([
    ['already running', false],
    ['started with the task (cold)', true],
  ])(
    'peak view is dominated by the larger phase that was freed; leaks view by the final one; sidecar %s',
    async (_, cold) => {
      if (cold) await stopSidecarThread();
      // Held in an object so the allocations are reachable until dropped on purpose.
      const phases: { a: unknown[] | null; b: unknown[] | null } = { a: null, b: null };
      function phaseAllocatesA() {
        phases.a = Array.from({ length: 8000 }, (_, index) => new Array(1000).fill(index + 0.5));
      }
      function phaseAllocatesB() {
        phases.b = Array.from({ length: 2000 }, (_, index) => new Array(1000).fill(index + 0.5));
      }
      const capture = await profile({}, async () => {
        phaseAllocatesA();
        // Phase A (64 MB) is held until the sidecar's checkpoint holds a peak snapshot of most of it:
        // on a loaded machine the snapshot budget (2 % of the run) can delay it well past any fixed
        // hold, and what is tested is which phase the peak view shows, not how soon it is taken.
        await pollUntil(() => checkpointPeakBytes() >= 48 * 1024 * 1024, 240_000);
        phases.a = null;
        phaseAllocatesB();
        await new Promise((resolve) => setTimeout(resolve, 50));
      });
      expect(phases.b).not.toBeNull();
      expect(capture.peak).not.toBeNull();
      const peak = selectProfile(capture, 'peak');
      const peakTotal = subtreeBytes(peak.profile!.head);
      expect(inclusiveBytes(peak.profile, 'phaseAllocatesA') / peakTotal).toBeGreaterThanOrEqual(0.8);
      const leaks = selectProfile(capture, 'leaks');
      const leaksTotal = subtreeBytes(leaks.profile!.head);
      // At most a stray sample (the mapping closure) survives phase A.
      expect(inclusiveBytes(leaks.profile, 'phaseAllocatesA')).toBeLessThan(0.01 * leaksTotal);
      expect(inclusiveBytes(leaks.profile, 'phaseAllocatesB') / leaksTotal).toBeGreaterThanOrEqual(0.8);
      expect(peak.time).toBeGreaterThan(0);
      // Phase A (64 MB) was held for 300 ms: the snapshot should hold most of it, not a fragment.
      expect(peakTotal).toBeGreaterThan(2.5 * leaksTotal);
    },
  );

  test('Buffers are off-heap: ~0 in the JS-heap profile, +20 MiB in the arrayBuffers series, an (external) node with nativeTraces', async () => {
    const expected = 20 * 1024 * 1024;
    gc();
    gc();
    const capture = await profile({ nativeTraces: true, memrayReporterArgs: ['--leaks'] }, () => {
      allocateRetainedBuffers(20, 1024 * 1024);
    });
    const { profile: live } = selectProfile(capture, 'leaks');
    expect(inclusiveBytes(live, 'allocateRetainedBuffers')).toBeLessThan(0.01 * expected);
    const first = capture.memory[0]!;
    const last = capture.memory.at(-1)!;
    expect(Math.abs(last[5] - first[5] - expected) / expected).toBeLessThanOrEqual(0.05);
    // `external` includes the arrayBuffers bytes (other external memory may come and go meanwhile).
    expect(last[4]).toBeGreaterThanOrEqual(last[5]);
    expect(last[4]).toBeGreaterThanOrEqual(expected);
    const model = buildReportModel(
      capture,
      'flamegraph',
      parseReporterArgs('flamegraph', ['--leaks'], 'x'),
      10_000,
    );
    const external = model.data.strings.indexOf('(external: Buffers/ArrayBuffers/native)');
    expect(external).toBeGreaterThanOrEqual(0);
    const node = model.data.nodes.name.indexOf(external);
    expect(model.data.nodes.self[node]).toBeGreaterThanOrEqual(0.95 * expected);
  });

  test('a worker thread and a child Node process are attributed under their own labels, not the main thread', async () => {
    const workerCode = `
      function workerAllocates() { const keep = new Array(1000); for (let i = 0; i < 1000; i++) keep[i] = new Array(1000).fill(i + 0.5); globalThis.keep = keep; }
      workerAllocates();`;
    const childCode = `
      function childAllocates() { const keep = new Array(1000); for (let i = 0; i < 1000; i++) keep[i] = new Array(1000).fill(i + 0.5); globalThis.keep = keep; }
      childAllocates();`;
    const capture = await profile({ followFork: true, memrayReporterArgs: ['--leaks'] }, async () => {
      await new Promise((resolve, reject) => {
        const worker = new Worker(workerCode, { eval: true });
        worker.on('exit', resolve);
        worker.on('error', reject);
      });
      execFileSync(process.execPath, ['-e', childCode]);
    });
    const expected = arraysTruth / 2;
    // Other workers already running in this process (the test runner's) are followed too.
    const worker = capture.threads.find((thread) => inclusiveBytes(thread.profile, 'workerAllocates') > 0)!;
    const child = capture.threads.find((thread) => thread.kind === 'process')!;
    expect(worker.label).toMatch(/^main process worker \d+$/);
    expect(child.label).toMatch(/^process \d+$/);
    expectWithin(inclusiveBytes(worker.profile, 'workerAllocates'), expected);
    expectWithin(inclusiveBytes(child.profile, 'childAllocates'), expected);
    expect(
      inclusiveBytes(capture.final, 'workerAllocates') + inclusiveBytes(capture.final, 'childAllocates'),
    ).toBe(0);
    // The child's environment was restored after the task.
    expect(process.env.NODE_OPTIONS ?? '').not.toContain('agent.cjs');
  });

  test('a worker ended with terminate() still has its capture, and terminate is restored afterwards', async () => {
    const { terminate } = Worker.prototype;
    const workerCode = `
      const { parentPort } = require('node:worker_threads');
      function terminatedWorkerAllocates() { const keep = new Array(1000); for (let i = 0; i < 1000; i++) keep[i] = new Array(1000).fill(i + 0.5); globalThis.keep = keep; }
      terminatedWorkerAllocates();
      parentPort.postMessage('allocated');
      setInterval(() => {}, 1000);`;
    const capture = await profile({ memrayReporterArgs: ['--leaks'] }, async () => {
      const worker = new Worker(workerCode, { eval: true });
      await new Promise((resolve) => worker.once('message', resolve));
      expect(await worker.terminate()).toBe(1);
    });
    const worker = capture.threads.find(
      (thread) => inclusiveBytes(thread.profile, 'terminatedWorkerAllocates') > 0,
    );
    expect(worker?.label).toMatch(/^main process worker \d+$/);
    expectWithin(inclusiveBytes(worker!.profile, 'terminatedWorkerAllocates'), arraysTruth / 2);
    expect(Worker.prototype.terminate).toBe(terminate);
  });

  // Structure, not rate: the task blocks until the sidecar's own checkpoint shows it kept ticking
  // (a starved sidecar on a loaded machine ticks late, never not at all).
  test('memory series keep ticking while the task blocks the main thread', async () => {
    const earlier = new Set(readdirSync(directory));
    const capture = await profile({ memrayReporterArgs: ['--leaks'], checkpointIntervalMs: 50 }, () => {
      const deadline = Date.now() + 240_000;
      // Synchronous on purpose: no event-loop turn, so every point comes from the sidecar thread.
      while (Date.now() < deadline) {
        const seen = newestCapture(earlier)?.memory ?? [];
        if (seen.length >= 16 && seen.filter((record) => Number.isFinite(record[2])).length >= 11) break;
        const pause = Date.now() + 20;
        while (Date.now() < pause) {}
      }
    });
    const during = capture.memory.filter((record) => record[0] < capture.metadata.endTime - 20);
    expect(during.length).toBeGreaterThanOrEqual(15);
    expect(during.filter((record) => Number.isFinite(record[2])).length).toBeGreaterThanOrEqual(10);
  });
});
