// Where `tasklens execute`'s cold-start CPU goes, phase by phase (issue #16): imports, in a fresh
// process each round, what the execute path loads, in its order, and prints the CPU time
// (user + system) each step adds. The protobuf chunk is the bundled protobuf-es runtime plus the
// flyteidl and well-known-type descriptors, built when the chunk is evaluated.
//   npm run build -w @tasklens/core && node packages/core/bench/cold-start-phases.mjs   (BENCH_RUNS=9)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
const steps = [
  ['node:crypto (first import: the ES module loader too)', 'node:crypto'],
  ['protobuf runtime + descriptors', join(dist, protobufChunk)],
  ['@tasklens/core', join(dist, 'index.js')],
  ['@tasklens/core/plugin', join(dist, 'plugin.js')],
  ['execute command', join(dist, executeChunk)],
  ['the task module', join(core, 'interop/fixtures/execute-tasks.mjs')],
];
const child = `
const steps = ${JSON.stringify(steps.map(([, target]) => target))};
let last = process.cpuUsage();
const spent = [];
for (const target of steps) {
  await import(target.startsWith('node:') ? target : 'file://' + target);
  const now = process.cpuUsage();
  spent.push((now.user - last.user + now.system - last.system) / 1000);
  last = now;
}
console.log(JSON.stringify(spent));
`;
const samples = steps.map(() => []);
for (let run = 0; run < runs; run++) {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', child], {
    cwd: core,
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  for (const [index, value] of JSON.parse(result.stdout).entries()) samples[index].push(value);
}
const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];
for (const [index, [label]] of steps.entries())
  console.log(`${label.padEnd(55)} ${median(samples[index]).toFixed(1).padStart(6)} ms CPU`);
console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
