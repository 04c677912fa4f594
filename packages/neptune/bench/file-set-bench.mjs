// Benchmark: one file set (many small files and one multipart-sized file) uploaded online to
// LegacyTestServer, @tasklens/neptune's uploadFiles vs neptune 1.14's upload_files, alternating
// round by round. Times: the call itself, and from the call until stop() returned (everything
// delivered). Run after `npm run build`:
//   node packages/neptune/bench/file-set-bench.mjs [--files 300] [--rounds 3]
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setLogSink } from '@tasklens/core/plugin';
import { initRun } from '../dist/index.js';
import { LegacyTestServer } from '../dist/testing/index.js';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const fileCount = argument('files', 300);
const rounds = argument('rounds', 3);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const python = process.env.TASKLENS_ORACLE_PYTHON ?? join(root, '.venv/oracle/bin/python');
const pythonScript = fileURLToPath(new URL('./python_file_set_bench.py', import.meta.url));
setLogSink(() => {});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const tree = mkdtempSync(join(tmpdir(), 'neptune-fileset-bench-'));
for (let index = 0; index < fileCount; index++) {
  const directory = join(tree, 'data', `part-${index % 10}`);
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, `file-${index}.csv`), randomBytes(1024 + (index % 4) * 1024));
}
mkdirSync(join(tree, 'model'));
writeFileSync(join(tree, 'model', 'weights.bin'), randomBytes(8 * 1024 * 1024));
const globs = [join(tree, 'data'), join(tree, 'model', '*.bin')];

async function ours(server) {
  const run = await initRun({
    project: 'bench/bench',
    apiToken: server.apiToken,
    dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-bench-')),
    environment: {},
    flushIntervalMs: 100,
  });
  const started = performance.now();
  run.uploadFiles('artifacts/files', globs);
  const called = performance.now();
  const result = await run.stop();
  if (result.outcome !== 'delivered') throw new Error(`not delivered: ${result.outcome}`);
  return { call_ms: called - started, total_ms: performance.now() - started };
}

function theirs(server) {
  return new Promise((resolve, reject) => {
    execFile(
      python,
      [pythonScript, ...globs],
      {
        cwd: mkdtempSync(join(tmpdir(), 'neptune-bench-py-')),
        env: { ...process.env, NEPTUNE_API_TOKEN: server.apiToken, OAUTHLIB_INSECURE_TRANSPORT: '1' },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(stderr));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
      },
    );
  });
}

const results = { ours: [], python: [] };
for (let round = 1; round <= rounds; round++) {
  const server = await LegacyTestServer.start();
  const load = loadavg()[0].toFixed(1);
  const a = await ours(server);
  const b = await theirs(server);
  results.ours.push(a);
  results.python.push(b);
  const count = [...server.runs.values()].map((run) => run.fileSets?.get('artifacts/files')?.size ?? 0);
  console.log(
    `round ${round} (load ${load}): ours call ${a.call_ms.toFixed(1)} ms, total ${a.total_ms.toFixed(0)} ms | ` +
      `neptune 1.14 call ${b.call_ms.toFixed(1)} ms, total ${b.total_ms.toFixed(0)} ms | files per run ${count.join(', ')}`,
  );
  await server.close();
}
const summary = (side) => ({
  call: median(results[side].map((entry) => entry.call_ms)),
  total: median(results[side].map((entry) => entry.total_ms)),
});
const [o, p] = [summary('ours'), summary('python')];
console.log(
  `median over ${rounds} rounds, ${fileCount} small files + one 8 MiB file: ` +
    `call ${o.call.toFixed(1)} vs ${p.call.toFixed(1)} ms, total ${o.total.toFixed(0)} vs ${p.total.toFixed(0)} ms ` +
    `(${(p.total / o.total).toFixed(1)}x)`,
);

// Rows for scripts/bench.mjs's table (contract at the top of that file); the issue sets no target here.
if (process.env.TASKLENS_BENCH_RESULTS) {
  writeFileSync(
    process.env.TASKLENS_BENCH_RESULTS,
    JSON.stringify({
      rows: [
        {
          case: `legacy async: upload ${fileCount} small files + one 8 MiB file, call until stop() returned`,
          ours: o.total,
          peer: p.total,
          unit: 'ms',
          better: 'lower',
        },
      ],
      notes: [`median of ${rounds} alternating rounds`],
    }),
  );
}
