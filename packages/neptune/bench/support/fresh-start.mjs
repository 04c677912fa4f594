// One run start in a fresh Node process, measured after the imports (as the Python side measures
// `init_run` / `Run` after `import neptune`): how long the start call took, and for an online run
// how long until the server had created it (`ready`, legacy only), and the start's CPU time.
// `initRun()` returns before its offline directory exists (created on the next turn), while
// Python's `init_run(mode="offline")` creates it before returning; `onDiskMs` (legacy offline
// only) is the time until `metadata.json` and the first operations are on disk, the figure that
// includes what Python's does. For Scale, `openMs` is when the run database was open (the first
// turn after the start, where the sink opens it) and `closedMs` when `close()` had everything
// stored. The imports themselves are timed by fresh-import-start.mjs. Prints JSON. Used by
// neptune-bench.mjs:
//   node fresh-start.mjs <legacy|scale> <offline|async> <data directory> [api token]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setLogSink } from '@tasklens/core/plugin';

const [kind, mode, directory, apiToken] = process.argv.slice(2);
// A legacy run imports `@tasklens/neptune/legacy` (no Scale client, as Python's `import neptune`
// loads no `neptune_scale`); TASKLENS_BENCH_NEPTUNE_ENTRY=index imports the whole package instead.
const { createScaleRun, initRun } = await import(entryOf(kind));
setLogSink(() => {});
const common = { project: 'bench/bench', environment: {}, mode, ...(apiToken ? { apiToken } : {}) };
// The instruments are set up before either reading: the global `performance` loads node:perf_hooks
// on first use (~1.5 ms of CPU), and the CPU reading comes before the wall timer starts, since a
// process's first process.cpuUsage() call compiles Node's JS side of it (~0.09 ms here). Both are
// the instruments' cost, not the start's.
performance.now();
const cpu = process.cpuUsage();
const started = performance.now();
const run =
  kind === 'legacy'
    ? await initRun({ ...common, dataDirectory: directory })
    : await createScaleRun({ ...common, logDirectory: directory, runId: `fresh-${process.pid}` });
const initMs = performance.now() - started;
// CPU time of the start (user + system): what the start costs without the waits for a CPU that
// a loaded machine adds to the wall time.
const used = process.cpuUsage(cpu);
let onDiskMs;
if (kind === 'legacy' && mode === 'offline') {
  // The directory is created on the turn after the start (one setImmediate).
  await new Promise((resolve) => setImmediate(resolve));
  onDiskMs = performance.now() - started;
  if (!existsSync(join(run.offlineDirectory, 'metadata.json'))) throw new Error('offline run not on disk');
}
const initCpuMs = (used.user + used.system) / 1000;
run.log?.('train/loss', 1, { step: 0 });
run.logMetrics?.({ data: { 'train/loss': 1 }, step: 0 });
// The Scale sink opens its database in the first immediate after the start (queued before this one).
const openMs =
  kind === 'scale'
    ? await new Promise((resolve) => setImmediate(() => resolve(performance.now() - started)))
    : undefined;
// Only the legacy run says when the server has created it; a Scale run's id is the caller's.
const online = kind === 'legacy' ? await run.ready() : undefined;
const readyMs = kind === 'legacy' ? performance.now() - started : undefined;
const result = kind === 'legacy' ? await run.stop() : await run.close();
const closedMs = performance.now() - started;
console.log(
  JSON.stringify({ initMs, initCpuMs, onDiskMs, openMs, closedMs, readyMs, online, outcome: result.outcome }),
);

function entryOf(kind) {
  const whole = process.env.TASKLENS_BENCH_NEPTUNE_ENTRY === 'index';
  return kind === 'legacy' && !whole ? '../../dist/legacy/index.js' : '../../dist/index.js';
}
