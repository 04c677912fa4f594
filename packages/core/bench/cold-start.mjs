// Cold start of `tasklens execute` on a trivial task (add two integers, file:// prefixes) against a
// bare `node -e ''` on the same machine: the target is at most 2.5x (issue #16). Medians of
// alternating runs, so load on the machine hits both alike.
//   npm run build -w @tasklens/core && node packages/core/bench/cold-start.mjs   (BENCH_RUNS=15)
//
// The numbers behind the hand-written primitive LiteralMap codec (src/protobuf/primitive-literal-map.ts,
// issue #17 allows a second codec only with a bench): median CPU (user + system, wait4) of 15
// alternating rounds, 2026-12-07, 2 cores at load average ~23, `node -e ''` 40.6 ms:
//   before (protobuf-es + type engine on every execute, 23 module files)   171.1 ms  4.21x
//   after  (plain-primitive codec, lazy builtins, one runtime chunk)        84.6 ms  2.08x
//   task module importing @tasklens/core/plugin (loads protobuf-es)  177.7 -> 141.9 ms  4.38x -> 3.49x
// Without the codec (outputs through the type engine and protobuf-es, forced by _F_L_MIN_SIZE_MB),
// 11 alternating rounds at load ~25: 150.8 ms against 91.4 ms with it (node -e '' 38.2 ms).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, toBinary } from '@bufbuild/protobuf';
import { flyteidl } from '@tasklens/core/plugin';

const core = process.env.TASKLENS_CORE_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number.parseInt(process.env.BENCH_RUNS ?? '15', 10);
if (!existsSync(join(core, 'dist/cli.js'))) throw new Error('run `npm run build -w @tasklens/core` first');

const work = mkdtempSync(join(tmpdir(), 'tasklens-cold-start-'));
const integer = (value) =>
  create(flyteidl.LiteralSchema, {
    value: {
      case: 'scalar',
      value: { value: { case: 'primitive', value: { value: { case: 'integer', value } } } },
    },
  });
const inputs = join(work, 'inputs.pb');
writeFileSync(
  inputs,
  toBinary(
    flyteidl.LiteralMapSchema,
    create(flyteidl.LiteralMapSchema, { literals: { a: integer(1n), b: integer(2n) } }),
  ),
);
const environment = { PATH: process.env.PATH ?? '', HOME: work, TASKLENS_LOG_LEVEL: 'warn' };

// `trivial task`: a module that imports `@tasklens/core` only (what a plain task needs);
// `+ plugin import`: the interop fixtures' module, which also imports `@tasklens/core/plugin` (as a
// module with tracker decorators does), which loads the protobuf runtime for its `flyteidl` export.
const executeTask = (module, run, label) => [
  process.execPath,
  [
    join(core, 'bin/tasklens.mjs'),
    'execute',
    '--inputs',
    inputs,
    '--output-prefix',
    join(work, `out-${label}-${run}`),
    '--raw-output-data-prefix',
    join(work, `out-${label}-${run}`, 'raw'),
    '--task-module',
    join(core, 'interop/fixtures', module),
    '--task-name',
    'add',
  ],
];
const contenders = {
  "node -e ''": () => [process.execPath, ['-e', '']],
  'tasklens execute': (run) => executeTask('trivial-task.mjs', run, 'trivial'),
  '+ plugin import': (run) => executeTask('execute-tasks.mjs', run, 'plugin'),
};
// CPU time (user + system of the child, from bash's `times`, to the millisecond) is reported beside
// wall time: on a shared machine the wall clock mostly measures the other processes. (GNU time's
// 10 ms resolution truncates both figures, which inflated the ratio of a ~30 ms `node -e ''`.)
const seconds = (text) => {
  const [, minutes, rest] = /^(\d+)m([\d.]+)s$/.exec(text);
  return Number(minutes) * 60 + Number(rest);
};
const times = Object.fromEntries(Object.keys(contenders).map((name) => [name, { wall: [], cpu: [] }]));
for (let run = 0; run < runs + 1; run++) {
  for (const [name, command] of Object.entries(contenders)) {
    const [file, args] = command(run);
    const started = process.hrtime.bigint();
    const result = spawnSync(
      'bash',
      ['-c', '"$@"; status=$?; times >&2; exit $status', 'bash', file, ...args],
      { cwd: core, env: environment, encoding: 'utf8' },
    );
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
    if (run === 0) continue; // the first round warms the file cache
    times[name].wall.push(elapsed);
    // `times` prints the shell's own user/system times, then its children's.
    const children = result.stderr.trim().split('\n').at(-1).split(' ');
    times[name].cpu.push((seconds(children[0]) + seconds(children[1])) * 1000);
  }
}
const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];
const bare = times["node -e ''"];
for (const [name, { wall, cpu }] of Object.entries(times)) {
  const line = [
    `${name.padEnd(18)} wall ${median(wall).toFixed(0)} ms (${(median(wall) / median(bare.wall)).toFixed(2)}x)`,
  ];
  if (cpu.length > 0)
    line.push(
      `cpu ${median(cpu).toFixed(0)} ms (${(median(cpu) / median(bare.cpu)).toFixed(2)}x node -e '')`,
    );
  console.log(line.join('   '));
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`load average ${load}`);

// Rows for `npm run bench` (scripts/bench.mjs): the CPU ratio to a bare node start, target ≤ 2.5x.
if (process.env.TASKLENS_BENCH_RESULTS && bare.cpu.length > 0) {
  const rows = Object.entries(times)
    .filter(([name]) => name !== "node -e ''")
    .map(([name, { cpu }]) => ({
      case: `${name === 'tasklens execute' ? 'execute cold start, trivial task' : 'execute cold start, task module importing @tasklens/core/plugin'}: CPU ${median(cpu).toFixed(0)} ms vs node -e '' ${median(bare.cpu).toFixed(0)} ms`,
      ours: Number((median(cpu) / median(bare.cpu)).toFixed(2)),
      peer: null,
      unit: "x node -e '' CPU",
      better: 'lower',
      ...(name === 'tasklens execute' ? { target: { of: 'ours', atMost: 2.5 } } : {}),
    }));
  writeFileSync(
    process.env.TASKLENS_BENCH_RESULTS,
    JSON.stringify({
      rows,
      notes: [`${runs} alternating rounds, median CPU (user + system, bash times); load average ${load}`],
    }),
  );
}
