// Profiling throughput and peak memory, side by side with Python whylogs (run after `npm run build`):
//   node packages/whylogs/bench/profile.mjs [--rows 1000000] [--chunk 100000] [--runs 3] [--dist <dir>]
//     [--variants numeric,mixed,lowcard] [--sources arrow,records,python]
// Each measurement runs in its own process so peak RSS (maxRSS) belongs to that measurement alone. Data is
// generated chunk by chunk inside the timed process but outside the timed region; only profiling is timed.
// Like the Python side (which frees each pandas chunk by reference counting outside its timed region), the
// Node worker drops each chunk and runs a full GC outside the timed region, so neither the benchmark's own
// garbage nor V8's lazy heap growth is charged to profiling. Rows/s are medians of --runs runs, by wall time
// and by process CPU time (the machine is shared; CPU time is less sensitive to other load).
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = join(here, '..', '..', '..');
const argumentValue = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const argumentText = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
};

/** mulberry32 */
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Column plan shared with bench/profile_bench.py. mixed: 3 int64, 3 float64 (one with 5% nulls),
 * 2 strings (1,000 categories; 100,000 ids), 1 bool, 1 int64 with a small range. numeric: 5 int64, 5 float64.
 * lowcard: 2 low-cardinality int64 columns (values 0…9 and 0…49), so --rows 1000000 profiles 2,000,000 small ints.
 */
function makeChunk(arrow, variant, rows, random, asRecords) {
  const columns = {};
  const int = (high) => Float64Array.from({ length: rows }, () => Math.floor(random() * high));
  const float = () => Float64Array.from({ length: rows }, () => random() * 1000 - 300);
  if (variant === 'numeric') {
    for (let index = 0; index < 5; index++) columns[`i${index}`] = int(10 ** (index + 2));
    for (let index = 0; index < 5; index++) columns[`f${index}`] = float();
  } else if (variant === 'lowcard') {
    columns.i0 = int(10);
    columns.i1 = int(50);
  } else {
    columns.i0 = int(1_000_000);
    columns.i1 = int(1000);
    columns.i2 = int(10);
    columns.f0 = float();
    columns.f1 = float();
    columns.f2 = Array.from({ length: rows }, () => (random() < 0.05 ? null : random()));
    columns.s0 = Array.from({ length: rows }, () => `category-${Math.floor(random() * 1000)}`);
    columns.s1 = Array.from({ length: rows }, () => `id-${Math.floor(random() * 100_000)}`);
    columns.b0 = Array.from({ length: rows }, () => random() < 0.3);
    columns.i3 = int(50);
  }
  if (asRecords) {
    const names = Object.keys(columns);
    return Array.from({ length: rows }, (_, row) => {
      const record = {};
      for (const name of names) record[name] = columns[name][row];
      return record;
    });
  }
  const vectors = {};
  for (const [name, values] of Object.entries(columns)) {
    if (name.startsWith('i'))
      vectors[name] = arrow.vectorFromArray(
        BigInt64Array.from(values, (value) => BigInt(value)),
        new arrow.Int64(),
      );
    else if (name.startsWith('f')) vectors[name] = arrow.vectorFromArray(values, new arrow.Float64());
    else if (name.startsWith('s')) vectors[name] = arrow.vectorFromArray(values, new arrow.Utf8());
    else vectors[name] = arrow.vectorFromArray(values, new arrow.Bool());
  }
  return new arrow.Table(vectors);
}

const cpuSecondsNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

