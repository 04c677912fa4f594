import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Deck, task, types } from '@tasklens/core';
import { createLocalContext, runInContext, setLogSink } from '@tasklens/core/plugin';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { allocateRetainedArrays, allocateTemporaryArrays, clearSinks } from './__fixtures__/allocation-sites';
import type { MemrayCapture } from './capture/capture-format';
import { memrayProfiling } from './memray-profiling';
import { sidecarSlot } from './profiler/sidecar-host';

let directory: string;
let logLines: string[];
let previousSink: ReturnType<typeof setLogSink>;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'memray-test-'));
  vi.stubEnv('TASKLENS_MEMRAY_DIR', directory);
  logLines = [];
  previousSink = setLogSink((_level, line) => logLines.push(line));
  clearSinks();
});
afterEach(() => {
  setLogSink(previousSink);
});

const files = (suffix: string) => readdirSync(directory).filter((name) => name.endsWith(suffix));

/** Deck tab names of the deck.html the last local task run wrote (found through its log line). */
function writtenDeckNames(): string[] {
  const line = [...logLines].reverse().find((entry) => entry.includes('creates flyte deck html to file://'));
  if (line === undefined) return [];
  const html = readFileSync(line.slice(line.indexOf('file://') + 7).trim(), 'utf8');
  return [...html.matchAll(/<li onclick="handleLinkClick\(this\)">([^<]*)<\/li>/g)].map((match) => match[1]!);
}

function heavyComputeTask(options: { enableDeck?: boolean; profiled?: boolean }) {
  async function heavy_compute({ i }: { i: number }) {
    return i + 1;
  }
  return task(
    {
      name: 'tests.heavy_compute',
      inputs: { i: types.integer() },
      outputs: types.integer(),
      enableDeck: options.enableDeck,
    },
    options.profiled === false ? heavy_compute : memrayProfiling(heavy_compute),
  );
}

describe('flytekit test_local_exec and deck vectors (spec §8.7)', () => {
  test('a profiled task with decks on writes 6 decks in flytekit order', async () => {
    expect(await heavyComputeTask({ enableDeck: true })({ i: 7 })).toBe(8);
    expect(writtenDeckNames()).toEqual([
      'Timeline',
      'Memray Flamegraph',
      'Source Code',
      'Dependencies',
      'Input',
      'Output',
    ]);
    expect(files('.html')).toEqual([expect.stringMatching(/^flamegraph\.heavy_compute\.\d{14}\.html$/)]);
  });

  test('the same decks in the context list, through Task.execute', async () => {
    const context = createLocalContext({ taskName: 'tests.heavy_compute', enableDeck: true });
    await heavyComputeTask({ enableDeck: true }).execute(context, { i: 7 });
    expect(context.decks.map((deck) => deck.name)).toEqual([
      'Timeline',
      'Memray Flamegraph',
      'Source Code',
      'Dependencies',
      'Input',
      'Output',
    ]);
  });

  test('without memray: 5 decks; decks disabled: no deck.html', async () => {
    await heavyComputeTask({ enableDeck: true, profiled: false })({ i: 7 });
    expect(writtenDeckNames()).toEqual(['Timeline', 'Source Code', 'Dependencies', 'Input', 'Output']);
    logLines = [];
    await heavyComputeTask({ enableDeck: false })({ i: 7 });
    expect(writtenDeckNames()).toEqual([]);
  });

  test('decks disabled: like flytekit, the memray deck still joins the context list (never rendered)', async () => {
    const context = createLocalContext({ taskName: 'tests.heavy_compute', enableDeck: false });
    await heavyComputeTask({ enableDeck: false }).execute(context, { i: 7 });
    expect(context.decks.map((deck) => deck.name)).toEqual(['Memray Flamegraph']);
  });

  test('the table reporter makes a "Memray Table" deck and table.<fn>.<ts>.html', async () => {
    const context = createLocalContext({ taskName: 'x', enableDeck: true });
    const profiled = memrayProfiling({ memrayHtmlReporter: 'table' })(async function heavy_compute() {
      return 1;
    });
    await runInContext(context, () => profiled());
    expect(context.decks.map((deck) => deck.name)).toEqual(['Memray Table']);
    expect(files('.html')).toEqual([expect.stringMatching(/^table\.heavy_compute\.\d{14}\.html$/)]);
    expect(context.decks[0]!.html).toContain('data-reporter="table"');
  });
});

