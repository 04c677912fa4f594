#!/usr/bin/env node
// Start-only init (after import), each measurement in a fresh process, for our client and the
// Python comet_ml SDK, offline and online against the local test server, in alternating rounds
// (the order flips every round, so a load swing hits both sides). Needs `npm run build` and the
// oracle venv. Prints every round, the medians and the load (`/proc/loadavg`); no assertions.
//
// What each timer includes, the same on both sides: one call of `start()` / `comet_ml.start()` in
// a process that already imported the package, with the API key, server URL and offline directory
// read from the same COMET_* variables, project/workspace/online given as arguments, HOME and the
// working directory an empty directory (no .comet.config). A second timer adds the first
// `logMetrics` / `log_metrics` call. Differences that remain, stated in the output:
// - comet_ml's start() creates the offline directory and an empty zip (its writability check);
//   ours touches no disk before the first log call (its journal opens right after that call's turn).
// - Python compiled all of comet_ml's bytecode at import (.pyc) and imports no module inside
//   start(); Node compiles each function on its first call, so ours also pays V8's compilation of
//   the start path. The `ours --no-lazy` column runs our child with every function compiled at
//   import, which is what Python's timer measures: execution only.
// - comet_ml runs with its auto-logging (environment, git, code, CLI) switched off, which only
//   makes its start cheaper.
// Usage: node packages/comet/bench/start-bench.mjs [rounds=5]
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { python, pythonCometEnvironment } from './support/python-comet-environment.mjs';

const apiKey = 'benchmarkapikey0123456789';
const here = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  // One fresh process: import (not timed), then the first start() of the process.
  const mode = process.argv[3];
  const { start } = await import('../dist/index.js');
  const began = performance.now();
  const experiment = await start({ offline: mode === 'offline', workspace: 'bench', projectName: 'bench' });
  const started = performance.now();
  experiment.logMetrics({ loss: 1 }, { step: 0 });
  const logged = performance.now();
  const result = await experiment.end();
  if (result.outcome !== (mode === 'offline' ? 'offline' : 'delivered')) throw new Error(result.outcome);
  process.stdout.write(`${JSON.stringify({ startMs: started - began, firstLogMs: logged - began })}\n`);
  process.exit(0);
}

const pythonScript = `
import json, sys, time
import comet_ml
t0 = time.perf_counter()
e = comet_ml.start(online=sys.argv[1] == "online", project_name="bench", workspace="bench")
t1 = time.perf_counter()
e.log_metrics({"loss": 1}, step=0)
t2 = time.perf_counter()
e.end()
print(json.dumps({"startMs": (t1 - t0) * 1000, "firstLogMs": (t2 - t0) * 1000}))
`;

function run(command, args, env, cwd) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, cwd, timeout: 600_000, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
    });
  });
}

/** The COMET_* settings both sides read, pointing at the test server and a fresh directory. */
function cometEnvironment(server, directory) {
  return {
    PATH: process.env.PATH,
    HOME: directory,
    COMET_URL_OVERRIDE: server.clientlibUrl,
    COMET_API_KEY: apiKey,
    COMET_OFFLINE_DIRECTORY: directory,
  };
}

function ours(mode, server, nodeFlags = []) {
  const directory = mkdtempSync(join(tmpdir(), 'comet-start-bench-'));
  return run(
    process.execPath,
    [...nodeFlags, here, '--child', mode],
    cometEnvironment(server, directory),
    directory,
  );
}