async function worker(variant, source, rows, chunkRows, dist) {
  const arrow = await import('apache-arrow');
  const { DatasetProfile } = await import(join(dist, 'index.js'));
  const random = createRandom(42);
  const profile = new DatasetProfile();
  const collect = globalThis.gc ?? (() => {});
  let profiling = 0;
  let cpu = 0;
  for (let done = 0; done < rows; done += chunkRows) {
    let chunk = makeChunk(arrow, variant, Math.min(chunkRows, rows - done), random, source === 'records');
    const started = performance.now();
    const cpuStarted = cpuSecondsNow();
    profile.track(chunk);
    cpu += cpuSecondsNow() - cpuStarted;
    profiling += performance.now() - started;
    chunk = null;
    collect();
  }
  const started = performance.now();
  const cpuStarted = cpuSecondsNow();
  const bytes = profile.view().serialize();
  cpu += cpuSecondsNow() - cpuStarted;
  profiling += performance.now() - started;
  collect();
  process.stdout.write(
    JSON.stringify({
      seconds: profiling / 1000,
      cpuSeconds: cpu,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      // What the profile itself keeps alive after a full GC (sketches, filters): must not grow with rows.
      retainedHeapMiB: process.memoryUsage().heapUsed / 1048576,
      bytes: bytes.length,
    }),
  );
}