describe('profiling a call', () => {
  test('bare and with options; captures are a DevTools .heapprofile beside our .memray.json', async () => {
    const bare = memrayProfiling(async function allocate() {
      allocateRetainedArrays(500, 1000);
      return 'done';
    });
    expect(await bare()).toBe('done');
    const [heapProfile] = files('.heapprofile');
    const profile = JSON.parse(readFileSync(join(directory, heapProfile!), 'utf8'));
    expect(profile.head.callFrame.functionName).toBe('(root)');
    expect(Array.isArray(profile.samples)).toBe(true);
    const capture = JSON.parse(
      readFileSync(join(directory, files('.memray.json')[0]!), 'utf8'),
    ) as MemrayCapture;
    expect(capture.format).toBe('tasklens-memray');
    expect(capture.metadata).toMatchObject({ functionName: 'allocate', mode: 'live' });
    // The default interval adapts: 256 KiB first, 1 MiB once the call has used 100 ms of CPU (if it gets there).
    expect(capture.metadata.initialSamplingIntervalBytes).toBe(262_144);
    expect(capture.metadata.samplingIntervalBytes).toBe(
      capture.metadata.intervalSwitchedAt === null ? 262_144 : 1_048_576,
    );
    expect(capture.memory.length).toBeGreaterThan(0);
    expect(capture.metadata.memoryTicks).toBeGreaterThan(0);
  });

  test('two runs in the same second never overwrite each other', async () => {
    const quick = memrayProfiling(async function quick() {});
    await Promise.all([quick(), quick()].map((run) => run.catch(() => undefined)));
    await quick();
    await quick();
    expect(new Set(files('.memray.json')).size).toBe(files('.memray.json').length);
    expect(files('.memray.json').length).toBe(4);
  });

  test('a concurrent second profiled call runs unprofiled and its deck says why', async () => {
    const decks: Deck[] = [];
    const context = createLocalContext({ taskName: 'x', decks });
    const slow = memrayProfiling(async function slow() {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return 'slow';
    });
    const fast = memrayProfiling(async function fast() {
      return 'fast';
    });
    const results = await runInContext(context, () => Promise.all([slow(), fast()]));
    expect(results).toEqual(['slow', 'fast']);
    const explained = decks.find((deck) => deck.html.includes('already profiling this process'));
    expect(explained).toBeDefined();
  });

  test('another heap sampler in the process: the task still runs and the deck explains', async () => {
    const foreign = new Session();
    foreign.connect();
    const post = (method: string, params = {}) =>
      new Promise((resolve, reject) =>
        foreign.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
      );
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling');
    try {
      const context = createLocalContext({ taskName: 'x' });
      const profiled = memrayProfiling(async function underForeignSampler() {
        return 42;
      });
      expect(await runInContext(context, () => profiled())).toBe(42);
      expect(context.decks[0]!.html).toContain('another heap sampler');
    } finally {
      await post('HeapProfiler.stopSampling');
      foreign.disconnect();
    }
  });

  test('a failing task: the error propagates unchanged and the report deck is still made', async () => {
    const context = createLocalContext({ taskName: 'x' });
    const failure = new Error('boom');
    const failing = memrayProfiling(async function failing() {
      allocateRetainedArrays(100, 100);
      throw failure;
    });
    await expect(runInContext(context, () => failing())).rejects.toBe(failure);
    expect(context.decks.map((deck) => deck.name)).toEqual(['Memray Flamegraph']);
    expect(context.decks[0]!.html).toContain('The task failed');
  });

  test('reportOnFailure: false keeps flytekit behaviour (no deck when the task throws)', async () => {
    const context = createLocalContext({ taskName: 'x' });
    const failing = memrayProfiling({ reportOnFailure: false })(async function failing() {
      throw new Error('boom');
    });
    await expect(runInContext(context, () => failing())).rejects.toThrow('boom');
    expect(context.decks).toEqual([]);
  });

  test('an unwritable capture directory never fails the task', async () => {
    const context = createLocalContext({ taskName: 'x' });
    const blocker = join(directory, 'a-file');
    writeFileSync(blocker, '');
    const profiled = memrayProfiling({ captureDirectory: join(blocker, 'memray_bin') })(
      async function task() {
        return 'fine';
      },
    );
    expect(await runInContext(context, () => profiled())).toBe('fine');
    expect(context.decks[0]!.html).toContain('Profiling was not possible');
  });

  test('works as a TypeScript standard decorator on a class method, named after the method', async () => {
    // Applied the way TypeScript 5 emits `@memrayProfiling(...) async train()` (the test
    // transformer here does not compile decorator syntax).
    class Trainer {
      factor = 3;
      async train(value: number) {
        return value * this.factor;
      }
    }
    const context = { kind: 'method', name: 'train' } as ClassMethodDecoratorContext<
      Trainer,
      Trainer['train']
    >;
    Trainer.prototype.train = memrayProfiling({ memrayReporterArgs: ['--leaks'] })(
      Trainer.prototype.train,
      context,
    );
    expect(await new Trainer().train(2)).toBe(6);
    expect(files('.memray.json')).toEqual([expect.stringMatching(/^train\.\d{14}\.memray\.json$/)]);
  });

  test('samplingIntervalBytes comes from TASKLENS_MEMRAY_SAMPLING_INTERVAL, then tracePythonAllocators', async () => {
    vi.stubEnv('TASKLENS_MEMRAY_SAMPLING_INTERVAL', '65536');
    await memrayProfiling(async function fromEnvironment() {})();
    await memrayProfiling({ samplingIntervalBytes: 8192 })(async function explicit() {})();
    vi.stubEnv('TASKLENS_MEMRAY_SAMPLING_INTERVAL', undefined);
    await memrayProfiling({ tracePythonAllocators: true })(async function highFidelity() {})();
    const intervals = Object.fromEntries(
      files('.memray.json').map((name) => {
        const capture = JSON.parse(readFileSync(join(directory, name), 'utf8')) as MemrayCapture;
        return [capture.metadata.functionName, capture.metadata.samplingIntervalBytes];
      }),
    );
    expect(intervals).toEqual({ fromEnvironment: 65_536, explicit: 8192, highFidelity: 32_768 });
    // A chosen interval is kept throughout: only the default adapts.
    for (const name of files('.memray.json')) {
      const capture = JSON.parse(readFileSync(join(directory, name), 'utf8')) as MemrayCapture;
      expect(capture.metadata.initialSamplingIntervalBytes).toBeUndefined();
    }
  });

  test('garbage collections are not observed by default, and the report says how to count them', async () => {
    const context = createLocalContext({ taskName: 'x', enableDeck: true });
    await runInContext(context, () =>
      memrayProfiling(async function churn() {
        return allocateTemporaryArrays(2000, 1000);
      })(),
    );
    const capture = JSON.parse(
      readFileSync(join(directory, files('.memray.json')[0]!), 'utf8'),
    ) as MemrayCapture;
    expect(capture.gc).toBeNull();
    expect(context.decks[0]!.html).toContain('not tracked (trackGarbageCollection: true');
  });

  test('trackGarbageCollection (or TASKLENS_MEMRAY_TRACK_GC=1) counts collections and pauses by kind', async () => {
    const churn = async function churn() {
      return allocateTemporaryArrays(4000, 2000);
    };
    const context = createLocalContext({ taskName: 'x', enableDeck: true });
    await runInContext(context, () => memrayProfiling({ trackGarbageCollection: true })(churn)());
    vi.stubEnv('TASKLENS_MEMRAY_TRACK_GC', 'true');
    await memrayProfiling(churn)();
    vi.stubEnv('TASKLENS_MEMRAY_TRACK_GC', 'maybe');
    await memrayProfiling(churn)();
    vi.stubEnv('TASKLENS_MEMRAY_TRACK_GC', undefined);
    const captures = files('.memray.json')
      .sort()
      .map((name) => JSON.parse(readFileSync(join(directory, name), 'utf8')) as MemrayCapture);
    const tracked = captures.filter((capture) => capture.gc !== null);
    expect(tracked).toHaveLength(2);
    for (const capture of tracked) {
      expect(capture.gc!.length).toBeGreaterThan(0);
      expect(capture.gc!.every((event) => event.duration >= 0 && event.kind !== 'unknown')).toBe(true);
    }
    expect(context.decks[0]!.html).toMatch(/minor: \d+ \(\d+\.\d ms\)/);
    expect(logLines.some((line) => line.includes('TASKLENS_MEMRAY_TRACK_GC="maybe" is not a boolean'))).toBe(
      true,
    );
  });

  test('a memory sampler thread that dies during the task never fails it; the capture says so', async () => {
    const result = await memrayProfiling(async function losesSampler() {
      await sidecarSlot.get()?.worker.terminate();
      allocateRetainedArrays(200, 1000);
      return 'finished';
    })();
    expect(result).toBe('finished');
    const capture = JSON.parse(
      readFileSync(join(directory, files('.memray.json')[0]!), 'utf8'),
    ) as MemrayCapture;
    expect(capture.metadata.warnings.join('\n')).toMatch(
      /memory sampler failed: the memory sampler thread (has )?exited/,
    );
    // The main thread's own first and last points remain, and the sampler's profile is intact.
    expect(capture.memory.length).toBeGreaterThanOrEqual(2);
    expect(capture.final).not.toBeNull();
    // The next call starts a new sampler thread.
    // Held until the new sampler thread has ticked (it writes a checkpoint from its tick), however
    // slowly a loaded machine starts the thread.
    await memrayProfiling({ checkpointIntervalMs: 20 })(async function afterwards() {
      const deadline = Date.now() + 240_000;
      const checkpointed = () =>
        files('.memray.json').some(
          (name) =>
            name.startsWith('afterwards.') &&
            readFileSync(join(directory, name), 'utf8').includes('"checkpoint"'),
        );
      while (!checkpointed() && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
    })();
    const next = files('.memray.json')
      .map((name) => JSON.parse(readFileSync(join(directory, name), 'utf8')) as MemrayCapture)
      .find((capture) => capture.metadata.functionName === 'afterwards')!;
    expect(next.metadata.warnings).toEqual([]);
    expect(next.metadata.memoryTicks).toBeGreaterThan(0);
  });

  test('a profiled function called outside any task runs as a local task', async () => {
    const profiled = memrayProfiling(async function standalone() {
      return existsSync(directory);
    });
    expect(await profiled()).toBe(true);
  });
});
