// Task time with memrayProfiling off vs on, medians of fresh processes, side by side with
// flytekit's memray plugin on the same machine. Run after `npm run build`:
//   node packages/memray/bench/overhead.mjs [runs]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 5);
const here = fileURLToPath(new URL('.', import.meta.url));
// The same lookup as test-support/oracle-python.ts: TASKLENS_ORACLE_PYTHON, else bin/python in
// TASKLENS_ORACLE_DIR (default <repository>/.venv/oracle).
const python =
  process.env.TASKLENS_ORACLE_PYTHON ||
  (process.env.TASKLENS_ORACLE_DIR
    ? `${process.env.TASKLENS_ORACLE_DIR}/bin/python`
    : fileURLToPath(new URL('../../../.venv/oracle/bin/python', import.meta.url)));

const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];

function runOnce(command, args) {
  return JSON.parse(execFileSync(command, args, { cwd: here, encoding: 'utf8' }).trim().split('\n').at(-1));
}

/**
 * Alternates off and on runs so load from other processes hits both alike. Besides the medians,
 * the paired ratio is the median of on/off within each round, which cancels slow drifts in load.
 */
function measurePair(command, offArgs, onArgs) {
  const off = [];
  const on = [];
  for (let index = 0; index < runs; index++) {
    off.push(runOnce(command, offArgs));
    on.push(runOnce(command, onArgs));
  }
  const pick = (results, key) => results.map((result) => result[key]);
  const ratio = (key) => median(on.map((result, index) => result[key] / off[index][key]));
  return {
    off: median(pick(off, 'milliseconds')),
    on: median(pick(on, 'milliseconds')),
    paired: ratio('milliseconds'),
    mainThread: ratio('mainThreadMilliseconds'),
    process: ratio('cpuMilliseconds'),
    reportBytes: median(pick(on, 'reportBytes')),
  };
}

const rows = [];
function compare(label, result) {
  rows.push({
    case: label,
    'off ms': result.off.toFixed(0),
    'on ms': result.on.toFixed(0),
    'ratio of medians': (result.on / result.off).toFixed(3),
    'paired ratio': result.paired.toFixed(3),
    'main-thread CPU ratio': result.mainThread.toFixed(3),
    'process CPU ratio': result.process.toFixed(3),
    'report KB': Number.isFinite(result.reportBytes) ? (result.reportBytes / 1024).toFixed(1) : '-',
  });
}

const names = {
  mixed: '(a) mixed',
  deep: '(b) deep-stack loop',
  'deep-long': '(b) deep-stack loop, 10x longer',
};
for (const [workload, name] of Object.entries(names)) {
  compare(
    `${name}, default interval`,
    measurePair(process.execPath, ['workloads.js', workload, 'off'], ['workloads.js', workload, 'on']),
  );
  for (const interval of process.env.BENCH_INTERVALS?.split(',') ?? []) {
    compare(
      `${name}, ${interval} B interval`,
      measurePair(
        process.execPath,
        ['workloads.js', workload, 'off'],
        ['workloads.js', workload, 'on', interval],
      ),
    );
  }
}
/** Plain and profiled calls alternating inside one process each (JIT and sidecar warm); medians over processes. */
function measureWarm(workload) {
  const results = [];
  for (let index = 0; index < Math.max(3, Math.ceil(runs / 3)); index++) {
    results.push(runOnce(process.execPath, ['workloads.js', workload, 'warm']));
  }
  const pick = (key) => median(results.map((result) => result[key]));
  return {
    off: pick('offMilliseconds'),
    on: pick('onMilliseconds'),
    paired: pick('paired'),
    mainThread: pick('mainThread'),
    process: pick('process'),
    reportBytes: Number.NaN,
  };
}
compare('(b) deep-stack loop, warm process (10 calls each)', measureWarm('deep'));

if (existsSync(python)) {
  for (const workload of ['mixed', 'deep']) {
    compare(
      `Python peer: flytekit's memray Tracker, ${workload}`,
      measurePair(python, ['python_peer.py', workload, 'off'], ['python_peer.py', workload, 'on']),
    );
  }
} else {
  console.warn(`Python oracle not found at ${python}; skipping the Python peer`);
}
console.log(
  `${runs} alternating runs per case, fresh process each; load average ${(await import('node:os')).loadavg()[0].toFixed(2)}`,
);
console.table(rows);
