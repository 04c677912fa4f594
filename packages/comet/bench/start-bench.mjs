#!/usr/bin/env node
// Start-only init (after import), each measurement in a fresh process, for our client and the
// Python comet_ml SDK, offline and online against the local test server, in alternating rounds
// (the order flips every round, so a load swing hits both sides). Needs `npm run build` and the
// oracle venv. Prints every round, the medians and the load (`uptime`); no assertions.
// Usage: node packages/comet/bench/start-bench.mjs [rounds=5]
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { python, pythonCometEnvironment } from './python-comet-environment.mjs';

const apiKey = 'benchmarkapikey0123456789';
const here = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  // One fresh process: import (not timed here), then the first start() of the process.
  const [, , , mode, url, directory] = process.argv;
  const { start } = await import('../dist/index.js');
  const began = performance.now();
  const experiment = await start({
    offline: mode === 'offline',
    apiKey,
    urlOverride: url,
    offlineDirectory: directory,
    workspace: 'bench',
    projectName: 'bench',
    environment: { HOME: directory },
  });
  const startMs = performance.now() - began;
  experiment.logMetrics({ loss: 1 }, { step: 0 });
  const result = await experiment.end();
  if (result.outcome !== (mode === 'offline' ? 'offline' : 'delivered')) throw new Error(result.outcome);
  process.stdout.write(`${JSON.stringify({ startMs })}\n`);
  process.exit(0);
}

const pythonScript = `
import json, sys, time
import comet_ml
t0 = time.perf_counter()
e = comet_ml.start(online=sys.argv[1] == "online", project_name="bench", workspace="bench")
t1 = time.perf_counter()
e.log_metrics({"loss": 1}, step=0)
e.end()
print(json.dumps({"startMs": (t1 - t0) * 1000}))
`;

function run(command, args, env, cwd) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, cwd, timeout: 600_000, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)).startMs);
    });
  });
}

function ours(mode, server) {
  const directory = mkdtempSync(join(tmpdir(), 'comet-start-bench-'));
  return run(
    process.execPath,
    [here, '--child', mode, server.url, directory],
    { PATH: process.env.PATH },
    directory,
  );
}

function sdk(mode, server) {
  const directory = mkdtempSync(join(tmpdir(), 'comet-start-bench-py-'));
  return run(
    python,
    ['-c', pythonScript, mode],
    pythonCometEnvironment(server, apiKey, directory),
    directory,
  );
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const { CometTestServer } = await import('../dist/testing/index.js');
const server = await CometTestServer.start({ apiKey });
const rounds = Number(process.argv[2] ?? 5);
const samples = { offline: { ours: [], sdk: [] }, online: { ours: [], sdk: [] } };
for (let round = 1; round <= rounds; round++) {
  for (const mode of ['offline', 'online']) {
    const order = round % 2 === 1 ? ['ours', 'sdk'] : ['sdk', 'ours'];
    const row = {};
    for (const side of order)
      row[side] = side === 'ours' ? await ours(mode, server) : await sdk(mode, server);
    samples[mode].ours.push(row.ours);
    samples[mode].sdk.push(row.sdk);
    console.log(
      `round ${round} ${mode.padEnd(7)} ours ${row.ours.toFixed(2)} ms  comet_ml ${row.sdk.toFixed(2)} ms  ratio ${(row.sdk / row.ours).toFixed(1)}x  load ${load()}`,
    );
  }
}
await server.close();
for (const mode of ['offline', 'online']) {
  const ourMedian = median(samples[mode].ours);
  const sdkMedian = median(samples[mode].sdk);
  const ourBest = Math.min(...samples[mode].ours);
  const sdkBest = Math.min(...samples[mode].sdk);
  console.log(
    `median ${mode.padEnd(7)} ours ${ourMedian.toFixed(2)} ms  comet_ml ${sdkMedian.toFixed(2)} ms  ratio ${(sdkMedian / ourMedian).toFixed(1)}x (${rounds} rounds)`,
  );
  // The best of each side is the least disturbed by other load on a shared machine.
  console.log(
    `best   ${mode.padEnd(7)} ours ${ourBest.toFixed(2)} ms  comet_ml ${sdkBest.toFixed(2)} ms  ratio ${(sdkBest / ourBest).toFixed(1)}x`,
  );
}
console.log(`uptime load: ${load()}`);
