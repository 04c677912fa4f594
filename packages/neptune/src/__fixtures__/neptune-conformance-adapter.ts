import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ConformanceChildScenario,
  type ConformanceRow,
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
import { type InitRunOptions, initRun } from '../legacy/init-run';
import type { LegacyOperation } from '../legacy/legacy-operation';
import { listOfflineRuns, readOfflineRun } from '../legacy/read-offline-run';
import type { LegacyRecordedRun } from '../testing/legacy-recorded-run';
import { LegacyTestServer } from '../testing/legacy-test-server';
import { breakOpenFile } from './break-open-file';
import { bundleForChild } from './bundle-for-child';
import { conformanceStatusOf } from './conformance-status';

// Conformance mapping for Neptune 1.x: metrics are float series `metrics/<key>` (a row = the
// points sharing a step), params are `parameters/<key>`. Neptune has no finish call: a server
// run counts as finished once `sys/failed` is set (false = exit 0), an offline run once the
// client stopped cleanly (`last_ack_version` written).

function rowsOf(points: Iterable<[string, { step: number | null; value: unknown }[]]>): ConformanceRow[] {
  const byStep = new Map<number, Record<string, unknown>>();
  for (const [path, series] of points) {
    if (!path.startsWith('metrics/')) continue;
    for (const point of series) {
      const step = point.step ?? -1;
      const row = byStep.get(step) ?? {};
      row[path.slice('metrics/'.length)] = point.value;
      byStep.set(step, row);
    }
  }
  return [...byStep].sort(([left], [right]) => left - right).map(([step, values]) => ({ step, values }));
}

function paramsOf(values: Iterable<[string, unknown]>): Record<string, unknown> {
  return Object.fromEntries(
    [...values].filter(([path]) => path.startsWith('parameters/')).map(([path, value]) => [path.slice(11), value]),
  );
}

function serverView(run: LegacyRecordedRun): ConformanceRunView {
  const failed = run.values.get('sys/failed');
  return {
    rows: rowsOf(run.series),
    params: paramsOf(run.values),
    finished: failed !== undefined,
    exitCode: failed === true ? 1 : failed === false ? 0 : undefined,
  };
}

function conformanceServer(server: LegacyTestServer): ConformanceServer {
  return {
    url: server.url,
    setFaults: (plan) => server.setFaults({ ...plan, pathPattern: /\/attributes\/operations$/ }),
    goDown: (seconds) => server.goDown(seconds),
    received(runId) {
      const run = server.runOf({ customId: runId });
      return run === undefined ? undefined : serverView(run);
    },
    faultsInjected: () => injectedFaultKinds(server.requests),
    transcript: () =>
      server.requests
        .map((request) => `${request.method} ${request.path} ${JSON.stringify(request.query)}\n${JSON.stringify(request.body)}`)
        .join('\n'),
    close: () => server.close(),
  };
}

/** Reads every run directory under `directory` (each conformance run has its own directory). */
function readOffline(directory: string): ConformanceRunView | undefined {
  const dataDirectory = join(directory, '.neptune');
  const runs = [...listOfflineRuns(dataDirectory, 'offline'), ...listOfflineRuns(dataDirectory, 'async')];
  if (runs.length === 0) return undefined;
  const series = new Map<string, { step: number | null; value: unknown }[]>();
  const values = new Map<string, unknown>();
  let stopped = true;
  for (const path of runs) {
    const run = readOfflineRun(path);
    stopped &&= run.stopped;
    for (const { operation } of run.operations) apply(operation, series, values);
  }
  const failed = values.get('sys/failed');
  return {
    rows: rowsOf(series),
    params: paramsOf(values),
    finished: stopped,
    exitCode: failed === true ? 1 : 0,
  };
}

function apply(
  operation: LegacyOperation,
  series: Map<string, { step: number | null; value: unknown }[]>,
  values: Map<string, unknown>,
): void {
  const path = operation.path.join('/');
  if (operation.type === 'LogFloats' || operation.type === 'LogStrings') {
    series.set(path, [...(series.get(path) ?? []), ...operation.values]);
  } else if ('value' in operation) values.set(path, operation.value);
}

/** `initRun` options for a conformance run. */
export function conformanceInitOptions(options: ConformanceRunOptions): InitRunOptions {
  return {
    project: 'tasklens/conformance',
    mode: options.mode === 'online' ? 'async' : 'offline',
    customRunId: options.runId,
    dataDirectory: options.directory,
    flushIntervalMs: options.flushIntervalMs,
    retry: options.retry,
    offlineDeadlineMs: options.offlineDeadlineMs,
    initTimeoutMs: 30_000,
    environment: {},
    ...(options.serverUrl === undefined ? {} : { apiToken: encodeApiToken(options.serverUrl, options.apiKey) }),
  };
}

function childScript(scenario: ConformanceChildScenario): string {
  return conformanceChildScript(scenario, {
    imports: "import { initRun, neptuneInitRun, neptuneRun } from '@tasklens/neptune';",
    options: conformanceInitOptions(scenario.run),
    startRun: 'initRun(options)',
    decorator: '({ apiToken, ...options }) => neptuneInitRun({ ...options, secret: () => apiToken })',
    currentRun: 'neptuneRun()',
    logRow: "run.log('metrics/value', step, { step })",
  });
}

/** The Neptune (1.x protocol) adapter of core's tracker conformance suite. */
export function neptuneConformanceAdapter(): TrackerConformanceAdapter {
  return {
    name: 'neptune',
    startServer: (options) =>
      startConformanceServer(options, (serverOptions) => LegacyTestServer.start(serverOptions), conformanceServer),
    async startRun(options) {
      const run = await initRun(conformanceInitOptions(options));
      // The suite's cases take the server down right after the start to test a live run's
      // delivery and spill; the run connects in the background, so the adapter waits until it
      // exists on the server (the operations logged before still go through the start-up path).
      // Failed handshakes are covered by legacy/background-handshake.test.ts.
      await run.ready();
      return {
        logMetrics: (step, values) => {
          for (const [key, value] of Object.entries(values)) run.log(`metrics/${key}`, value as number, { step });
        },
        logParams: (values) => {
          for (const [key, value] of Object.entries(values)) run.assign(`parameters/${key}`, value);
        },
        get queuedEvents() {
          return run.queuedEvents;
        },
        finish: async () => conformanceStatusOf(await run.stop()),
      };
    },
    readOffline: async (directory) => readOffline(directory),
    async childCommand(scenario, scratch) {
      return conformanceChildCommand(bundleForChild(scratch, childScript(scenario)), scratch);
    },
    async breakSpillLocation(directory) {
      // Offline runs write their run directory, online runs their disk queue: one per directory,
      // created on the turn after the start (polled for, generously).
      const dataDirectory = join(directory, '.neptune');
      const runs = () => [...listOfflineRuns(dataDirectory, 'offline'), ...listOfflineRuns(dataDirectory, 'async')];
      for (let waited = 0; !runs().some((run) => existsSync(join(run, 'data-1.log'))); waited += 10) {
        if (waited > 60_000) throw new Error(`no run directory under ${dataDirectory}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const [run] = runs();
      breakOpenFile(join(run as string, 'data-1.log'));
    },
  };
}
