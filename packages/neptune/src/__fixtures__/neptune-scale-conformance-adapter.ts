import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import {
  type ConformanceChildScenario,
  type ConformanceRunOptions,
  type ConformanceRunView,
  type ConformanceServer,
  type TrackerConformanceAdapter,
} from '@tasklens/core/testing';
import {
  conformanceChildCommand,
  conformanceChildScript,
  injectedFaultKinds,
  startConformanceServer,
} from '@tasklens/core/testing/conformance';
import { encodeApiToken } from '../legacy/api-token';
import { type CreateScaleRunOptions, createScaleRun } from '../scale/create-scale-run';
import type { NeptuneScaleRun } from '../scale/neptune-scale-run';
import { OperationsDatabase, OperationType, readableCopy } from '../scale/operations-database';
import { UpdateRunSnapshotSchema } from '../scale/protobuf/gen/neptune_pb/ingest/v1/common_pb';
import { applySnapshot, emptyScaleRun, type ScaleRecordedRun } from '../testing/scale-recorded-run';
import { ScaleTestServer } from '../testing/scale-test-server';
import { breakOpenFile } from './break-open-file';
import { bundleForChild } from './bundle-for-child';
import { conformanceStatusOf } from './conformance-status';

// Conformance mapping for Neptune Scale: a row is the `metrics/<key>` points sharing a step,
// params are `parameters/<key>` configs. Neptune Scale records no end of a run (neptune-scale's
// close() only waits for delivery), so the adapter's finish() logs `conformance/exit_code = 0`
// just before close(): a run counts as finished once that config, or `sys/failed` (what our run
// assigns when it fails or the process gets a signal), arrived.
const project = 'tasklens/conformance';

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
    faultsInjected: () => injectedFaultKinds(server.requests),
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
  const run = emptyScaleRun(project, runId);
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

function childScript(scenario: ConformanceChildScenario): string {
  return conformanceChildScript(scenario, {
    imports: "import { createScaleRun, neptuneRun, neptuneScaleRun } from '@tasklens/neptune';",
    options: conformanceScaleOptions(scenario.run),
    startRun: 'createScaleRun(options)',
    decorator:
      '({ apiToken, ...options }) => neptuneScaleRun({ ...options, secret: () => apiToken, environment: { NEPTUNE_API_TOKEN: apiToken } })',
    currentRun: 'neptuneRun()',
    logRow: "run.logMetrics({ data: { 'metrics/value': step }, step })",
  });
}

/** The Neptune Scale adapter of core's tracker conformance suite. */
export function neptuneScaleConformanceAdapter(): TrackerConformanceAdapter {
  const runs = new Map<string, NeptuneScaleRun>();
  return {
    name: 'neptune-scale',
    startServer: (options) =>
      startConformanceServer(options, (serverOptions) => ScaleTestServer.start(serverOptions), conformanceServer),
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
          return conformanceStatusOf(await run.close());
        },
      };
    },
    readOffline: async (directory, runId) => readOffline(directory, runId),
    async childCommand(scenario, scratch) {
      return conformanceChildCommand(bundleForChild(scratch, childScript(scenario)), scratch);
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
