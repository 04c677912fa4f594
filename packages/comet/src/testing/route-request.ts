import { type ArtifactRouteServer, routeArtifactRequest } from './artifact-routes';
import type { FormPart } from './multipart-form';
import { othersOf, type RecordedExperiment } from './recorded-experiment';
import type { RecordedRequest } from './recorded-request';

/** What routing needs of the test server (structural, so this file does not import the server). */
export interface CometRouteServer extends ArtifactRouteServer {
  readonly url: string;
  experiment(key: string): RecordedExperiment | undefined;
  experimentFor(key: string, workspace?: string | null, projectName?: string | null): RecordedExperiment;
  newKey(): string;
  /** What `status-report/update` answers as `is_alive_beat_duration_millis`. */
  readonly heartbeatIntervalMs: number;
}

export interface CometRoute {
  record: RecordedRequest;
  form: FormPart[] | undefined;
  server: CometRouteServer;
}

type Answer = { status: number; body: unknown };
type Body = Record<string, any>;

const saved: Answer = { status: 200, body: { msg: 'Saved' } };
const heartbeat = {
  gpuMonitorIntervalMillis: 60_000,
  cpuMonitorIntervalMillis: 60_000,
};

const numberOrNull = (value: unknown): number | null =>
  value === undefined || value === null || value === '' ? null : Number(value);
const stringOrNull = (value: unknown): string | null =>
  value === undefined || value === null || value === '' ? null : String(value);

/** Answers one request and applies it to the recorded experiments. */
export function routeRequest({ record, form, server }: CometRoute): Answer {
  const body = (typeof record.body === 'object' && record.body !== null ? record.body : {}) as Body;
  const key = String(
    body.experimentKey ??
      body.experiment_key ??
      record.query.experimentKey ??
      record.query.experimentId ??
      '',
  );
  const experiment = (): RecordedExperiment => server.experimentFor(key);
  const artifactAnswer = routeArtifactRequest(record, body, form, server);
  if (artifactAnswer !== undefined) return artifactAnswer;
  switch (record.route) {
    case 'logger/add/run':
      return handshake(server, body);
    case 'logger/get/run': {
      const existing = server.experiment(String(body.previousExperiment ?? ''));
      if (existing === undefined)
        return { status: 400, body: { msg: 'experiment not found', sdk_error_code: 90998 } };
      return { status: 200, body: handshakeBody(server, existing) };
    }
    case 'write/experiment/create': {
      const created = server.experimentFor(server.newKey(), body.workspaceName, body.projectName);
      created.creations++;
      if (body.experimentName) created.others.push({ key: 'Name', value: body.experimentName });
      return {
        status: 200,
        body: {
          experimentKey: created.key,
          workspaceName: created.workspace,
          projectName: created.projectName,
          link: `${server.url}/${created.workspace}/${created.projectName}/${created.key}`,
        },
      };
    }
    case 'status-report/update':
      experiment().heartbeats++;
      // The SDK's last status report (`is_alive: false`) is how an online experiment ends.
      if (body.is_alive === false)
        experiment().endTimeMillis = numberOrNull(body.local_timestamp) ?? Date.now();
      return {
        status: 200,
        body: {
          is_alive_beat_duration_millis: server.heartbeatIntervalMs,
          gpu_monitor_interval_millis: heartbeat.gpuMonitorIntervalMillis,
          cpu_monitor_interval_millis: heartbeat.cpuMonitorIntervalMillis,
          pending_rpcs: false,
        },
      };
    case 'write/experiment/set-status':
      experiment().heartbeats++;
      return { status: 200, body: { ...heartbeat, isAliveBeatDurationMillis: server.heartbeatIntervalMs } };
    case 'batch/logger/experiment/metric':
      for (const value of (body.values ?? []) as Body[]) addMetric(experiment(), value);
      return { status: 200, body: {} };
    case 'write/experiment/metric':
      addMetric(experiment(), body);
      return saved;
    case 'batch/logger/experiment/parameter':
      for (const value of (body.values ?? []) as Body[]) addParameter(experiment(), value);
      return { status: 200, body: {} };
    case 'write/experiment/parameter':
      addParameter(experiment(), body);
      return saved;
    case 'write/experiment/log-other':
      experiment().others.push({ key: String(body.key), value: body.value });
      return saved;
    case 'tags/add-tags-to-experiment':
    case 'write/experiment/tags':
      for (const tag of (body.addedTags ?? body.tags ?? []) as string[]) {
        if (!experiment().tags.includes(tag)) experiment().tags.push(tag);
      }
      return saved;
    case 'write/experiment/html':
      if (body.override) experiment().html.length = 0;
      experiment().html.push(String(body.html ?? ''));
      return saved;
    case 'write/experiment/output':
      for (const line of (body.outputLines ?? []) as Body[]) {
        experiment().output.push({ output: String(line.output ?? ''), stderr: Boolean(line.stderr) });
      }
      return saved;
    case 'asset/upload':
    case 'write/experiment/upload-asset': {
      const file = form?.find((part) => part.name === 'file');
      const metadata = form?.find((part) => part.name === 'metadata');
      experiment().assets.push({
        fileName: record.query.fileName ?? file?.fileName ?? 'unnamed',
        type: record.query.type ?? 'asset',
        bytes: file?.data ?? Buffer.alloc(0),
        step: numberOrNull(record.query.step),
        context: stringOrNull(record.query.context),
        metadata: metadata === undefined ? null : safeJson(metadata.data.toString('utf8')),
      });
      return { status: 200, body: { msg: 'Saved' } };
    }
    case 'write/experiment/update-status':
      experiment().statuses.push({
        isAlive: Boolean(body.isAlive),
        hasCrashed: Boolean(body.hasCrashed),
        error: stringOrNull(body.error),
      });
      return saved;
    case 'write/experiment/set-start-end-time':
    case 'status-report/offline-metadata': {
      const target = experiment();
      const start = numberOrNull(body.startTimeMillis ?? body.startTimestamp);
      const end = numberOrNull(body.endTimeMillis ?? body.endTimestamp);
      if (start !== null) target.startTimeMillis = start;
      if (end !== null) target.endTimeMillis = end;
      return saved;
    }
    case 'experiment/metadata': {
      const found = server.experiment(key);
      if (found === undefined) return { status: 400, body: { msg: 'experiment not found' } };
      return {
        status: 200,
        body: {
          experimentKey: found.key,
          experimentName: othersOf(found).Name ?? null,
          projectName: found.projectName,
          workspaceName: found.workspace,
          running: found.endTimeMillis === null,
          archived: false,
        },
      };
    }
    case 'asset/3d-limits':
    case 'notification/experiment':
    case 'notify/event':
      return { status: 200, body: {} };
    case 'health/ping':
    case 'isAlive/ver':
      return { status: 200, body: { msg: 'OK', version: '3.0.0' } };
    default:
      record.unknownRoute = true;
      return { status: 200, body: {} };
  }
}

