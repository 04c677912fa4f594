// Benchmark: init-to-ready and logging throughput (10 metrics a step), offline and online against the
// local W&B test server, @tasklens/wandb vs the Python SDK on the same machine. Run after `npm run build`:
//   node packages/wandb/bench/wandb-bench.mjs [--steps 20000] [--python-steps 5000]
import { execFile, fork } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setLogSink } from '@tasklens/core/plugin';
import { init } from '../dist/index.js';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const steps = argument('steps', 20_000);
const pythonSteps = argument('python-steps', 5_000);
const repeats = argument('repeats', 5);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const python = process.env.TASKLENS_ORACLE_PYTHON ?? join(root, '.venv/oracle/bin/python');
const apiKey = 'b'.repeat(40);
setLogSink(() => {});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function ours(mode, server) {
  const inits = [];
  let rate = 0;
  for (let repeat = 0; repeat < repeats; repeat++) {
    const dir = mkdtempSync(join(tmpdir(), 'wandb-bench-'));
    const started = performance.now();
    const run = await init({
      project: 'bench',
      entity: 'bench',
      mode,
      dir,
      apiKey: server ? apiKey : undefined,
      baseUrl: server?.url,
      environment: {},
    });
    inits.push(performance.now() - started);
    if (repeat === repeats - 1) {
      const logStarted = performance.now();
      for (let step = 0; step < steps; step++) {
        const metrics = {};
        for (let metric = 0; metric < 10; metric++) metrics[`metric_${metric}`] = step * 0.001 + metric;
        run.log(metrics);
      }
      const result = await run.finish();
      rate = steps / ((performance.now() - logStarted) / 1000);
      if (server && (await server.rows(run.id)) !== steps) throw new Error('rows missing');
      if (result.outcome !== (server ? 'delivered' : 'offline'))
        throw new Error(`unexpected outcome ${result.outcome}`);
    } else await run.finish();
  }
  return { initMs: median(inits), stepsPerSecond: rate };
}

const pythonScript = `
import json, os, sys, time
t0 = time.perf_counter()
import wandb
t_import = time.perf_counter() - t0
steps = int(sys.argv[1])
settings = wandb.Settings(x_disable_stats=True, console="off", disable_git=True, save_code=False)
t1 = time.perf_counter()
run = wandb.init(project="bench", entity="bench", settings=settings)
t_init = time.perf_counter() - t1
t2 = time.perf_counter()
for step in range(steps):
    run.log({f"metric_{m}": step * 0.001 + m for m in range(10)})
run.finish()
t_log = time.perf_counter() - t2
print(json.dumps({"importMs": t_import * 1000, "initMs": t_init * 1000, "stepsPerSecond": steps / t_log}))
`;

function pythonRun(mode, server) {
  const dir = mkdtempSync(join(tmpdir(), 'wandb-bench-py-'));
  const env = {
    ...process.env,
    HOME: dir,
    WANDB_MODE: mode,
    WANDB_API_KEY: apiKey,
    WANDB_SILENT: 'true',
    ...(server ? { WANDB_BASE_URL: server.url } : {}),
  };
  return new Promise((resolve, reject) => {
    execFile(
      python,
      ['-c', pythonScript, String(pythonSteps)],
      { cwd: dir, env, timeout: 600_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
      },
    );
  });
}

const loadBefore = loadavg()[0].toFixed(1);
const rows = [];
const child = fork(fileURLToPath(new URL('./support/test-server-process.mjs', import.meta.url)));
const [{ url }] = await once(child, 'message');
const server = {
  url,
  async rows(runId) {
    child.send({ type: 'rows', runId });
    const [{ rows }] = await once(child, 'message');
    return rows;
  },
};
for (const mode of ['offline', 'online']) {
  const mine = await ours(mode, mode === 'online' ? server : undefined);
  let theirs;
  if (existsSync(python)) {
    const samples = [];
    for (let repeat = 0; repeat < 2; repeat++)
      samples.push(await pythonRun(mode, mode === 'online' ? server : undefined));
    theirs = {
      initMs: median(samples.map((s) => s.initMs)),
      stepsPerSecond: median(samples.map((s) => s.stepsPerSecond)),
      importMs: median(samples.map((s) => s.importMs)),
    };
  }
  rows.push({ mode, mine, theirs });
}
child.send({ type: 'close' });

const format = (value, digits = 1) => (value === undefined ? 'n/a' : value.toFixed(digits));
console.log(
  `W&B bench — ${steps} steps (ours), ${pythonSteps} steps (Python wandb), 10 metrics a step, Node ${process.version}`,
);
console.log('| mode | metric | @tasklens/wandb | Python wandb | ratio |');
console.log('| --- | --- | --- | --- | --- |');
for (const { mode, mine, theirs } of rows) {
  console.log(
    `| ${mode} | init to ready (ms, median) | ${format(mine.initMs, 2)} | ${format(theirs?.initMs)} | ${theirs ? `${(theirs.initMs / mine.initMs).toFixed(0)}x faster` : 'n/a'} |`,
  );
  console.log(
    `| ${mode} | log + finish (steps/s) | ${format(mine.stepsPerSecond, 0)} | ${format(theirs?.stepsPerSecond, 0)} | ${theirs ? `${(mine.stepsPerSecond / theirs.stepsPerSecond).toFixed(1)}x` : 'n/a'} |`,
  );
}
if (rows[0].theirs)
  console.log(`(Python \`import wandb\` alone: ${format(rows[0].theirs.importMs)} ms, not counted in init)`);

// Rows for scripts/bench.mjs's table (contract at the top of that file). Init here is in-process
// (this bench has no fresh-process start), start only: Python's import is not counted, nor ours.
if (process.env.TASKLENS_BENCH_RESULTS) {
  const results = rows.flatMap(({ mode, mine, theirs }) => [
    {
      case: `${mode}: init to ready, start only (median of ${repeats} in one process; Python: median of 2 fresh runs)`,
      ours: mine.initMs,
      peer: theirs?.initMs ?? null,
      unit: 'ms',
      better: 'lower',
      target: { of: 'ratio', atLeast: 10 },
    },
    {
      case: `${mode}: log 10 metrics a step + finish (ours ${steps} steps, Python ${pythonSteps})`,
      ours: mine.stepsPerSecond,
      peer: theirs?.stepsPerSecond ?? null,
      unit: 'steps/s',
      better: 'higher',
      target: { of: 'ratio', atLeast: mode === 'online' ? 10 : 5 },
    },
  ]);
  writeFileSync(
    process.env.TASKLENS_BENCH_RESULTS,
    JSON.stringify({
      rows: results,
      notes: [
        `W&B test server in its own process; load average ${loadBefore} before, ${loadavg()[0].toFixed(1)} after` +
          (rows[0].theirs
            ? `; Python \`import wandb\` ${rows[0].theirs.importMs.toFixed(0)} ms, not counted`
            : ''),
      ],
    }),
  );
}
