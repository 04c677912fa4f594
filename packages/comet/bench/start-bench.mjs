#!/usr/bin/env node
// Init of our client and of the Python comet_ml SDK, each measurement in a fresh process, offline
// and online against the local test server, in alternating rounds (the order flips every round, so
// a load swing hits both sides). Needs `npm run build` and the oracle venv. Prints every round, the
// medians and the load (`/proc/loadavg`); no assertions.
//
// Three timers, the same on both sides (children: support/start-bench-child.mjs and the Python
// script below; HOME and the working directory an empty directory, so no .comet.config; the API
// key, server URL and offline directory read from the same COMET_* variables; project, workspace
// and online given as arguments):
// - start: one call of `start()` / `comet_ml.start()` in a process that already imported the
//   package. The target (10x) is on this one.
// - import + start: from before `import` / `import comet_ml` to the experiment returned: what a
//   user waits for in a fresh process (interpreter/Node startup itself excluded on both sides).
// - start + first log: start plus the first `logMetrics` / `log_metrics` call.
// What each side does before and inside the start timer:
// - comet_ml at import: loads precompiled bytecode (.pyc, no compilation), reads the config once
//   (env + .comet.config, for auto-logging and logging setup), sets up logging and its exception
//   hook. In start(): InitParameters and ConfigurationManager re-read the config (get_config() is
//   not cached), then OfflineExperiment creates the offline directory, an empty zip (its
//   writability check) and a temp dir, and starts its streamer thread. It imports no module and
//   compiles nothing inside start().
// - ours at import: builds the option declarations, the logger and the slots, and V8 compiles the
//   start path (the functions start() reaches are parenthesized function expressions, which V8
//   compiles with their module: our counterpart of comet_ml's .pyc; without it V8 compiled ~10 KB
//   of start path inside the first start(), ~0.7 ms). In start(): reads COMET_* and the
//   .comet.config files, validates every option (a bad one is a typed error here), registers the
//   API key as a secret, makes the key, the sink object and the experiment, and registers it with
//   core's tracker registry. It touches no disk: the journal opens right after the first log
//   call's turn (comet_ml does that disk work inside start()), which the "start + first log"
//   timer shows.
// - comet_ml runs with its auto-logging (environment, git, code, CLI) switched off, which only
//   makes its start cheaper.
// - The `ours --no-lazy` column runs our child with every function of the process compiled at
//   import (Node's and ours): execution only, for reference.
// Usage: node packages/comet/bench/start-bench.mjs [rounds=5]
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cometServerEnvironment,
  python,
  pythonCometEnvironment,
} from './support/python-comet-environment.mjs';

const apiKey = 'benchmarkapikey0123456789';

const child = fileURLToPath(new URL('./support/start-bench-child.mjs', import.meta.url));

const pythonScript = `
import json, sys, time
before_import = time.perf_counter()
import comet_ml
t0 = time.perf_counter()
e = comet_ml.start(online=sys.argv[1] == "online", project_name="bench", workspace="bench")
t1 = time.perf_counter()
e.log_metrics({"loss": 1}, step=0)
t2 = time.perf_counter()
e.end()
print(json.dumps({"importStartMs": (t1 - before_import) * 1000, "startMs": (t1 - t0) * 1000, "firstLogMs": (t2 - t0) * 1000}))
`;

function run(command, args, env, cwd) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, cwd, timeout: 600_000, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
    });
  });
}

function ours(mode, server, nodeFlags = []) {
  const directory = mkdtempSync(join(tmpdir(), 'comet-start-bench-'));
  return run(
    process.execPath,
    [...nodeFlags, child, mode],
    cometServerEnvironment(server, apiKey, directory),
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
const timers = ['startMs', 'importStartMs', 'firstLogMs'];
const cell = (row, side, timer) => `${row[side][timer].toFixed(2)}`.padStart(7);
console.log('round  mode     timer           ours  --no-lazy  comet_ml  ratio  ratio(--no-lazy)  load');
for (let round = 1; round <= rounds; round++) {
  for (const mode of modes) {
    const order = round % 2 === 1 ? ['ours', 'sdk', 'eager'] : ['eager', 'sdk', 'ours'];
    const row = {};
    for (const side of order) row[side] = await measure[side](mode);
    for (const side of order) samples[mode][side].push(row[side]);
    for (const timer of timers) {
      console.log(
        `${String(round).padStart(5)}  ${mode.padEnd(7)}  ${timer.padEnd(13)} ${cell(row, 'ours', timer)}  ${cell(row, 'eager', timer)}  ${cell(row, 'sdk', timer)}  ${(row.sdk[timer] / row.ours[timer]).toFixed(1).padStart(5)}x  ${(row.sdk[timer] / row.eager[timer]).toFixed(1).padStart(5)}x  ${load()}`,
      );
    }
  }
}
await server.close();
console.log(`\nmedians of ${rounds} rounds (ms):`);
for (const mode of modes) {
  for (const timer of timers) {
    const value = (side) => median(samples[mode][side].map((sample) => sample[timer]));
    const best = (side) => Math.min(...samples[mode][side].map((sample) => sample[timer]));
    console.log(
      `median ${mode.padEnd(7)} ${timer.padEnd(13)} ${Object.entries(sides)
        .map(([side, name]) => `${name} ${value(side).toFixed(2)}`)
        .join(
          '  ',
        )}  ratio ${(value('sdk') / value('ours')).toFixed(1)}x  ratio(--no-lazy) ${(value('sdk') / value('eager')).toFixed(1)}x`,
    );
    // The best of each side is the least disturbed by other load on a shared machine.
    console.log(
      `best   ${mode.padEnd(7)} ${timer.padEnd(13)} ${Object.entries(sides)
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
      case: `${mode}: import + start, fresh process (before import to ready)`,
      ours: value(mode, 'ours', 'importStartMs'),
      peer: value(mode, 'sdk', 'importStartMs'),
      unit: 'ms',
      better: 'lower',
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
