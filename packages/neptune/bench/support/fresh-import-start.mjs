// `import + start` in a fresh Node process: how long importing @tasklens/neptune takes (with
// @tasklens/core, everything it loads) and then one run start, the figure a task pays the first
// time it starts a run. The Python side times `import neptune` / `import neptune_scale` the same
// way (python_bench.py, after the interpreter started). Prints JSON. Used by neptune-bench.mjs:
//   node fresh-import-start.mjs <legacy|scale> <offline|async> <data directory> [api token]
// The global `performance` loads node:perf_hooks on first use; touched before the timer.
const [kind, mode, directory, apiToken] = process.argv.slice(2);
// A legacy run imports `@tasklens/neptune/legacy` (no Scale client, as Python's `import neptune`
// loads no `neptune_scale`); TASKLENS_BENCH_NEPTUNE_ENTRY=index imports the whole package instead.
const whole = process.env.TASKLENS_BENCH_NEPTUNE_ENTRY === 'index';
const entry = kind === 'legacy' && !whole ? '../../dist/legacy/index.js' : '../../dist/index.js';
const before = performance.now();
const { createScaleRun, initRun } = await import(entry);
const importMs = performance.now() - before;
const { setLogSink } = await import('@tasklens/core/plugin');
setLogSink(() => {});
const common = { project: 'bench/bench', environment: {}, mode, ...(apiToken ? { apiToken } : {}) };
const started = performance.now();
const run =
  kind === 'legacy'
    ? await initRun({ ...common, dataDirectory: directory })
    : await createScaleRun({ ...common, logDirectory: directory, runId: `fresh-import-${process.pid}` });
const initMs = performance.now() - started;
run.log?.('train/loss', 1, { step: 0 });
const result = kind === 'legacy' ? await run.stop() : await run.close();
console.log(JSON.stringify({ importMs, initMs, importInitMs: importMs + initMs, outcome: result.outcome }));
