// Task time with memrayProfiling off vs on, medians of fresh processes, side by side with
// flytekit's memray plugin on the same machine. Run after `npm run build`:
//   node packages/memray/bench/overhead.mjs [runs]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 5);
const here = fileURLToPath(new URL('.', import.meta.url));
const python =
  process.env.TASKLENS_ORACLE_PYTHON ??
  fileURLToPath(new URL('../../../.venv/oracle/bin/python', import.meta.url));

const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];

function runOnce(command, args) {
  return JSON.parse(execFileSync(command, args, { cwd: here, encoding: 'utf8' }).trim().split('\n').at(-1));
}

/** Alternates off and on runs so load from other processes hits both alike; medians and minimums. */
function measurePair(command, offArgs, onArgs) {
  const off = [];
  const on = [];
  for (let index = 0; index < runs; index++) {
    off.push(runOnce(command, offArgs));
    on.push(runOnce(command, onArgs));
  }
  const summarise = (results) => ({
    milliseconds: median(results.map((result) => result.milliseconds)),
    cpuMilliseconds: median(results.map((result) => result.cpuMilliseconds)),
    minimum: Math.min(...results.map((result) => result.milliseconds)),
    reportBytes: median(results.map((result) => result.reportBytes)),
  });
  return [summarise(off), summarise(on)];
}

const rows = [];
function compare(label, [off, on]) {
  rows.push({
    case: label,
    'off ms (median)': off.milliseconds.toFixed(0),
    'on ms (median)': on.milliseconds.toFixed(0),
    'ratio (median)': (on.milliseconds / off.milliseconds).toFixed(3),
    'ratio (best run)': (on.minimum / off.minimum).toFixed(3),
    'CPU ratio (median)': (on.cpuMilliseconds / off.cpuMilliseconds).toFixed(3),
    'report KB': (on.reportBytes / 1024).toFixed(1),
  });
}

for (const workload of ['mixed', 'deep']) {
  const name = workload === 'mixed' ? '(a) mixed' : '(b) deep-stack loop';
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
if (existsSync(python)) {
  compare(
    'Python: flytekit memray Tracker + flamegraph, mixed',
    measurePair(python, ['python_peer.py', 'off'], ['python_peer.py', 'on']),
  );
} else {
  console.warn(`Python oracle not found at ${python}; skipping the Python peer`);
}
console.log(
  `${runs} alternating runs per case, fresh process each; load average ${(await import('node:os')).loadavg()[0].toFixed(2)}`,
);
console.table(rows);
