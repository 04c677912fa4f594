// Benchmark: run init time and metric throughput (one float series point per step), offline and
// online against the local test servers, @tasklens/neptune vs neptune 1.14 and neptune-scale 0.30
// on the same machine. Run after `npm run build`:
//   node packages/neptune/bench/neptune-bench.mjs [--steps 20000] [--python-steps 5000] [--only legacy|scale] [--rounds 1] [--start-rounds 7]
// TASKLENS_BENCH_NODE_FLAGS (e.g. `--no-lazy`) is passed to our fresh processes: with `--no-lazy`
// V8 compiles everything at import, so the start only figure then shows what is left of the
// start once no compilation happens inside it.
// Also per case: import + start in a fresh process on both sides, and (Scale) when the run database
// holds the first operations after the start.
// Each round runs, per case: ours in this process (median of --repeats), ours in a fresh process
// (support/fresh-start.mjs: the start after import, like the Python side), then Python; with several
// rounds the sides alternate round by round and the table shows medians, with the load average.
// A fresh start is well under a millisecond on our side and one run of it is at the mercy of the
// machine (a GC or another process landing in it), so the fresh-process rows take more samples
// than the throughput rows: --start-rounds (default 7) in all, the rounds above plus start-only
// rounds (ours fresh, ours import + start, then Python's start with no steps; the order flips
// every round). Each row's label says how many samples its median has.
// What the init timers include, both sides:
// - "start only": the start call after the imports. Python's legacy offline `init_run` creates
//   the run directory, metadata.json and the disk queue before it returns; `initRun()` does that
//   on the next turn, so the fresh legacy offline case also reports `onDisk` (start + that turn:
//   the directory and the first operations written), the figure that holds the same work.
// - "import + start" (support/fresh-import-start.mjs, python_bench.py's importMs): importing the
//   package (with everything it loads) and then the start, in a fresh process; the runtime's own
//   start (node, python) is left out on both sides.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setLogSink } from '@tasklens/core/plugin';
import { createScaleRun, initRun } from '../dist/index.js';
import { LegacyTestServer, ScaleTestServer } from '../dist/testing/index.js';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const steps = argument('steps', 20_000);
const pythonSteps = argument('python-steps', 5_000);
const repeats = argument('repeats', 3);
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1];
const root = fileURLToPath(new URL('../../../', import.meta.url));
const python = process.env.TASKLENS_ORACLE_PYTHON ?? join(root, '.venv/oracle/bin/python');
const pythonScript = fileURLToPath(new URL('./python_bench.py', import.meta.url));
const freshScript = fileURLToPath(new URL('./support/fresh-start.mjs', import.meta.url));
const freshImportScript = fileURLToPath(new URL('./support/fresh-import-start.mjs', import.meta.url));
const rounds = argument('rounds', 1);
const startRounds = Math.max(rounds, argument('start-rounds', 7));
const nodeFlags = (process.env.TASKLENS_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
setLogSink(() => {});
const kindOf = (name) => name.split(' ')[0];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function ours(kind, mode, server) {
  const inits = [];
  const rates = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const directory = mkdtempSync(join(tmpdir(), 'neptune-bench-'));
    const started = performance.now();
    const common = { project: 'bench/bench', environment: {}, flushIntervalMs: 100 };
    const run =
      kind === 'legacy'
        ? await initRun({
            ...common,
            mode,
            dataDirectory: directory,
            ...(server ? { apiToken: server.apiToken } : {}),
          })
        : await createScaleRun({
            ...common,
            mode,
            logDirectory: directory,
            runId: `bench-${repeat}`,
            ...(server ? { apiToken: server.apiToken } : {}),
          });
    inits.push(performance.now() - started);
    const logging = performance.now();
    for (let step = 0; step < steps; step++) {
      if (kind === 'legacy') run.log('train/loss', 1 / (step + 1), { step });
      else run.logMetrics({ data: { 'train/loss': 1 / (step + 1) }, step });
    }
    const result = kind === 'legacy' ? await run.stop() : await run.close();
    if (server && result.outcome !== 'delivered')
      throw new Error(`bench run not delivered: ${result.outcome}`);
    rates.push(steps / ((performance.now() - logging) / 1000));
  }
  return { initMs: median(inits), perSecond: median(rates) };
}

function oursFresh(kind, mode, server, script = freshScript) {
  return new Promise((resolve) => {
    const directory = mkdtempSync(join(tmpdir(), 'neptune-bench-fresh-'));
    const args = [...nodeFlags, script, kind, mode, directory, ...(server ? [server.apiToken] : [])];
    execFile(process.execPath, args, { timeout: 600_000 }, (error, stdout, stderr) => {
      if (error) resolve({ error: String(stderr).trim().split('\n').at(-1) });
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
    });
  });
}

