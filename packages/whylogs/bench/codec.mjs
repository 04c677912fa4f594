// Profile codec benchmark: CPU time to serialize and to deserialize a whylogs profile (`.bin`), comparing builds.
//   node packages/whylogs/bench/codec.mjs [--rounds 7] [--repeat 200] [--columns 200] [--rows 50] [--dist <dir>]...
// Few rows per column keep the sketches small, so the protobuf framing (tags, varints, nested messages) is a large
// share of the work rather than the sketch payloads.
// With several --dist directories (e.g. a copy of the dist before a codec change and the current dist), rounds
// alternate between them so machine load hits each the same. Every measurement runs in a fresh process; the
// profile is built outside the timed region, then serialized (and the bytes deserialized) `repeat` times. Prints
// the median CPU milliseconds per serialize / deserialize and checks that every build writes the same bytes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const values = (name) =>
  process.argv.flatMap((argument, index) => (argument === name ? [process.argv[index + 1]] : []));
const number = (name, fallback) => Number(values(name)[0] ?? fallback);

async function worker(dist, repeat, columns, rows) {
  const { DatasetProfile, DatasetProfileView } = await import(join(dist, 'index.js'));
  // Deterministic data: ints, floats and strings, so every metric component kind is in the file.
  const records = Array.from({ length: rows }, (_, row) => {
    const record = {};
    for (let column = 0; column < columns; column++) {
      const kind = column % 3;
      record[`c${column}`] =
        kind === 0
          ? (row * 7919 + column) % 1000
          : kind === 1
            ? ((row * 31 + column) % 977) / 7
            : `v${row % 50}`;
    }
    return record;
  });
  const profile = new DatasetProfile({ creationTimestamp: 0, datasetTimestamp: 0 });
  profile.track(records);
  const view = profile.view();
  const cpu = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  let bytes = view.serialize();
  let started = cpu();
  for (let index = 0; index < repeat; index++) bytes = view.serialize();
  const serializeMs = (cpu() - started) / repeat;
  started = cpu();
  for (let index = 0; index < repeat; index++) DatasetProfileView.deserialize(bytes);
  const deserializeMs = (cpu() - started) / repeat;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  process.stdout.write(JSON.stringify({ serializeMs, deserializeMs, bytes: bytes.length, sha256 }));
}

const median = (list) => {
  const sorted = [...list].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function main() {
  const dists = values('--dist').map((dist) => resolve(dist));
  if (dists.length === 0) dists.push(join(here, '..', 'dist'));
  const rounds = number('--rounds', 7);
  const repeat = number('--repeat', 200);
  const columns = number('--columns', 200);
  const rows = number('--rows', 50);
  const results = new Map(dists.map((dist) => [dist, []]));
  const loads = [];
  for (let round = 0; round < rounds; round++) {
    for (const dist of dists) {
      loads.push(loadavg()[0]);
      const child = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), '--worker', dist, String(repeat), String(columns), String(rows)],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`worker failed for ${dist}:\n${child.stderr}`);
      results.get(dist).push(JSON.parse(child.stdout));
    }
  }
  console.log(
    `profile codec, ${columns} columns x ${rows} rows, ${repeat} serializations per process, median of ${rounds} alternating rounds;` +
      ` load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
  );
  console.log('build                                     bytes   serialize ms  deserialize ms  sha256');
  for (const [dist, runs] of results) {
    const hashes = new Set(runs.map((run) => run.sha256));
    console.log(
      `${dist.slice(-40).padEnd(40)} ${String(runs[0].bytes).padStart(7)}  ${median(
        runs.map((run) => run.serializeMs),
      )
        .toFixed(3)
        .padStart(12)}` +
        `  ${median(runs.map((run) => run.deserializeMs))
          .toFixed(3)
          .padStart(14)}  ${[...hashes].map((hash) => hash.slice(0, 12)).join(',')}`,
    );
  }
  const allHashes = new Set([...results.values()].flatMap((runs) => runs.map((run) => run.sha256)));
  console.log(allHashes.size === 1 ? 'bytes: identical across builds' : 'bytes: DIFFER between builds');
}

if (process.argv[2] === '--worker')
  await worker(process.argv[3], Number(process.argv[4]), Number(process.argv[5]), Number(process.argv[6]));
else main();
