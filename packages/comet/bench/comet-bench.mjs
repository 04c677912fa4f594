#!/usr/bin/env node
// Init-to-ready and metrics/s (10 metrics a step) for our Comet client and the Python comet_ml SDK
// on the same machine, offline and online against the local test server. Needs `npm run build`
// and the oracle venv (`bash scripts/setup-python-oracle.sh`). Prints a table; no assertions.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { python, pythonCometEnvironment } from './support/python-comet-environment.mjs';

// Module load time counts towards "init to ready", as the Python SDK's import does.
const importStarted = performance.now();
const { start } = await import('../dist/index.js');
const importMs = performance.now() - importStarted;
const { CometTestServer } = await import('../dist/testing/index.js');

const steps = Number(process.env.COMET_BENCH_STEPS ?? 5000);
const metricsPerStep = 10;
const apiKey = 'benchmarkapikey0123456789';

function values(step) {
  const row = {};
  for (let index = 0; index < metricsPerStep; index++) row[`metric_${index}`] = step * 10 + index;
  return row;
}

// `waitForHandshake` measures the SDK-like start that waits for Comet's answer (what cometMlLogin does).
async function ours(mode, server, waitForHandshake = false) {
  const directory = mkdtempSync(join(tmpdir(), 'comet-bench-'));
  const began = performance.now();
  const experiment = await start({
    offline: mode === 'offline',
    apiKey,
    urlOverride: server.url,
    offlineDirectory: directory,
    workspace: 'bench',
    projectName: 'bench',
    environment: { HOME: directory },
    transport: { handleProcessExit: false },
    waitForHandshake,
  });
  const ready = performance.now();
  for (let step = 0; step < steps; step++) experiment.logMetrics(values(step), { step });
  const result = await experiment.end();
  const done = performance.now();
  if (result.outcome !== (mode === 'offline' ? 'offline' : 'delivered'))
    throw new Error(`ours ${mode}: ${result.outcome}`);
  return { initMs: ready - began, pointsPerSecond: (steps * metricsPerStep) / ((done - ready) / 1000) };
}

function pythonRun(mode, server) {
  const directory = mkdtempSync(join(tmpdir(), 'comet-bench-py-'));
  const script = `
import json, time
t0 = time.perf_counter()
import comet_ml
t1 = time.perf_counter()
e = comet_ml.start(online=${mode === 'online' ? 'True' : 'False'}, project_name="bench", workspace="bench")
t2 = time.perf_counter()
for step in range(${steps}):
    e.log_metrics({f"metric_{i}": step * 10 + i for i in range(${metricsPerStep})}, step=step)
e.end()
t3 = time.perf_counter()
print(json.dumps({"importMs": (t1 - t0) * 1000, "initMs": (t2 - t1) * 1000, "pointsPerSecond": ${steps * metricsPerStep} / (t3 - t2)}))
`;
  const env = pythonCometEnvironment(server, apiKey, directory);
  return new Promise((resolve, reject) => {
    execFile(
      python,
      ['-c', script],
      { env, cwd: directory, maxBuffer: 1 << 26, timeout: 600_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
      },
    );
  });
}

const server = await CometTestServer.start({ apiKey });
const rows = [];
const figures = [];
for (const mode of ['offline', 'online', 'online, waitForHandshake']) {
  const typescript = await ours(mode.startsWith('online') ? 'online' : mode, server, mode.includes('wait'));
  // The SDK's online start always waits for the handshake: one Python run serves both online rows.
  const sdk = mode.includes('wait') ? rows.at(-1).sdk : await pythonRun(mode, server);
  figures.push({ mode, typescript, sdk });
  rows.push({
    sdk,
    mode,
    'ours init ms': typescript.initMs.toFixed(1),
    'comet_ml init ms (after import)': sdk.initMs.toFixed(1),
    'comet_ml import ms': sdk.importMs.toFixed(0),
    'ours import ms': importMs.toFixed(0),
    'init ratio (start only)': (sdk.initMs / typescript.initMs).toFixed(1),
    'init ratio (import + start)': ((sdk.importMs + sdk.initMs) / (importMs + typescript.initMs)).toFixed(1),
    'ours points/s': typescript.pointsPerSecond.toFixed(0),
    'comet_ml points/s': sdk.pointsPerSecond.toFixed(0),
    'throughput ratio': (typescript.pointsPerSecond / sdk.pointsPerSecond).toFixed(1),
  });
}
await server.close();
console.log(`${steps} steps × ${metricsPerStep} metrics`);
console.table(rows.map(({ sdk: _sdk, ...row }) => row));

// Rows for scripts/bench.mjs's table (contract at the top of that file). The init here is warm
// (in this process, after other runs), so it carries no target: start-bench.mjs's fresh-process
// start does. Throughput carries the target.
if (process.env.TASKLENS_BENCH_RESULTS) {
  const results = figures.flatMap(({ mode, typescript, sdk }) => [
    {
      case: `${mode}: init, start only, in-process (not fresh; see start-bench rows)`,
      ours: typescript.initMs,
      peer: sdk.initMs,
      unit: 'ms',
      better: 'lower',
    },
    ...(mode.includes('wait')
      ? []
      : [
          {
            case: `${mode}: metrics logged + end, ${steps} steps × ${metricsPerStep} metrics`,
            ours: typescript.pointsPerSecond,
            peer: sdk.pointsPerSecond,
            unit: 'points/s',
            better: 'higher',
            target: { of: 'ratio', atLeast: 5 },
          },
        ]),
  ]);
  writeFileSync(
    process.env.TASKLENS_BENCH_RESULTS,
    JSON.stringify({
      rows: results,
      notes: [`one run per side and mode; ours import ${importMs.toFixed(0)} ms, not counted`],
    }),
  );
}
