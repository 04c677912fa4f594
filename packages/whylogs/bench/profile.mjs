// Profiling throughput and peak memory, side by side with Python whylogs (run after `npm run build`):
//   node packages/whylogs/bench/profile.mjs [--rows 1000000] [--chunk 100000]
// Each measurement runs in its own process so peak RSS (maxRSS) belongs to that measurement alone. Data is
// generated chunk by chunk inside the timed process but outside the timed region; only profiling is timed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = join(here, '..', '..', '..');
const argumentValue = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
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
 */
function makeChunk(arrow, variant, rows, random, asRecords) {
  const columns = {};
  const int = (high) => Float64Array.from({ length: rows }, () => Math.floor(random() * high));
  const float = () => Float64Array.from({ length: rows }, () => random() * 1000 - 300);
  if (variant === 'numeric') {
    for (let index = 0; index < 5; index++) columns[`i${index}`] = int(10 ** (index + 2));
    for (let index = 0; index < 5; index++) columns[`f${index}`] = float();
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

async function worker(variant, source, rows, chunkRows) {
  const arrow = await import('apache-arrow');
  const { DatasetProfile } = await import(join(here, '..', 'dist', 'index.js'));
  const random = createRandom(42);
  const profile = new DatasetProfile();
  let profiling = 0;
  for (let done = 0; done < rows; done += chunkRows) {
    const chunk = makeChunk(arrow, variant, Math.min(chunkRows, rows - done), random, source === 'records');
    const started = performance.now();
    profile.track(chunk);
    profiling += performance.now() - started;
  }
  const started = performance.now();
  const bytes = profile.view().serialize();
  profiling += performance.now() - started;
  process.stdout.write(
    JSON.stringify({
      seconds: profiling / 1000,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      bytes: bytes.length,
    }),
  );
}

function measure(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

async function main() {
  const rows = argumentValue('--rows', 1_000_000);
  const chunkRows = argumentValue('--chunk', 100_000);
  if (!existsSync(join(here, '..', 'dist', 'index.js')))
    throw new Error('build first: npx turbo run build --filter=@tasklens/whylogs');
  const python =
    process.env.TASKLENS_ORACLE_PYTHON ?? join(repositoryRoot, '.venv', 'oracle', 'bin', 'python');
  const hasPython = existsSync(python);
  const self = fileURLToPath(import.meta.url);
  const results = [];
  for (const variant of ['numeric', 'mixed']) {
    const row = { variant };
    for (const source of ['arrow', 'records']) {
      row[source] = measure(process.execPath, [
        self,
        '--worker',
        variant,
        source,
        String(rows),
        String(chunkRows),
      ]);
      // Flat memory: the same run at a quarter of the rows.
      row[`${source}Quarter`] = measure(process.execPath, [
        self,
        '--worker',
        variant,
        source,
        String(rows / 4),
        String(chunkRows),
      ]);
    }
    if (hasPython) {
      row.python = measure(python, [
        join(here, 'profile_bench.py'),
        variant,
        String(rows),
        String(chunkRows),
      ]);
      row.pythonQuarter = measure(python, [
        join(here, 'profile_bench.py'),
        variant,
        String(rows / 4),
        String(chunkRows),
      ]);
    }
    results.push(row);
  }
  const rate = (result, count) => (result ? Math.round(count / result.seconds) : NaN);
  console.log(
    `whylogs profiling, ${rows.toLocaleString()} rows x 10 columns, chunks of ${chunkRows.toLocaleString()} rows`,
  );
  console.log('variant  source          rows/s      peak RSS MiB (1/4 rows -> all rows)   ratio vs Python');
  for (const row of results) {
    const pythonRate = rate(row.python, rows);
    for (const source of ['arrow', 'records', 'python']) {
      const full = row[source];
      if (!full) continue;
      const quarter = row[`${source}Quarter`];
      const label = source === 'python' ? 'python/pandas' : `ts/${source}`;
      const ratio = source === 'python' ? '1.00x' : `${(rate(full, rows) / pythonRate).toFixed(2)}x`;
      console.log(
        `${row.variant.padEnd(8)} ${label.padEnd(14)} ${String(rate(full, rows)).padStart(10)}   ${quarter.maxRssMiB.toFixed(0).padStart(6)} -> ${full.maxRssMiB.toFixed(0).padEnd(26)} ${ratio}`,
      );
    }
  }
  if (!hasPython) console.log(`(Python oracle not found at ${python}; Python columns skipped)`);
  void execFileSync;
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3], process.argv[4], Number(process.argv[5]), Number(process.argv[6]));
} else {
  await main();
}
