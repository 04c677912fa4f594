import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ConformanceRow,
  type ConformanceRunView,
  type ConformanceServer,
  type TrackerConformanceAdapter,
} from '@tasklens/core/testing';
import {
  conformanceChildCommand,
  injectedFaultKinds,
  startConformanceServer,
} from '@tasklens/core/testing/conformance';
import type { ExperimentResult } from '../experiment/comet-experiment';
import { start } from '../experiment/start-experiment';
import { readOfflineArchive } from '../offline/read-offline-archive';
import { CometTestServer } from '../testing/comet-test-server';
import type { RecordedMetric } from '../testing/recorded-experiment';
import { fileURLToPath } from 'node:url';
import { bundleForChild } from '../../../../test-support/bundle-for-child';
import { conformanceChildScript, conformanceStartOptions, keyForRun } from './conformance-child-script';

export { keyForRun };

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

/** Clientlib routes whose body carries the API key as `apiKey` (Comet's authentication there, as the SDK sends it). */
const authenticatedRoutes = new Set(['logger/add/run', 'status-report/update', 'tags/add-tags-to-experiment']);

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
    faultsInjected: () => injectedFaultKinds(server.requests),
    // The handshake's and heartbeat's `apiKey` body field is Comet's clientlib authentication (the
    // Python SDK sends it the same way), so it is left out like the header values are.
    transcript: () =>
      server.requests
        .map((request) => {
          const body =
            authenticatedRoutes.has(request.route) &&
            typeof request.body === 'object' &&
            request.body !== null
              ? { ...(request.body as Record<string, unknown>), apiKey: '<authentication>' }
              : request.body;
          return `${request.method} ${request.path}?${new URLSearchParams(request.query)}\n${JSON.stringify(body)}`;
        })
        .join('\n'),
    close: () => server.close(),
  };
}

/**
 * The run as `comet upload` would leave it: what reached Comet online, then the archive. A Comet
 * archive holds only the events that were not delivered (`comet upload` appends it to the
 * experiment the handshake created, resume strategy get_or_create), so for an online run that
 * spilled, "every row exactly once" means the delivered part plus the archive — a row in both
 * would appear twice here and fail the case.
 */
function readOffline(
  directory: string,
  runId: string,
  delivered: CometTestServer | undefined,
): ConformanceRunView | undefined {
  const path = join(directory, `${keyForRun(runId)}.zip`);
  if (!existsSync(path)) return undefined;
  const online = delivered?.experiment(keyForRun(runId));
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
  const onlinePoints = online?.metrics ?? [];
  const onlineParams = Object.fromEntries(
    (online?.parameters ?? []).map((parameter) => [parameter.name, parameter.value]),
  );
  return {
    rows: rowsOf([...onlinePoints, ...points]),
    params: { ...onlineParams, ...params },
    finished: !existsSync(join(directory, `.${keyForRun(runId)}.journal`)),
    exitCode: archive.experiment.customer_error_reported ? 1 : 0,
  };
}

/** The Comet adapter of core's tracker conformance suite (every case; the vendor-CLI halves run in interop). */
export function cometConformanceAdapter(): TrackerConformanceAdapter {
  const servers = new Map<string, CometTestServer>();
  const runServers = new Map<string, string>();
  return {
    name: 'comet',
    startServer: (options) =>
      startConformanceServer(options, (serverOptions) => CometTestServer.start(serverOptions), (server) => {
        servers.set(server.url, server);
        return conformanceServer(server);
      }),
    async startRun(options) {
      if (options.serverUrl !== undefined) runServers.set(options.runId, options.serverUrl);
      // The suite wants online runs registered with the server when startRun resolves.
      const experiment = await start({ ...conformanceStartOptions(options), waitForHandshake: true });
      let result: ExperimentResult | undefined;
      return {
        logMetrics: (step, values) => experiment.logMetrics(values, { step }),
        logParams: (values) => experiment.logParameters(values),
        get queuedEvents() {
          return experiment.queuedEvents;
        },
        async finish() {
          result ??= await experiment.end();
          return {
            outcome: result.outcome === 'offline' ? 'spilled' : result.outcome,
            deliveredEvents: result.deliveredEvents,
            spilledEvents: result.archivedEvents,
            droppedEvents: result.lostEvents,
            offlineReason: result.archivePath === undefined ? undefined : 'offline',
            warnings: result.warnings,
          };
        },
      };
    },
    readOffline: async (directory, runId) => {
      const url = runServers.get(runId);
      return readOffline(directory, runId, url === undefined ? undefined : servers.get(url));
    },
    async childCommand(scenario, scratch) {
      const bundle = bundleForChild({
        directory: scratch,
        packageName: '@tasklens/comet',
        packageEntry: fileURLToPath(new URL('../index.ts', import.meta.url)),
        script: conformanceChildScript(scenario),
      });
      // No ~/.comet.config of the machine's user leaks into the run.
      return conformanceChildCommand(bundle, scratch, { HOME: scratch });
    },
    async breakSpillLocation(directory) {
      // The archive directory becomes a plain file: every write under it fails (ENOTDIR), for
      // root too, as when the volume is gone; the writer already open fails on its next write.
      rmSync(directory, { recursive: true, force: true });
      writeFileSync(directory, '');
    },
  };
}
