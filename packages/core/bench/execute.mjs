// Cold start end to end: `tasklens execute` vs `pyflyte-execute` on the same trivial task
// (add two integers), same inputs.pb, file:// prefixes, process start to exit.
//   npm run build -w @tasklens/core && node packages/core/bench/execute.mjs   (BENCH_RUNS=7 to change)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { flyteidl } from '@tasklens/core/plugin';

const here = dirname(fileURLToPath(import.meta.url));
const core = resolve(here, '..');
const root = resolve(core, '../..');
const python = process.env.TASKLENS_ORACLE_PYTHON ?? join(root, '.venv/oracle/bin/python');
const pyflyteExecute = join(dirname(python), 'pyflyte-execute');
const runs = Number.parseInt(process.env.BENCH_RUNS ?? '5', 10);
if (!existsSync(pyflyteExecute))
  throw new Error(`pyflyte-execute not found at ${pyflyteExecute}: run scripts/setup-python-oracle.sh`);
if (!existsSync(join(core, 'dist/cli.js'))) throw new Error('run `npm run build -w @tasklens/core` first');

const work = mkdtempSync(join(tmpdir(), 'tasklens-bench-'));
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

const environment = {
  PATH: process.env.PATH ?? '',
  HOME: mkdtempSync(join(tmpdir(), 'bench-home-')),
  WHYLOGS_NO_ANALYTICS: 'True',
};

function flags(outputDirectory) {
  return [
    '--inputs',
    inputs,
    '--output-prefix',
    outputDirectory,
    '--raw-output-data-prefix',
    join(outputDirectory, 'raw'),
    '--checkpoint-path',
    join(outputDirectory, 'raw', '_flytecheckpoints'),
    '--prev-checkpoint',
    '""',
  ];
}

const contenders = {
  'tasklens execute': (output) => [
    process.execPath,
    [
      join(core, 'bin/tasklens.mjs'),
      'execute',
      ...flags(output),
      '--task-module',
      join(core, 'interop/fixtures/execute-tasks.mjs'),
      '--task-name',
      'add',
    ],
    { cwd: core, env: { ...environment, TASKLENS_LOG_LEVEL: 'warn' } },
  ],
  'pyflyte-execute': (output) => [
    pyflyteExecute,
    [
      ...flags(output),
      '--resolver',
      'flytekit.core.python_auto_container.default_task_resolver',
      '--',
      'task-module',
      'bench_tasks',
      'task-name',
      'add',
    ],
    { cwd: here, env: { ...environment, PYTHONPATH: here } },
  ],
};

function runOnce(name, index) {
  const output = join(work, `${name.replace(/\W+/g, '-')}-${index}`);
  mkdirSync(output, { recursive: true });
  const [command, args, options] = contenders[name](output);
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
  const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  const outputsPath = join(output, 'outputs.pb');
  if (result.status !== 0 || !existsSync(outputsPath)) {
    throw new Error(`${name} failed (${result.status}): ${result.stderr?.toString().slice(-2000)}`);
  }
  const outputs = fromBinary(flyteidl.LiteralMapSchema, readFileSync(outputsPath));
  const value = outputs.literals.o0?.value.value?.value?.value?.value?.value;
  if (value !== 3n) throw new Error(`${name} wrote o0=${value}, expected 3`);
  return milliseconds;
}

const median = (values) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// One warm-up each (file-system caches), then alternate so both see the same machine load.
runOnce('tasklens execute', 'warmup');
runOnce('pyflyte-execute', 'warmup');
const times = { 'tasklens execute': [], 'pyflyte-execute': [] };
for (let index = 0; index < runs; index++) {
  for (const name of Object.keys(times)) times[name].push(runOnce(name, index));
}
const summary = Object.fromEntries(
  Object.entries(times).map(([name, values]) => [
    name,
    {
      medianMs: Math.round(median(values)),
      minMs: Math.round(Math.min(...values)),
      maxMs: Math.round(Math.max(...values)),
    },
  ]),
);
const ratio = median(times['pyflyte-execute']) / median(times['tasklens execute']);
console.log(`execute cold start, trivial task, file:// prefixes, ${runs} runs each (after one warm-up):`);
for (const [name, stats] of Object.entries(summary)) {
  console.log(`  ${name.padEnd(18)} median ${stats.medianMs} ms  (min ${stats.minMs}, max ${stats.maxMs})`);
}
console.log(`  ratio (pyflyte-execute / tasklens execute): ${ratio.toFixed(1)}x faster (target >= 5x)`);
mkdirSync(join(root, '.bench'), { recursive: true });
writeFileSync(
  join(root, '.bench', 'core-execute.json'),
  `${JSON.stringify({ runs, summary, ratio }, null, 2)}\n`,
);
if (process.env.TASKLENS_BENCH_RESULTS !== undefined) {
  writeFileSync(
    process.env.TASKLENS_BENCH_RESULTS,
    JSON.stringify({
      rows: [
        {
          case: 'execute cold start, trivial task (median)',
          ours: summary['tasklens execute'].medianMs,
          peer: summary['pyflyte-execute'].medianMs,
          unit: 'ms',
          better: 'lower',
          target: { of: 'ratio', atLeast: 5 },
        },
      ],
      notes: [`core/bench/execute.mjs: ${runs} alternating runs each after one warm-up, file:// prefixes`],
    }),
  );
}
