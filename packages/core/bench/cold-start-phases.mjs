// Where `tasklens execute`'s cold-start CPU goes, phase by phase (issue #16): in a fresh process each
// round, imports what the execute path loads, in its order, then runs `tasklens execute` on the
// trivial task, and prints the CPU time (user + system) each step adds. The last two rows (another
// process, after `@tasklens/core`) are what a plain task no longer
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
if (protobufChunk === undefined) throw new Error('build @tasklens/core first');

// inputs.pb of `add(a=1, b=2)`: LiteralMap{a: 1, b: 2}, as protobuf-es writes it.
const work = mkdtempSync(join(tmpdir(), 'tasklens-phases-'));
writeFileSync(
  join(work, 'inputs.pb'),
  Buffer.from('0a0b0a016112060a040a0208010a0b0a016212060a040a020802', 'hex'),
);
const taskModule = join(core, 'interop/fixtures/trivial-task.mjs');
const argv = ['execute', '--inputs', join(work, 'inputs.pb'), '--output-prefix', join(work, 'out')];
argv.push(
  '--raw-output-data-prefix',
  join(work, 'out', 'raw'),
  '--task-module',
  taskModule,
  '--task-name',
  'add',
);

// Each child imports its steps in order; the step 'cli' runs `tasklens execute` (dist/cli.js reads
// process.argv) and ends the process through its process.exit, which is timed.
const onPath = [
  ['ES module loader (an empty module)', 'data:text/javascript,'],
  ['@tasklens/core', join(dist, 'index.js')],
  ['the task module (imports @tasklens/core)', taskModule],
  ['the CLI: rest of its code + running the task', 'cli'],
];
const offPath = [
  ['ES module loader (an empty module)', 'data:text/javascript,'],
  ['@tasklens/core', join(dist, 'index.js')],
  ['not on the path: protobuf runtime + descriptors', join(dist, protobufChunk)],
  ['not on the path: rest of @tasklens/core/plugin', join(dist, 'plugin.js')],
];
const childSource = (steps) => `
const steps = ${JSON.stringify(steps.map(([, target]) => target))};
let last = process.cpuUsage();
const spent = [];
const lap = () => {
  const now = process.cpuUsage();
  spent.push((now.user - last.user + now.system - last.system) / 1000);
  last = now;
};
for (const target of steps) {
  if (target === 'cli') {
    process.argv = [process.argv[0], 'tasklens', ...${JSON.stringify(argv)}];
    const exit = process.exit.bind(process);
    process.exit = (code) => {
      lap();
      process.stdout.write(JSON.stringify(spent) + '\\n', () => exit(code));
    };
    await import('file://' + ${JSON.stringify(join(dist, 'cli.js'))});
    await new Promise(() => {});
  }
  await import(target.startsWith('data:') ? target : 'file://' + target);
  lap();
}
console.log(JSON.stringify(spent));
`;
function measure(steps) {
  const samples = steps.map(() => []);
  const totals = [];
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', childSource(steps)], {
      cwd: core,
      env: { PATH: process.env.PATH ?? '', TASKLENS_LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(result.stderr);
    const spent = JSON.parse(result.stdout.trim().split('\n').at(-1));
    for (const [index, value] of spent.entries()) samples[index].push(value);
    totals.push(spent.reduce((sum, value) => sum + value, 0));
  }
  return { samples, totals };
}
const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];
const row = (label, value) => console.log(`${label.padEnd(55)} ${value.toFixed(1).padStart(6)} ms CPU`);
const path = measure(onPath);
for (const [index, [label]] of onPath.entries()) row(label, median(path.samples[index]));
row('execute path after node started (sum)', median(path.totals));
const off = measure(offPath);
for (const [index, [label]] of offPath.entries()) if (index >= 2) row(label, median(off.samples[index]));
console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
