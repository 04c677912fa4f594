// Micro-benchmark: sketch updates per second, TypeScript (built dist) vs whylogs-sketching in Python.
// Run after `npx turbo run build --filter=@tasklens/whylogs`:  node packages/whylogs/bench/sketches.mjs
// Python: the oracle venv (TASKLENS_ORACLE_PYTHON or <repo>/.venv/oracle/bin/python), timed two ways:
// a per-item Python loop (what row logging does) and the vectorized calls whylogs' pandas path uses.
// Both sides report CPU time per update (process.cpuUsage / time.process_time), best of 3 runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// SKETCH_BENCH_DIST=<dist dir> compares another build (e.g. a copy of an older dist); SKETCH_BENCH_PYTHON=0 skips Python.
const { FrequentStringsSketch, HllSketch, KllDoublesSketch } = await import(
  join(process.env.SKETCH_BENCH_DIST ?? join(here, '..', 'dist'), 'sketches', 'index.js')
);

const COUNT = Number(process.env.SKETCH_BENCH_COUNT ?? 1_000_000);
const STRING_COUNT = Math.min(COUNT, 300_000);

let state = 12345;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const doubles = Float64Array.from({ length: COUNT }, () => random() * 1e6);
const integers = Float64Array.from({ length: COUNT }, () => Math.floor(random() * 1e9));
// Zipf-like words: a few heavy hitters and a long tail, so the frequent-items map purges.
const words = Array.from({ length: STRING_COUNT }, () => `word-${Math.floor(20_000 ** random())}`);

function time(label, count, body) {
  const runs = [once(label, count, body), once(label, count, body), once(label, count, body)];
  return runs.reduce((best, run) => (run.perSecond > best.perSecond ? run : best));
}

function once(label, count, body) {
  body(Math.min(count, 20_000)); // warm-up on a prefix
  // CPU time, not wall time: the machine is shared, and Python is timed the same way (process_time).
  const start = process.cpuUsage();
  body(count);
  const used = process.cpuUsage(start);
  const seconds = (used.user + used.system) / 1e6;
  return { label, count, perSecond: count / seconds };
}

const ts = [
  time('kll update (double, k=1024)', COUNT, (n) => {
    const sketch = KllDoublesSketch.create();
    for (let index = 0; index < n; index++) sketch.update(doubles[index]);
  }),
  time('kll updateAll (double array)', COUNT, (n) => {
    const sketch = KllDoublesSketch.create();
    if (sketch.updateAll) sketch.updateAll(doubles, 0, n);
    else for (let index = 0; index < n; index++) sketch.update(doubles[index]);
  }),
  time('hll update (int64, lgK 12)', COUNT, (n) => {
    const sketch = HllSketch.create();
    for (let index = 0; index < n; index++) sketch.updateInteger(integers[index]);
  }),
  time('hll update (double, lgK 12)', COUNT, (n) => {
    const sketch = HllSketch.create();
    for (let index = 0; index < n; index++) sketch.updateDouble(doubles[index]);
  }),
  time('hll update (string, lgK 12)', STRING_COUNT, (n) => {
    const sketch = HllSketch.create();
    for (let index = 0; index < n; index++) sketch.updateString(words[index]);
  }),
  time('frequent strings update (lg 10)', STRING_COUNT, (n) => {
    const sketch = FrequentStringsSketch.create();
    for (let index = 0; index < n; index++) sketch.update(words[index]);
  }),
];

const python =
  process.env.TASKLENS_ORACLE_PYTHON ?? join(here, '..', '..', '..', '.venv', 'oracle', 'bin', 'python');
let py = null;
if (process.env.SKETCH_BENCH_PYTHON === '0') {
  // TypeScript numbers only.
} else if (existsSync(python)) {
  const directory = mkdtempSync(join(tmpdir(), 'sketch-bench-'));
  writeFileSync(join(directory, 'doubles.bin'), Buffer.from(doubles.buffer));
  writeFileSync(
    join(directory, 'integers.bin'),
    Buffer.from(BigInt64Array.from(integers, (value) => BigInt(value)).buffer),
  );
  writeFileSync(join(directory, 'words.txt'), words.join('\n'));
  const script = `
import json, sys, time
import numpy as np
import whylogs_sketching as ds
d = sys.argv[1]
doubles = np.fromfile(d + '/doubles.bin', dtype='<f8')
integers = np.fromfile(d + '/integers.bin', dtype='<i8')
words = open(d + '/words.txt').read().split('\\n')
dl, il = doubles.tolist(), integers.tolist()
def run(label, n, body):
    return max((once(label, n, body) for _ in range(3)), key=lambda r: r["perSecond"])
def once(label, n, body):
    body(min(n, 20000))
    t = time.process_time(); body(n); s = time.process_time() - t
    return {"label": label, "count": n, "perSecond": n / s}
def kll_loop(n):
    k = ds.kll_doubles_sketch(1024)
    for v in dl[:n]: k.update(v)
def kll_np(n): ds.kll_doubles_sketch(1024).update(doubles[:n])
def hll_int_loop(n):
    h = ds.hll_sketch(12)
    for v in il[:n]: h.update(v)
def hll_int_np(n): ds.hll_sketch(12).update_np(integers[:n])
def hll_dbl_loop(n):
    h = ds.hll_sketch(12)
    for v in dl[:n]: h.update(v)
def hll_dbl_np(n): ds.hll_sketch(12).update_np(doubles[:n])
def hll_str_loop(n):
    h = ds.hll_sketch(12)
    for v in words[:n]: h.update(v)
def hll_str_list(n): ds.hll_sketch(12).update_str_list(words[:n])
def fi_loop(n):
    f = ds.frequent_strings_sketch(10)
    for v in words[:n]: f.update(v)
def fi_list(n): ds.frequent_strings_sketch(10).update_str_list(words[:n])
N, S = len(dl), len(words)
print(json.dumps({
  "loop": [run("kll", N, kll_loop), run("kll", N, kll_loop), run("hll int", N, hll_int_loop), run("hll double", N, hll_dbl_loop), run("hll string", S, hll_str_loop), run("fi", S, fi_loop)],
  "vectorized": [run("kll", N, kll_np), run("kll", N, kll_np), run("hll int", N, hll_int_np), run("hll double", N, hll_dbl_np), run("hll string", S, hll_str_list), run("fi", S, fi_list)],
}))
`;
  const result = spawnSync(python, ['-c', script, directory], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  rmSync(directory, { recursive: true, force: true });
  if (result.status === 0) py = JSON.parse(result.stdout);
  else console.error(`python benchmark failed: ${result.stderr}`);
} else {
  console.error(`python oracle not found at ${python}; TypeScript numbers only`);
}

const format = (value) => (value / 1e6).toFixed(2).padStart(7);
console.log(
  `updates/s in millions (n = ${COUNT.toLocaleString()}, strings n = ${STRING_COUNT.toLocaleString()})`,
);
console.log('sketch                              TS      py loop  TS/loop   py vector  TS/vector');
ts.forEach((row, index) => {
  const loop = py?.loop[index]?.perSecond;
  const vector = py?.vectorized[index]?.perSecond;
  const ratio = (other) => (other ? `${(row.perSecond / other).toFixed(2)}x`.padStart(8) : '     n/a');
  console.log(
    `${row.label.padEnd(34)}${format(row.perSecond)}  ${loop ? format(loop) : '    n/a'}  ${ratio(loop)}   ${vector ? format(vector) : '    n/a'}  ${ratio(vector)}`,
  );
});