function handshake(server: CometRouteServer, body: Body): Answer {
  const key = String(body.experimentKey ?? server.newKey());
  const existing = server.experiment(key);
  if (existing !== undefined && existing.creations > 0 && !body.getOrCreateEnabled) {
    return { status: 400, body: { msg: 'experiment already exists', sdk_error_code: 90999 } };
  }
  const experiment = server.experimentFor(key, body.teamName ?? body.workspace, body.projectName);
  if (body.teamName) experiment.workspace = body.teamName;
  if (body.projectName) experiment.projectName = body.projectName;
  experiment.creations++;
  experiment.offline = Boolean(body.offline);
  // Comet takes the handshake as the experiment's start.
  experiment.startTimeMillis ??= numberOrNull(body.local_timestamp) ?? Date.now();
  return { status: 200, body: handshakeBody(server, experiment) };
}

function handshakeBody(server: CometRouteServer, experiment: RecordedExperiment): Body {
  return {
    runId: `run-${experiment.key.slice(0, 8)}`,
    experimentKey: experiment.key,
    project_id: `project-${experiment.projectName}`,
    projectName: experiment.projectName,
    workspaceName: experiment.workspace,
    focusUrl: `${server.url}/${experiment.workspace}/${experiment.projectName}/`,
    featureToggles: [{ name: 'sdk_use_http_messages', enabled: true }],
    ws_url: 'ws://127.0.0.1:9/unused',
    lastOffset: 0,
    githubEnabled: false,
    name: null,
  };
}

function addMetric(experiment: RecordedExperiment, value: Body): void {
  experiment.metrics.push({
    name: String(value.metricName),
    value: value.metricValue,
    step: numberOrNull(value.step),
    epoch: numberOrNull(value.epoch),
    context: stringOrNull(value.context),
    timestamp: numberOrNull(value.timestamp),
  });
}

function addParameter(experiment: RecordedExperiment, value: Body): void {
  experiment.parameters.push({
    name: String(value.parameterName ?? value.paramName),
    value: value.parameterValue ?? value.paramValue,
    step: numberOrNull(value.step),
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
