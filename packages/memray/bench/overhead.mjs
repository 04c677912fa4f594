// Task time with memrayProfiling off vs on, in fresh processes, side by side with flytekit's memray
// plugin on the same machine. Run after `npm run build`:
//   node packages/memray/bench/overhead.mjs [rounds]          (default 25 rounds for mixed)
// Environment: BENCH_ROUNDS (rounds for mixed, as the argument), BENCH_ROUNDS_REAL (rounds for the real-package and deep cases, default 9),
// BENCH_ROUNDS_PEER (rounds for each Python peer, default BENCH_ROUNDS_REAL: the peers are slow and
// only give context), BENCH_SCALE (size of the real-package inputs, default 1 = 50 MiB CSV / 8 M characters),
// BENCH_CASES (comma-separated subset, e.g. `mixed,typescript`), BENCH_INTERVALS (extra sampling
// intervals to try on each case). Writes its side-by-side rows to TASKLENS_BENCH_RESULTS when the
// repository's `npm run bench` sets it (contract in scripts/bench.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.argv[2] ?? process.env.BENCH_ROUNDS ?? 25);
const realRounds = Number(process.env.BENCH_ROUNDS_REAL ?? 9);
const peerRounds = Number(process.env.BENCH_ROUNDS_PEER ?? realRounds);
const scale = Number(process.env.BENCH_SCALE ?? 1);
const selected = process.env.BENCH_CASES?.split(',');
const here = fileURLToPath(new URL('.', import.meta.url));
// The same lookup as test-support/oracle-python.ts: TASKLENS_ORACLE_PYTHON, else bin/python in
// TASKLENS_ORACLE_DIR (default <repository>/.venv/oracle).
const python =
  process.env.TASKLENS_ORACLE_PYTHON ||
  (process.env.TASKLENS_ORACLE_DIR
    ? `${process.env.TASKLENS_ORACLE_DIR}/bin/python`
    : fileURLToPath(new URL('../../../.venv/oracle/bin/python', import.meta.url)));

const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];
const quantile = (values, fraction) =>
  [...values].sort((left, right) => left - right)[
    Math.min(values.length - 1, Math.floor(values.length * fraction))
  ];

function runOnce(command, args) {
  return JSON.parse(execFileSync(command, args, { cwd: here, encoding: 'utf8' }).trim().split('\n').at(-1));
}

/**
 * Alternates off and on runs (the order flips every round) so load from other processes hits both
 * alike. The paired ratio is the median of on/off within each round, which cancels slow drifts in
 * load; the spread is the 20th–80th percentile of those per-round ratios.
 */
function measurePair(command, offArgs, onArgs, count) {
  const off = [];
  const on = [];
  for (let index = 0; index < count; index++) {
    if (index % 2 === 0) {
      off.push(runOnce(command, offArgs));
      on.push(runOnce(command, onArgs));
    } else {
      on.push(runOnce(command, onArgs));
      off.push(runOnce(command, offArgs));
    }
  }
  const pick = (results, key) => results.map((result) => result[key]);
  const ratios = (key) => on.map((result, index) => result[key] / off[index][key]);
  return {
    off: median(pick(off, 'milliseconds')),
    on: median(pick(on, 'milliseconds')),
    paired: median(ratios('milliseconds')),
    spread: [quantile(ratios('milliseconds'), 0.2), quantile(ratios('milliseconds'), 0.8)],
    mainThread: median(ratios('mainThreadMilliseconds')),
    process: median(ratios('cpuMilliseconds')),
    reportBytes: median(pick(on, 'reportBytes')),
    rounds: count,
  };
}

const table = [];
const benchRows = [];
function compare(label, result) {
  table.push({
    case: label,
    rounds: result.rounds,
    'off ms': result.off.toFixed(0),
    'on ms': result.on.toFixed(0),
    'paired ratio': result.paired.toFixed(3),
    'p20–p80': result.spread ? `${result.spread[0].toFixed(3)}–${result.spread[1].toFixed(3)}` : '-',
    'main-thread CPU ratio': result.mainThread.toFixed(3),
    'process CPU ratio': result.process.toFixed(3),
    'report KB': Number.isFinite(result.reportBytes) ? (result.reportBytes / 1024).toFixed(1) : '-',
  });
}

