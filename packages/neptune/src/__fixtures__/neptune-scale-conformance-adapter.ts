import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import type { TrackingStatus } from '@tasklens/core/plugin';
import {
  type ConformanceChildScenario,
  type ConformanceFaultKind,
  type ConformanceRunOptions,
  type ConformanceRunView,
  type ConformanceServer,
  seededRandom,
  type TrackerConformanceAdapter,
} from '@tasklens/core/testing';
import { encodeApiToken } from '../legacy/api-token';
import { type CreateScaleRunOptions, createScaleRun } from '../scale/create-scale-run';
import type { NeptuneScaleRun } from '../scale/neptune-scale-run';
import { OperationsDatabase, OperationType, readableCopy } from '../scale/operations-database';
import { UpdateRunSnapshotSchema } from '../scale/protobuf/gen/neptune_pb/ingest/v1/common_pb';
import type { NeptuneScaleRunResult } from '../scale/scale-operation';
import { applySnapshot, type ScaleRecordedRun } from '../testing/scale-recorded-run';
import { ScaleTestServer } from '../testing/scale-test-server';
import { breakOpenFile } from './break-open-file';
import { bundleForChild } from './bundle-for-child';

// Conformance mapping for Neptune Scale: a row is the `metrics/<key>` points sharing a step,
// params are `parameters/<key>` configs. Neptune Scale records no end of a run (neptune-scale's
// close() only waits for delivery), so the adapter's finish() logs `conformance/exit_code = 0`
// just before close(): a run counts as finished once that config, or `sys/failed` (what our run
// assigns when it fails or the process gets a signal), arrived.
const project = 'tasklens/conformance';
const faultKinds = new Set<string>(['error', 'rate-limit', 'drop', 'down', 'redirect', 'huge-body']);

function emptyRun(runId: string): ScaleRecordedRun {
  return {
    project,
    runId,
    experimentId: undefined,
    creationTime: undefined,
    configs: new Map(),
    metrics: new Map(),
    stringSets: new Map(),
    refusedPoints: 0,
  };
}

function viewOf(run: ScaleRecordedRun): ConformanceRunView {
  const byStep = new Map<number, Record<string, unknown>>();
  for (const [key, points] of run.metrics) {
    if (!key.startsWith('metrics/')) continue;
    for (const point of points) {
      const row = byStep.get(point.step) ?? {};
      row[key.slice('metrics/'.length)] = point.value;
      byStep.set(point.step, row);
    }
  }
  const params = Object.fromEntries(
    [...run.configs].filter(([key]) => key.startsWith('parameters/')).map(([key, value]) => [key.slice(11), value]),
  );
  const failed = run.configs.get('sys/failed');
  const exitCode = run.configs.get('conformance/exit_code');
  return {
    rows: [...byStep].sort(([left], [right]) => left - right).map(([step, values]) => ({ step, values })),
    params,
    finished: failed === true || exitCode !== undefined,
    exitCode: failed === true ? 1 : typeof exitCode === 'number' ? exitCode : undefined,
  };
}

function conformanceServer(server: ScaleTestServer): ConformanceServer {
  return {
    url: server.url,
    setFaults: (plan) => server.setFaults({ ...plan, pathPattern: /\/api\/client\/v1\/ingest$/ }),
    goDown: (seconds) => server.goDown(seconds),
    received(runId) {
      const run = server.runOf(project, runId);
      return run === undefined ? undefined : viewOf(run);
    },
    faultsInjected: () =>
      new Set(
        server.requests
          .map((request): string => request.outcome)
          .filter((outcome): outcome is ConformanceFaultKind => faultKinds.has(outcome)),
      ),
    transcript: () =>
      server.requests.map((request) => `${request.method} ${request.path}\n${JSON.stringify(request.operation)}`).join('\n'),
    close: () => server.close(),
  };
}

/** The run database under `directory` (neptune-scale names its folder `<project>_<run id>_<ns>`). */
function databaseOf(directory: string, runId: string): string | undefined {
  if (!existsSync(directory)) return undefined;
  const prefix = `tasklens_conformance_${runId}_`;
  const folder = readdirSync(directory).find((name) => name.startsWith(prefix));
  const path = folder === undefined ? undefined : join(directory, folder, 'run_operations.sqlite3');
  return path !== undefined && existsSync(path) ? path : undefined;
}

/** Reads a run database (through a copy, so a live writer is never locked out) as a run view. */
function readOffline(directory: string, runId: string): ConformanceRunView | undefined {
  const path = databaseOf(directory, runId);
  if (path === undefined) return undefined;
  const run = emptyRun(runId);
  try {
    const database = new OperationsDatabase(readableCopy(path));
    try {
      for (const stored of database.operations()) {
        if (stored.operationType === OperationType.updateSnapshot)
          applySnapshot(run, fromBinary(UpdateRunSnapshotSchema, stored.operation));
      }
    } finally {
      database.close();
    }
  } catch (error) {
    return { ...viewOf(run), damage: String(error) };
  }
  return viewOf(run);
}

