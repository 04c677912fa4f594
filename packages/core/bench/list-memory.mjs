// Peak memory of a huge List[int] input: `tasklens execute` vs `pyflyte-execute` summing the same
// inputs.pb of N integers (file:// prefixes), peak RSS from GNU time (`%M`, KiB) and wall time.
//   npm run build -w @tasklens/core && node packages/core/bench/list-memory.mjs
//   BENCH_LIST_SIZES=100000,1000000,3000000 (default), BENCH_PYTHON_MAX=1000000 (largest N for Python)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromBinary } from '@bufbuild/protobuf';
import { flyteidl } from '@tasklens/core/plugin';

const here = dirname(fileURLToPath(import.meta.url));
const core = resolve(here, '..');
const root = resolve(core, '../..');
const python = process.env.TASKLENS_ORACLE_PYTHON ?? join(root, '.venv/oracle/bin/python');
const pyflyteExecute = join(dirname(python), 'pyflyte-execute');
const sizes = (process.env.BENCH_LIST_SIZES ?? '100000,1000000,3000000').split(',').map(Number);
const pythonMax = Number(process.env.BENCH_PYTHON_MAX ?? '1000000');
if (!existsSync(join(core, 'dist/cli.js'))) throw new Error('run `npm run build -w @tasklens/core` first');
if (!existsSync('/usr/bin/time')) throw new Error('needs GNU time at /usr/bin/time for the peak RSS');

const work = mkdtempSync(join(tmpdir(), 'tasklens-list-bench-'));

/** Protobuf varint bytes of a non-negative integer. */
function varint(value) {
  const bytes = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

/** inputs.pb = LiteralMap{xs: Literal{collection{[Literal{scalar{primitive{integer: i}}}]}}}, written directly. */
function listInputs(count) {
  const elements = [];
  for (let index = 0; index < count; index++) {
    const primitive = [0x08, ...varint(index)]; // Primitive.integer
    const scalar = [0x0a, ...varint(primitive.length), ...primitive]; // Scalar.primitive
    const literal = [0x0a, ...varint(scalar.length), ...scalar]; // Literal.scalar
    elements.push(Buffer.from([0x0a, ...varint(literal.length), ...literal])); // LiteralCollection.literals
  }
  const collectionBody = Buffer.concat(elements);
  const literal = Buffer.concat([Buffer.from([0x12, ...varint(collectionBody.length)]), collectionBody]);
  const key = Buffer.from('xs');
  const entryBody = Buffer.concat([
    Buffer.from([0x0a, key.length]),
    key,
    Buffer.from([0x12, ...varint(literal.length)]),
    literal,
  ]);
  return Buffer.concat([Buffer.from([0x0a, ...varint(entryBody.length)]), entryBody]);
}

const environment = {
  PATH: process.env.PATH ?? '',
  HOME: mkdtempSync(join(tmpdir(), 'bench-home-')),
  WHYLOGS_NO_ANALYTICS: 'True',
};

function flags(inputs, output) {
  return ['--inputs', inputs, '--output-prefix', output, '--raw-output-data-prefix', join(output, 'raw')];
}

const contenders = {
  'tasklens execute': (inputs, output) => [
    [process.execPath, join(core, 'bin/tasklens.mjs'), 'execute', ...flags(inputs, output)].concat([
      '--task-module',
      join(here, 'fixtures/bench-tasks.mjs'),
      '--task-name',
      'sumList',
    ]),
    { cwd: core, env: { ...environment, TASKLENS_LOG_LEVEL: 'warn' } },
  ],
  'pyflyte-execute': (inputs, output) => [
    [
      pyflyteExecute,
      ...flags(inputs, output),
      '--resolver',
      'flytekit.core.python_auto_container.default_task_resolver',
    ].concat(['--', 'task-module', 'bench_tasks', 'task-name', 'sum_list']),
    { cwd: here, env: { ...environment, PYTHONPATH: here } },
  ],
};

function measure(name, count, inputs) {
  const output = join(work, `${name.replace(/\W+/g, '-')}-${count}`);
  mkdirSync(output, { recursive: true });
  const [command, options] = contenders[name](inputs, output);
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', 'PEAK_RSS_KIB=%M', ...command], {
    ...options,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stderr = result.stderr.toString();
  const peak = Number(/PEAK_RSS_KIB=(\d+)/.exec(stderr)?.[1]);
  const outputsPath = join(output, 'outputs.pb');
  if (!existsSync(outputsPath))
    throw new Error(`${name} wrote no outputs.pb (${count}): ${stderr.slice(-2000)}`);
  const outputs = fromBinary(flyteidl.LiteralMapSchema, readFileSync(outputsPath));
  const sum = outputs.literals.o0?.value.value?.value?.value?.value?.value;
  const expected = (BigInt(count) * BigInt(count - 1)) / 2n;
  if (sum !== expected) throw new Error(`${name} summed ${sum}, expected ${expected}`);
  return { peakMB: Math.round(peak / 1024), seconds: Math.round(seconds * 10) / 10 };
}

const rows = [];
console.log('List[int] input: peak RSS (MB) and wall time (s), one run each');
for (const count of sizes) {
  const inputs = join(work, `inputs-${count}.pb`);
  const bytes = listInputs(count);
  writeFileSync(inputs, bytes);
  const ours = measure('tasklens execute', count, inputs);
  const peer = count <= pythonMax ? measure('pyflyte-execute', count, inputs) : undefined;
  const size = `${(bytes.length / 1e6).toFixed(1)} MB inputs.pb`;
  console.log(
    `  ${String(count).padStart(9)} items (${size}): tasklens ${ours.peakMB} MB / ${ours.seconds} s` +
      (peer ? `; pyflyte-execute ${peer.peakMB} MB / ${peer.seconds} s` : '; pyflyte-execute not run'),
  );
  rows.push({
    case: `peak RSS, List[int] input of ${count.toLocaleString('en-US')} items`,
    ours: ours.peakMB,
    peer: peer?.peakMB ?? null,
    unit: 'MB',
    better: 'lower',
    ...(count === 1_000_000 ? { target: { of: 'ours', atMost: 300 } } : {}),
  });
}
if (process.env.TASKLENS_BENCH_RESULTS !== undefined) {
  writeFileSync(
    process.env.TASKLENS_BENCH_RESULTS,
    JSON.stringify({ rows, notes: ['core/bench/list-memory.mjs: one run per size; peak RSS by GNU time'] }),
  );
}