function theirs(kind, mode, server, stepCount = pythonSteps) {
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      OAUTHLIB_INSECURE_TRANSPORT: '1',
      ...(server ? { NEPTUNE_API_TOKEN: server.apiToken } : {}),
    };
    execFile(
      python,
      [pythonScript, kind, mode, String(stepCount)],
      { env, timeout: 600_000 },
      (error, stdout, stderr) => {
        if (error) resolve({ error: String(stderr).trim().split('\n').at(-1) });
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
      },
    );
  });
}

/** Python's start alone (no steps), for the start-only rounds. */
const pythonStart = (kind, mode, server) =>
  existsSync(python) ? theirs(kind, mode, server, 0) : Promise.resolve({ error: 'no oracle venv' });

const rows = [];
const results = [];
const samples = new Map();
const startSamples = new Map();
const cases = [
  ['legacy', 'offline', 'async', LegacyTestServer],
  ['scale', 'offline', 'async', ScaleTestServer],
];
const format = (value) => (value === undefined ? 'n/a' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const load = () => loadavg()[0].toFixed(1);
const importInit = (peer) =>
  typeof peer.importMs === 'number' && typeof peer.initMs === 'number'
    ? peer.importMs + peer.initMs
    : undefined;
/**
 * Calls `measure(kind, mode, server, loadBefore)` for every case of --only, with a local test
 * server for the online ones (closed after), and keeps its sample under the case's name in `into`.
 */
async function eachCase(into, measure) {
  for (const [kind, offlineMode, onlineMode, Server] of cases) {
    if (only !== undefined && kind !== only) continue;
    for (const online of [false, true]) {
      const server = online ? await Server.start() : undefined;
      const mode = online ? onlineMode : offlineMode;
      const loadBefore = load();
      const sample = await measure(kind, mode, server);
      await server?.close();
      sample.load = `${loadBefore}-${load()}`;
      const name = `${kind} ${mode}`;
      into.set(name, [...(into.get(name) ?? []), sample]);
      const { fresh, peer } = sample;
      console.log(
        JSON.stringify({
          round: sample.round,
          case: name,
          load: sample.load,
          oursInitMs: format(sample.mine?.initMs),
          oursFreshInitMs: format(fresh.initMs),
          oursFreshOnDiskMs: format(fresh.onDiskMs),
          oursFreshReadyMs: format(fresh.readyMs),
          pythonInitMs: format(peer.initMs),
          oursImportInitMs: format(sample.freshImport.importInitMs),
          pythonImportInitMs: format(importInit(peer)),
          oursFreshOpenMs: format(fresh.openMs),
          oursFreshInitCpuMs: format(fresh.initCpuMs),
          pythonInitCpuMs: format(peer.initCpuMs),
          oursPerSecond: format(sample.mine?.perSecond),
          pythonPerSecond: format(peer.perSecond),
          ...(peer.error ? { pythonError: peer.error } : {}),
          ...(fresh.error ? { oursFreshError: fresh.error } : {}),
        }),
      );
    }
  }
}

for (let round = 1; round <= rounds; round++) {
  await eachCase(samples, async (kind, mode, server) => {
    const mine = await ours(kind, mode, server);
    const fresh = await oursFresh(kind, mode, server);
    const freshImport = await oursFresh(kind, mode, server, freshImportScript);
    const peer = existsSync(python) ? await theirs(kind, mode, server) : { error: 'no oracle venv' };
    return { round, mine, fresh, freshImport, peer };
  });
}
// Start-only rounds, up to --start-rounds samples per case for the fresh-process rows.
for (let round = rounds + 1; round <= startRounds; round++) {
  await eachCase(startSamples, async (kind, mode, server) => {
    const pythonFirst = round % 2 === 1;
    const early = pythonFirst ? await pythonStart(kind, mode, server) : undefined;
    const fresh = await oursFresh(kind, mode, server);
    const freshImport = await oursFresh(kind, mode, server, freshImportScript);
    const peer = early ?? (await pythonStart(kind, mode, server));
    return { round: `${round} (start only)`, fresh, freshImport, peer };
  });
}
for (const [name, list] of samples) {
  const pick = (select) => {
    const values = list.map(select).filter((value) => typeof value === 'number');
    return values.length === 0 ? undefined : median(values);
  };
  // The fresh-process figures: every round's sample and the start-only rounds' ones.
  const starts = [...list, ...(startSamples.get(name) ?? [])];
  const pickStart = (select) => {
    const values = starts.map(select).filter((value) => typeof value === 'number');
    return values.length === 0 ? undefined : median(values);
  };
  const mine = pick((sample) => sample.mine.initMs);
  const fresh = pickStart((sample) => sample.fresh.initMs);
  const peer = pickStart((sample) => sample.peer.initMs);
  const onDisk = pickStart((sample) => sample.fresh.onDiskMs);
  const oursImport = pickStart((sample) => sample.freshImport.importInitMs);
  const peerImport = pickStart((sample) => importInit(sample.peer));
  const oursRate = pick((sample) => sample.mine.perSecond);
  const peerRate = pick((sample) => sample.peer.perSecond);
  // The fresh-process start is the honest init figure (it pays what a task's first start pays),
  // so it carries the target; the warm in-process one is kept without.
  results.push(
    {
      case: `${name}: init, start only, fresh process (median of ${starts.length})`,
      ours: fresh ?? null,
      peer: peer ?? null,
      unit: 'ms',
      better: 'lower',
      target: { of: 'ratio', atLeast: 10 },
    },
    ...(onDisk === undefined
      ? []
      : [
          {
            case: `${name}: init, start + directory on disk (as Python's init_run), fresh process (median of ${starts.length})`,
            ours: onDisk,
            peer: peer ?? null,
            unit: 'ms',
            better: 'lower',
          },
        ]),
    {
      case: `${name}: init, import + start, fresh process (median of ${starts.length})`,
      ours: oursImport ?? null,
      peer: peerImport ?? null,
      unit: 'ms',
      better: 'lower',
    },
    {
      case: `${name}: init, start only, in-process (warm, median of ${repeats}; Python: fresh, median of ${starts.length})`,
      ours: mine ?? null,
      peer: peer ?? null,
      unit: 'ms',
      better: 'lower',
    },
    {
      case: `${name}: float series, one point a step + stop (ours ${steps} steps, Python ${pythonSteps})`,
      ours: oursRate ?? null,
      peer: peerRate ?? null,
      unit: 'points/s',
      better: 'higher',
      target: { of: 'ratio', atLeast: 5 },
    },
  );
  // Scale opens its database on the turn after the start; Python's Run() returns with it written.
  // Ours: until the open's first commit (what a log call right after the start waits to be durable).
  if (kindOf(name) === 'scale') {
    results.push({
      case: `${name}: start until the run database holds the first operations, fresh process (median of ${starts.length}; Python: its start, which writes it)`,
      ours: pickStart((sample) => sample.fresh.openMs) ?? null,
      peer: peer ?? null,
      unit: 'ms',
      better: 'lower',
    });
  }
  rows.push({
    case: name,
    rounds: list.length,
    startSamples: starts.length,
    load: starts.map((sample) => sample.load).join(' '),
    oursInitMs: format(mine),
    oursFreshInitMs: format(fresh),
    oursFreshOnDiskMs: format(onDisk),
    oursFreshReadyMs: format(pickStart((sample) => sample.fresh.readyMs)),
    pythonInitMs: format(peer),
    oursFreshOpenMs: format(pickStart((sample) => sample.fresh.openMs)),
    initRatio: peer && mine ? `${(peer / mine).toFixed(1)}x` : 'n/a',
    freshInitRatio: peer && fresh ? `${(peer / fresh).toFixed(1)}x` : 'n/a',
    onDiskRatio: peer && onDisk ? `${(peer / onDisk).toFixed(1)}x` : 'n/a',
    importInit: `${format(oursImport)} / ${format(peerImport)} ms`,
    importInitRatio: peerImport && oursImport ? `${(peerImport / oursImport).toFixed(1)}x` : 'n/a',
    freshInitCpuRatio: (() => {
      const ourCpu = pickStart((sample) => sample.fresh.initCpuMs);
      const theirCpu = pickStart((sample) => sample.peer.initCpuMs);
      return ourCpu && theirCpu
        ? `${format(theirCpu)}/${format(ourCpu)} ms = ${(theirCpu / ourCpu).toFixed(1)}x`
        : 'n/a';
    })(),
    oursPerSecond: format(oursRate),
    pythonPerSecond: format(peerRate),
    throughputRatio: oursRate && peerRate ? `${(oursRate / peerRate).toFixed(1)}x` : 'n/a',
  });
}
console.table(rows);
if (nodeFlags.length > 0) console.log(`our fresh processes ran with ${nodeFlags.join(' ')}`);
// Rows for scripts/bench.mjs's table (contract at the top of that file).
if (process.env.TASKLENS_BENCH_RESULTS) {
  writeFileSync(
    process.env.TASKLENS_BENCH_RESULTS,
    JSON.stringify({
      rows: results,
      notes: [
        `${rounds} round(s), fresh-process starts ${startRounds} per case (the rounds plus start-only rounds, sides alternating); load average per case ${rows.map((row) => `${row.case} ${row.load}`).join(', ')}`,
        ...(nodeFlags.length === 0 ? [] : [`our fresh processes ran with ${nodeFlags.join(' ')}`]),
      ],
    }),
  );
}
