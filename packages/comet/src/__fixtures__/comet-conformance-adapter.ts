import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ConformanceFaultKind,
  type ConformanceRow,
  type ConformanceRunView,
  type ConformanceServer,
  seededRandom,
  type TrackerConformanceAdapter,
} from '@tasklens/core/testing';
import type { ExperimentResult } from '../experiment/comet-experiment';
import { start } from '../experiment/start-experiment';
import { readOfflineArchive } from '../offline/read-offline-archive';
import { CometTestServer } from '../testing/comet-test-server';
import type { RecordedMetric } from '../testing/recorded-experiment';

/** The suite's run ids (lowercase letters, digits, dashes) as Comet keys (32–50 letters and digits). */
export function keyForRun(runId: string): string {
  return `${runId.replaceAll('-', '')}${'0'.repeat(32)}`.slice(0, Math.max(32, Math.min(50, runId.length)));
}

/** Metric points regrouped into rows: consecutive points of one step, a repeated name starts a new row. */
function rowsOf(points: readonly Pick<RecordedMetric, 'name' | 'value' | 'step'>[]): ConformanceRow[] {
  const rows: { step: number; values: Record<string, unknown> }[] = [];
  for (const point of points) {
    const last = rows.at(-1);
    if (last !== undefined && last.step === point.step && !(point.name in last.values)) last.values[point.name] = point.value;
    else rows.push({ step: point.step ?? 0, values: { [point.name]: point.value } });
  }
  return rows;
}

const faultKinds = new Set<string>(['error', 'rate-limit', 'drop', 'redirect', 'huge-body', 'down']);

function conformanceServer(server: CometTestServer): ConformanceServer {
  return {
    url: server.url,
    // Comet's write API has no idempotency key, so a connection dropped after the server applied
    // a request makes its points arrive twice (documented); the suite's exactly-once check is run
    // with drops before applying only.
    setFaults: (plan) => server.setFaults({ ...plan, dropAfterApplyingShare: 0, pathPattern: /metric|parameter|update-status/ }),
    goDown: (seconds) => (seconds === 0 ? server.comeBack() : server.goDown(seconds)),
    received(runId) {
      const experiment = server.experiment(keyForRun(runId));
      if (experiment === undefined) return undefined;
      const status = server.routed('write/experiment/update-status').filter(
        (request) => (request.body as { experimentKey?: string }).experimentKey === experiment.key,
      );
      const crashed = (status.at(-1)?.body as { hasCrashed?: boolean } | undefined)?.hasCrashed;
      return {
        rows: rowsOf(experiment.metrics),
        params: Object.fromEntries(experiment.parameters.map((parameter) => [parameter.name, parameter.value])),
        finished: experiment.endTimeMillis !== null,
        exitCode: crashed === undefined ? undefined : crashed ? 1 : 0,
      };
    },
    faultsInjected: () =>
      new Set(
        server.requests
          .map((request) => request.outcome as string)
          .filter((outcome) => faultKinds.has(outcome)) as ConformanceFaultKind[],
      ),
    // The handshake's `apiKey` body field is Comet's authentication channel for that call (the
    // Python SDK sends it the same way), so it is left out like the header values are.
    transcript: () =>
      server.requests
        .map((request) => {
          const body =
            request.route === 'logger/add/run' && typeof request.body === 'object' && request.body !== null
              ? { ...(request.body as Record<string, unknown>), apiKey: '<authentication>' }
              : request.body;
          return `${request.method} ${request.path}?${new URLSearchParams(request.query)}\n${JSON.stringify(body)}`;
        })
        .join('\n'),
    close: () => server.close(),
  };
}

function readOffline(directory: string, runId: string): ConformanceRunView | undefined {
  const path = join(directory, `${keyForRun(runId)}.zip`);
  if (!existsSync(path)) return undefined;
  const archive = readOfflineArchive(path);
  const points = archive.messages
    .filter((message) => message.type === 'metric_msg')
    .map((message) => {
      const metric = message.payload.metric as { metricName: string; metricValue: unknown; step: number | null };
      return { name: metric.metricName, value: metric.metricValue, step: metric.step };
    });
  const params: Record<string, unknown> = {};
  for (const message of archive.messages.filter((item) => item.type === 'parameter_msg')) {
    const parameter = (message.payload.param ?? message.payload.params) as { paramName: string; paramValue: unknown };
    params[parameter.paramName] = parameter.paramValue;
  }
  return {
    rows: rowsOf(points),
    params,
    finished: !existsSync(join(directory, `.${keyForRun(runId)}.journal`)),
    exitCode: archive.experiment.customer_error_reported ? 1 : 0,
  };
}

/** The Comet adapter of core's tracker conformance suite (the delivery, secret and value cases). */
export function cometConformanceAdapter(): TrackerConformanceAdapter {
  return {
    name: 'comet',
    async startServer(options) {
      const server = await CometTestServer.start({
        random: seededRandom(options.faults?.seed ?? 7),
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      });
      const wrapped = conformanceServer(server);
      if (options.faults !== undefined) wrapped.setFaults(options.faults);
      return wrapped;
    },
    async startRun(options) {
      const experiment = await start({
        apiKey: options.apiKey,
        offline: options.mode === 'offline',
        urlOverride: options.serverUrl ?? 'http://127.0.0.1:9',
        workspace: 'conformance',
        projectName: 'conformance',
        experimentKey: keyForRun(options.runId),
        offlineDirectory: options.directory,
        environment: { HOME: options.directory },
        checkpointIntervalMs: options.durableFlushMs,
        transport: {
          flushIntervalMs: options.flushIntervalMs,
          retry: options.retry,
          offlineDeadlineMs: options.offlineDeadlineMs,
          handleProcessExit: false,
        },
      });
      let result: ExperimentResult | undefined;
      return {
        logMetrics: (step, values) => experiment.logMetrics(values, { step }),
        logParams: (values) => experiment.logParameters(values),
        get queuedEvents() {
          return 0;
        },
        async finish() {
          result ??= await experiment.end();
          return {
            outcome: result.outcome === 'offline' ? 'spilled' : result.outcome,
            deliveredEvents: result.deliveredEvents,
            spilledEvents: result.archivedEvents,
            droppedEvents: 0,
            offlineReason: result.archivePath === undefined ? undefined : 'offline',
            warnings: result.warnings,
          };
        },
      };
    },
    readOffline: async (directory, runId) => readOffline(directory, runId),
    async childCommand() {
      throw new Error('the Comet adapter does not run the child-process cases yet (kill -9 is covered by crash-safety.test.ts)');
    },
    async breakSpillLocation() {
      throw new Error('the Comet adapter does not run the spill-failure case yet');
    },
  };
}