/** `createScaleRun` options for a conformance run. */
export function conformanceScaleOptions(options: ConformanceRunOptions): CreateScaleRunOptions {
  return {
    project,
    runId: options.runId,
    mode: options.mode === 'online' ? 'async' : 'offline',
    logDirectory: options.directory,
    flushIntervalMs: options.flushIntervalMs,
    retry: options.retry,
    offlineDeadlineMs: options.offlineDeadlineMs,
    initTimeoutMs: 30_000,
    // As comet's adapter: the suite's online cases (spill failure after the server goes down, faults
    // from the first request) are about delivery once connected; the background start-up has its
    // own test (scale/background-handshake.test.ts).
    waitForHandshake: true,
    environment: {},
    ...(options.serverUrl === undefined ? {} : { apiToken: encodeApiToken(options.serverUrl, options.apiKey) }),
  };
}

function statusOf(result: NeptuneScaleRunResult): TrackingStatus {
  if (result.transport !== undefined) return result.transport;
  return {
    outcome: result.outcome === 'lost' ? 'lost' : 'spilled',
    deliveredEvents: 0,
    spilledEvents: result.storedOperations,
    droppedEvents: result.droppedOperations ?? 0,
    offlineReason: 'offline mode',
    warnings: result.warnings,
  };
}

function childScript(scenario: ConformanceChildScenario): string {
  const options = JSON.stringify(conformanceScaleOptions(scenario.run));
  if (scenario.kind === 'log-then-idle') {
    return `import { createScaleRun } from '@tasklens/neptune';
const run = await createScaleRun(${options});
for (let step = 0; step < ${scenario.steps}; step++) run.logMetrics({ data: { 'metrics/value': step }, step });
console.log('ready');
setInterval(() => {}, 1000);
`;
  }
  const args = [
    '--inputs',
    scenario.inputsPath,
    '--output-prefix',
    scenario.outputPrefix,
    '--raw-output-data-prefix',
    scenario.rawOutputPrefix,
    '--task-module',
    '__SELF__',
    '--task-name',
    'conformanceTask',
  ];
  return `import { fileURLToPath } from 'node:url';
import { task } from '@tasklens/core';
import { executeCommand } from '@tasklens/core/cli/execute-command';
import { neptuneScaleRun, neptuneRun } from '@tasklens/neptune';
const { project, apiToken, environment, ...options } = ${options};
export const conformanceTask = task(
  { name: 'conformance.sigterm', enableDeck: true },
  neptuneScaleRun({ ...options, project, secret: () => apiToken, environment: { NEPTUNE_API_TOKEN: apiToken } })(async () => {
    const run = neptuneRun();
    for (let step = 0; step < ${scenario.steps}; step++) run.logMetrics({ data: { 'metrics/value': step }, step });
    console.log('ready');
    setInterval(() => {}, 1000);
    await new Promise(() => {});
  }),
);
if (process.env.TASKLENS_CONFORMANCE_CHILD === 'main') {
  process.env.TASKLENS_CONFORMANCE_CHILD = 'loaded';
  const args = ${JSON.stringify(args)}.map((arg) => (arg === '__SELF__' ? fileURLToPath(import.meta.url) : arg));
  // Not awaited: the task module is this very file, and tasklens execute imports it again.
  void executeCommand(args).then((outcome) => process.exit(outcome.exitCode));
}
`;
}

/** The Neptune Scale adapter of core's tracker conformance suite. */
export function neptuneScaleConformanceAdapter(): TrackerConformanceAdapter {
  const runs = new Map<string, NeptuneScaleRun>();
  return {
    name: 'neptune-scale',
    async startServer(options) {
      const server = await ScaleTestServer.start({
        random: seededRandom(options.faults?.seed ?? 7),
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      });
      const wrapped = conformanceServer(server);
      if (options.faults !== undefined) wrapped.setFaults(options.faults);
      return wrapped;
    },
    async startRun(options) {
      const run = await createScaleRun(conformanceScaleOptions(options));
      runs.set(options.runId, run);
      return {
        logMetrics: (step, values) => {
          const data: Record<string, number> = {};
          for (const [key, value] of Object.entries(values)) data[`metrics/${key}`] = value as number;
          run.logMetrics({ data, step });
        },
        logParams: (values) => {
          const configs: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(values)) configs[`parameters/${key}`] = value;
          run.logConfigs(configs as Parameters<NeptuneScaleRun['logConfigs']>[0]);
        },
        get queuedEvents() {
          return run.queuedEvents;
        },
        finish: async () => {
          run.logConfigs({ 'conformance/exit_code': 0 });
          return statusOf(await run.close());
        },
      };
    },
    readOffline: async (directory, runId) => readOffline(directory, runId),
    async childCommand(scenario, scratch) {
      return {
        command: process.execPath,
        args: [bundleForChild(scratch, childScript(scenario))],
        env: { TASKLENS_CONFORMANCE_CHILD: 'main', FLYTE_SDK_LOCAL_SANDBOX: join(scratch, 'sandbox') },
      };
    },
    async breakSpillLocation(directory, runId) {
      // A run opens its database on the next turn of the event loop after it starts: wait for it.
      let path = databaseOf(directory, runId);
      for (let waited = 0; path === undefined && waited < 30_000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        path = databaseOf(directory, runId);
      }
      if (path === undefined || !runs.has(runId)) throw new Error(`no run database for ${runId} under ${directory}`);
      breakOpenFile(path);
    },
  };
}