function measureOnce(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const median = (values) => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Each field's median over the results of one measurement. */
function combine(results) {
  const combined = {};
  for (const key of Object.keys(results[0])) combined[key] = median(results.map((result) => result[key]));
  return combined;
}

async function main() {
  const rows = argumentValue('--rows', 1_000_000);
  const chunkRows = argumentValue('--chunk', 100_000);
  const runs = argumentValue('--runs', 3);
  // Absolute, because the worker imports it by path.
  const dist = resolve(argumentText('--dist', join(here, '..', 'dist')));
  const variants = argumentText('--variants', 'numeric,mixed,lowcard').split(',');
  const sources = argumentText('--sources', 'arrow,records,python').split(',');
  if (!existsSync(join(dist, 'index.js')))
    throw new Error('build first: npx turbo run build --filter=@tasklens/whylogs');
  const python =
    process.env.TASKLENS_ORACLE_PYTHON ?? join(repositoryRoot, '.venv', 'oracle', 'bin', 'python');
  const hasPython = existsSync(python) && sources.includes('python');
  const self = fileURLToPath(import.meta.url);
  const table = [];
  const loadBefore = loadavg();
  // Round by round, ours and the peer alternate (arrow, records, python, arrow, …), so a change in the shared
  // machine's load falls on every source alike; each figure is the median over the rounds.
  for (const variant of variants) {
    const row = { variant };
    const plans = [];
    for (const source of ['arrow', 'records']) {
      if (!sources.includes(source)) continue;
      const nodeArguments = (count) => [
        '--expose-gc',
        self,
        '--worker',
        variant,
        source,
        String(count),
        String(chunkRows),
        dist,
      ];
      plans.push({ source, command: process.execPath, arguments: nodeArguments });
    }
    if (hasPython) {
      const pythonArguments = (count) => [
        join(here, 'profile_bench.py'),
        variant,
        String(count),
        String(chunkRows),
      ];
      plans.push({ source: 'python', command: python, arguments: pythonArguments });
    }
    const results = new Map(plans.map((plan) => [plan.source, []]));
    for (let round = 0; round < runs; round++) {
      for (const plan of plans)
        results.get(plan.source).push(measureOnce(plan.command, plan.arguments(rows)));
    }
    for (const plan of plans) {
      row[plan.source] = combine(results.get(plan.source));
      // Flat memory: the same run at a quarter of the rows.
      row[`${plan.source}Quarter`] = measureOnce(plan.command, plan.arguments(rows / 4));
    }
    table.push(row);
  }
  const rate = (result, count, key = 'seconds') => (result ? Math.round(count / result[key]) : Number.NaN);
  const ratio = (value, base) => (Number.isNaN(base) ? '   -' : `${(value / base).toFixed(2)}x`);
  console.log(
    `whylogs profiling, ${rows.toLocaleString()} rows x 10 columns, chunks of ${chunkRows.toLocaleString()} rows,` +
      ` median of ${runs} run(s); load average ${loadBefore.map((load) => load.toFixed(2)).join(' ')} -> ` +
      loadavg()
        .map((load) => load.toFixed(2))
        .join(' '),
  );
  console.log(
    'variant  source         rows/s wall  ratio   rows/s CPU  ratio   peak RSS MiB (1/4 rows -> all)  retained heap MiB',
  );
  for (const row of table) {
    const pythonWall = rate(row.python, rows);
    const pythonCpu = rate(row.python, rows, 'cpuSeconds');
    for (const source of ['arrow', 'records', 'python']) {
      const full = row[source];
      if (!full) continue;
      const quarter = row[`${source}Quarter`];
      const label = source === 'python' ? 'python/pandas' : `ts/${source}`;
      const retained =
        full.retainedHeapMiB === undefined
          ? ''
          : `${quarter.retainedHeapMiB.toFixed(0)} -> ${full.retainedHeapMiB.toFixed(0)}`;
      console.log(
        `${row.variant.padEnd(8)} ${label.padEnd(14)} ${String(rate(full, rows)).padStart(11)}  ${ratio(rate(full, rows), pythonWall).padStart(5)}` +
          `  ${String(rate(full, rows, 'cpuSeconds')).padStart(11)}  ${ratio(rate(full, rows, 'cpuSeconds'), pythonCpu).padStart(5)}` +
          `   ${quarter.maxRssMiB.toFixed(0).padStart(6)} -> ${full.maxRssMiB.toFixed(0).padEnd(22)}  ${retained}`,
      );
    }
  }
  if (!existsSync(python)) console.log(`(Python oracle not found at ${python}; Python columns skipped)`);
  if (process.env.TASKLENS_BENCH_RESULTS) writeBenchRows(table, { rows, chunkRows, runs, loadBefore });
}

/** Issue #16's targets: at least 3x Python's CPU time on 1M×10 numeric, at least 2x on every other kind. */
const TARGET_RATIO = { numeric: 3, mixed: 2, lowcard: 2 };
const CASE_NAME = {
  numeric: (rows) => `profile ${rows / 1e6}M rows × 10 numeric columns`,
  mixed: (rows) => `profile ${rows / 1e6}M rows × 10 mixed columns (ints, floats, strings, bool)`,
  lowcard: (rows) => `profile ${(2 * rows).toLocaleString('en-US')} low-cardinality ints (2 columns)`,
};

/** The rows for `npm run bench`'s table (scripts/bench.mjs): CPU seconds, ours vs whylogs in Python. */
function writeBenchRows(table, { rows, chunkRows, runs, loadBefore }) {
  const benchRows = [];
  for (const row of table) {
    for (const source of ['arrow', 'records']) {
      if (!row[source]) continue;
      const label = source === 'arrow' ? 'Arrow table' : 'records';
      const name = (CASE_NAME[row.variant] ?? ((count) => `${row.variant}, ${count} rows`))(rows);
      const target = TARGET_RATIO[row.variant];
      benchRows.push({
        case: `${name}, ${label} (CPU)`,
        ours: Number(row[source].cpuSeconds.toFixed(3)),
        peer: row.python ? Number(row.python.cpuSeconds.toFixed(3)) : null,
        unit: 's CPU',
        better: 'lower',
        ...(target ? { target: { of: 'ratio', atLeast: target } } : {}),
      });
    }
  }
  const load = (values) => values.map((value) => value.toFixed(2)).join(' / ');
  writeFileSync(
    process.env.TASKLENS_BENCH_RESULTS,
    JSON.stringify({
      rows: benchRows,
      versions: { 'python whylogs': '1.6.4 (oracle venv)' },
      notes: [
        `median of ${runs} alternating rounds (arrow, records, Python), fresh process each, chunks of ` +
          `${chunkRows.toLocaleString('en-US')} rows; only profiling is timed; load ${load(loadBefore)} before, ` +
          `${load(loadavg())} after`,
      ],
    }),
  );
}

if (process.argv[2] === '--worker') {
  await worker(
    process.argv[3],
    process.argv[4],
    Number(process.argv[5]),
    Number(process.argv[6]),
    process.argv[7] ?? join(here, '..', 'dist'),
  );
} else {
  await main();
}
