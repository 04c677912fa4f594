// Where `tasklens execute`'s cold-start CPU goes, phase by phase (issue #16): in a fresh process each
// round, imports what the execute path loads, in its order, then runs the trivial task, and prints
// the CPU time (user + system) each step adds. The last two rows are what a plain task no longer
// loads: the protobuf-es runtime with the flyteidl descriptors (loaded by the type engine's path and
// by `@tasklens/core/plugin`, which exports `flyteidl`) and the rest of `@tasklens/core/plugin`.
//   npm run build -w @tasklens/core && node packages/core/bench/cold-start-phases.mjs   (BENCH_RUNS=9)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(core, 'dist');
const runs = Number.parseInt(process.env.BENCH_RUNS ?? '9', 10);
const chunks = readdirSync(dist).filter((name) => name.endsWith('.js'));
const protobufChunk = chunks.find(
  (name) =>
    name.startsWith('chunk-') && readFileSync(join(dist, name), 'utf8').includes('function fileDesc('),
);
const executeChunk = chunks.find((name) => name.startsWith('execute-command-'));
if (protobufChunk === undefined || executeChunk === undefined) throw new Error('build @tasklens/core first');

// inputs.pb of `add(a=1, b=2)`: LiteralMap{a: 1, b: 2}, as protobuf-es writes it.
const work = mkdtempSync(join(tmpdir(), 'tasklens-phases-'));
writeFileSync(
  join(work, 'inputs.pb'),
  Buffer.from('0a0b0a016112060a040a0208010a0b0a016212060a040a020802', 'hex'),
);
const executeArguments = [
  '--inputs',
  join(work, 'inputs.pb'),
  '--output-prefix',
  join(work, 'out'),
  '--raw-output-data-prefix',
  join(work, 'out', 'raw'),
  '--task-module',
  join(core, 'interop/fixtures/trivial-task.mjs'),
  '--task-name',
  'add',
];
const steps = [
  ['ES module loader (an empty module)', 'data:text/javascript,'],
  ['@tasklens/core', join(dist, 'index.js')],
  ['execute command', join(dist, executeChunk)],
  ['the task module (imports @tasklens/core)', join(core, 'interop/fixtures/trivial-task.mjs')],
  ['running the task (inputs.pb → task → outputs.pb)', 'run'],
  ['not on the path: protobuf runtime + descriptors', join(dist, protobufChunk)],
  ['not on the path: rest of @tasklens/core/plugin', join(dist, 'plugin.js')],
];
const child = `
const steps = ${JSON.stringify(steps.map(([, target]) => target))};
let last = process.cpuUsage();
const spent = [];
let execute;
for (const target of steps) {
  if (target === 'run') {
    const outcome = await execute.executeCommand(${JSON.stringify(executeArguments)});
    if (outcome.wrote !== 'outputs') throw new Error('the task did not write outputs.pb');
  } else {
    const module = await import(target.startsWith('data:') ? target : 'file://' + target);
    if (target.includes('execute-command-')) execute = module;
  }
  const now = process.cpuUsage();
  spent.push((now.user - last.user + now.system - last.system) / 1000);
  last = now;
}
console.log(JSON.stringify(spent));
`;
const samples = steps.map(() => []);
const totals = [];
for (let run = 0; run < runs; run++) {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', child], {
    cwd: core,
    env: { PATH: process.env.PATH ?? '', TASKLENS_LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  const spent = JSON.parse(result.stdout.trim().split('\n').at(-1));
  for (const [index, value] of spent.entries()) samples[index].push(value);
  totals.push(spent.slice(0, 5).reduce((sum, value) => sum + value, 0));
}
const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];
for (const [index, [label]] of steps.entries())
  console.log(`${label.padEnd(55)} ${median(samples[index]).toFixed(1).padStart(6)} ms CPU`);
console.log(
  `${'execute path after node started (sum of the first five)'.padEnd(55)} ${median(totals).toFixed(1).padStart(6)} ms CPU`,
);
console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