function sdk(mode, server) {
  const directory = mkdtempSync(join(tmpdir(), 'comet-start-bench-py-'));
  return run(
    python,
    ['-c', pythonScript, mode],
    // The same COMET_* settings as ours, plus comet_ml's auto-loggers off.
    pythonCometEnvironment(server, apiKey, directory),
    directory,
  );
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sides = { ours: 'ours', eager: 'ours --no-lazy', sdk: 'comet_ml' };
const measure = {
  ours: (mode) => ours(mode, server),
  eager: (mode) => ours(mode, server, ['--no-lazy']),
  sdk: (mode) => sdk(mode, server),
};

const { CometTestServer } = await import('../dist/testing/index.js');
const server = await CometTestServer.start({ apiKey });
const rounds = Number(process.argv[2] ?? 5);
const modes = ['offline', 'online'];
const samples = Object.fromEntries(modes.map((mode) => [mode, { ours: [], eager: [], sdk: [] }]));
const cell = (row, side, timer) => `${row[side][timer].toFixed(2)}`.padStart(7);
console.log('round  mode     timer        ours  --no-lazy  comet_ml  ratio  ratio(--no-lazy)  load');
for (let round = 1; round <= rounds; round++) {
  for (const mode of modes) {
    const order = round % 2 === 1 ? ['ours', 'sdk', 'eager'] : ['eager', 'sdk', 'ours'];
    const row = {};
    for (const side of order) row[side] = await measure[side](mode);
    for (const side of order) samples[mode][side].push(row[side]);
    for (const timer of ['startMs', 'firstLogMs']) {
      console.log(
        `${String(round).padStart(5)}  ${mode.padEnd(7)}  ${timer.padEnd(10)} ${cell(row, 'ours', timer)}  ${cell(row, 'eager', timer)}  ${cell(row, 'sdk', timer)}  ${(row.sdk[timer] / row.ours[timer]).toFixed(1).padStart(5)}x  ${(row.sdk[timer] / row.eager[timer]).toFixed(1).padStart(5)}x  ${load()}`,
      );
    }
  }
}
await server.close();
console.log(`\nmedians of ${rounds} rounds (ms):`);
for (const mode of modes) {
  for (const timer of ['startMs', 'firstLogMs']) {
    const value = (side) => median(samples[mode][side].map((sample) => sample[timer]));
    const best = (side) => Math.min(...samples[mode][side].map((sample) => sample[timer]));
    console.log(
      `median ${mode.padEnd(7)} ${timer.padEnd(10)} ${Object.entries(sides)
        .map(([side, name]) => `${name} ${value(side).toFixed(2)}`)
        .join(
          '  ',
        )}  ratio ${(value('sdk') / value('ours')).toFixed(1)}x  ratio(--no-lazy) ${(value('sdk') / value('eager')).toFixed(1)}x`,
    );
    // The best of each side is the least disturbed by other load on a shared machine.
    console.log(
      `best   ${mode.padEnd(7)} ${timer.padEnd(10)} ${Object.entries(sides)
        .map(([side, name]) => `${name} ${best(side).toFixed(2)}`)
        .join('  ')}  ratio ${(best('sdk') / best('ours')).toFixed(1)}x`,
    );
  }
}
console.log(`load (1, 5, 15 min): ${load()}`);

// Rows for scripts/bench.mjs's table (contract at the top of that file): the fresh-process start
// is the honest init figure, so it carries the target; the first-log and --no-lazy figures do not.
if (process.env.TASKLENS_BENCH_RESULTS) {
  const value = (mode, side, timer) => median(samples[mode][side].map((sample) => sample[timer]));
  const results = modes.flatMap((mode) => [
    {
      case: `${mode}: init, start only, fresh process (median of ${rounds} alternating rounds)`,
      ours: value(mode, 'ours', 'startMs'),
      peer: value(mode, 'sdk', 'startMs'),
      unit: 'ms',
      better: 'lower',
      target: { of: 'ratio', atLeast: 10 },
    },
    {
      case: `${mode}: start + first logMetrics, fresh process`,
      ours: value(mode, 'ours', 'firstLogMs'),
      peer: value(mode, 'sdk', 'firstLogMs'),
      unit: 'ms',
      better: 'lower',
    },
    {
      case: `${mode}: init, start only, fresh process, ours with node --no-lazy`,
      ours: value(mode, 'eager', 'startMs'),
      peer: value(mode, 'sdk', 'startMs'),
      unit: 'ms',
      better: 'lower',
    },
  ]);
  writeFileSync(
    process.env.TASKLENS_BENCH_RESULTS,
    JSON.stringify({
      rows: results,
      notes: [`${rounds} alternating rounds; load (1, 5, 15 min) at the end ${load()}`],
    }),
  );
}
