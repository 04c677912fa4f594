// One run start in a fresh Node process: how long the start call took after the imports (as the
// Python side measures `init_run` / `Run` after `import neptune`), the imports plus the start
// (`importAndInitMs`, from before the first import), for an online legacy run how long until the
// server had created it (`ready`), and the start's CPU time. For Scale also when the run database
// was open (`openMs`: the first turn after the start, where the sink opens it) and when `close()`
// had everything stored (`closedMs`). Prints JSON. Used by neptune-bench.mjs:
//   node fresh-start.mjs <legacy|scale> <offline|async> <data directory> [api token]
const importing = performance.now();
const { setLogSink } = await import('@tasklens/core/plugin');
const { createScaleRun, initRun } = await import('../../dist/index.js');

const [kind, mode, directory, apiToken] = process.argv.slice(2);
setLogSink(() => {});
const common = { project: 'bench/bench', environment: {}, mode, ...(apiToken ? { apiToken } : {}) };
const started = performance.now();
const cpu = process.cpuUsage();
const run =
  kind === 'legacy'
    ? await initRun({ ...common, dataDirectory: directory })
    : await createScaleRun({ ...common, logDirectory: directory, runId: `fresh-${process.pid}` });
const initMs = performance.now() - started;
const importAndInitMs = performance.now() - importing;
// CPU time of the start (user + system): what the start costs without the waits for a CPU that
// a loaded machine adds to the wall time.
const used = process.cpuUsage(cpu);
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
  JSON.stringify({
    initMs,
    importAndInitMs,
    initCpuMs,
    openMs,
    closedMs,
    readyMs,
    online,
    outcome: result.outcome,
  }),
);