const wanted = (name) => selected === undefined || selected.includes(name);
const node = (workload, mode, interval) => ['workloads.js', workload, mode, ...(interval ? [interval] : [])];
const cases = [
  { workload: 'mixed', label: '(a) mixed', count: rounds, target: 1.05, peer: 'mixed' },
  // Python peers of the real-package cases: the nearest Python work on the same input (python_peer.py).
  {
    workload: 'papaparse',
    label: `papaparse, ${50 * scale} MiB CSV`,
    count: realRounds,
    target: 1.05,
    peer: 'csv',
  },
  {
    workload: 'marked',
    label: `marked, ${8 * scale} M characters`,
    count: realRounds,
    target: 1.05,
    peer: 'markdown',
  },
  {
    workload: 'typescript',
    label: 'TypeScript compiler, check core/src',
    count: realRounds,
    target: 1.05,
    peer: 'compile',
  },
  { workload: 'short', label: 'short task (mixed / 5)', count: realRounds },
  { workload: 'deep', label: '(b) deep-stack loop', count: realRounds, peer: 'deep' },
];
const results = {};
for (const entry of cases) {
  if (!wanted(entry.workload)) continue;
  const result = measurePair(
    process.execPath,
    node(entry.workload, 'off'),
    node(entry.workload, 'on'),
    entry.count,
  );
  results[entry.workload] = result;
  compare(`${entry.label}, default interval`, result);
  for (const interval of process.env.BENCH_INTERVALS?.split(',') ?? []) {
    compare(
      `${entry.label}, ${interval} B interval`,
      measurePair(
        process.execPath,
        node(entry.workload, 'off'),
        node(entry.workload, 'on', interval),
        entry.count,
      ),
    );
  }
}

const peers = {};
if (existsSync(python)) {
  for (const entry of cases) {
    if (entry.peer === undefined || !wanted(entry.workload)) continue;
    const result = measurePair(
      python,
      ['python_peer.py', entry.peer, 'off'],
      ['python_peer.py', entry.peer, 'on'],
      Math.min(entry.count, peerRounds),
    );
    peers[entry.workload] = result;
    compare(`Python peer: flytekit's memray Tracker, ${entry.peer}`, result);
  }
} else {
  console.warn(`Python oracle not found at ${python}; skipping the Python peer`);
}

const load = loadavg()[0].toFixed(2);
console.log(`alternating runs per case (order flips each round), fresh process each; load average ${load}`);
console.table(table);

for (const entry of cases) {
  const result = results[entry.workload];
  if (result === undefined) continue;
  benchRows.push({
    case: `overhead (on/off wall time), ${entry.label}`,
    ours: Number(result.paired.toFixed(3)),
    peer: peers[entry.workload] ? Number(peers[entry.workload].paired.toFixed(3)) : null,
    unit: 'x slowdown',
    better: 'lower',
    ...(entry.target ? { target: { of: 'ours', atMost: entry.target } } : {}),
  });
  // CPU of the task's own thread: what the task pays, and far less sensitive to a loaded machine than wall time.
  benchRows.push({
    case: `overhead (on/off main-thread CPU), ${entry.label}`,
    ours: Number(result.mainThread.toFixed(3)),
    peer: peers[entry.workload] ? Number(peers[entry.workload].mainThread.toFixed(3)) : null,
    unit: 'x CPU',
    better: 'lower',
    ...(entry.target ? { target: { of: 'ours', atMost: entry.target } } : {}),
  });
}
if (process.env.TASKLENS_BENCH_RESULTS) {
  let memrayVersion = 'unknown';
  try {
    memrayVersion = execFileSync(python, ['-c', 'import memray; print(memray.__version__)'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    // No peer on this machine.
  }
  const manifest = (name) => createRequire(import.meta.url)(`${name}/package.json`).version;
  writeFileSync(
    process.env.TASKLENS_BENCH_RESULTS,
    JSON.stringify({
      rows: benchRows,
      versions: {
        'python memray': memrayVersion,
        papaparse: manifest('papaparse'),
        marked: manifest('marked'),
        typescript: manifest('typescript'),
      },
      notes: [
        `memray: paired median of per-round on/off ratios; ${rounds} rounds for mixed, ${realRounds} for the others, ${Math.min(rounds, peerRounds)} for each Python peer; inputs at scale ${scale}; load average ${load} at the end`,
      ],
    }),
  );
}
