import { InvalidOptionError } from '@tasklens/core';
import {
  createLogger,
  type RetryPolicy,
  registerSecretValue,
  registerTrackerRun,
  retryRequest,
  withWaitingNotice,
} from '@tasklens/core/plugin';
import { setGlobalNeptuneRun } from '../current-run';
import { legacyTrackerRun } from '../neptune-tracker-run';
import { decodeApiToken } from './api-token';
import { type CreatedRun, LegacyApiClient } from './legacy-api-client';
import type { LegacyOperation } from './legacy-operation';
import type { LegacySink } from './legacy-sink';
import { NeptuneRun } from './neptune-run';
import { neptuneDataDirectory, OfflineRunWriter } from './offline-run-writer';
import { OfflineSink } from './offline-sink';
import { OnlineSink } from './online-sink';

const logger = createLogger('tasklens:neptune');

/** The 1.x client's connection modes (`read-only` is not supported for writing runs). */
export type NeptuneMode = 'async' | 'sync' | 'offline' | 'debug';

/** Options of `initRun()`, `neptune.init_run()` in camelCase. */
export interface InitRunOptions {
  /** `workspace/project`; default `NEPTUNE_PROJECT`. */
  project?: string;
  /** API token (base64 JSON naming the server); default `NEPTUNE_API_TOKEN`. Not needed offline. */
  apiToken?: string;
  /** `async` (online), `sync` (online, same as async here), `offline` or `debug`; default `NEPTUNE_MODE`, else `async`. */
  mode?: NeptuneMode;
  /** Run identifier shared by every process of a distributed job (at most 36 characters); default `NEPTUNE_CUSTOM_RUN_ID`. */
  customRunId?: string;
  /** `sys/name`; default `Untitled`. */
  name?: string;
  /** `sys/description`; default empty. */
  description?: string;
  /** Initial `sys/tags`; default none. */
  tags?: string | readonly string[];
  /** Directory holding `.neptune`; default `NEPTUNE_DATA_DIRECTORY`, else the working directory. */
  dataDirectory?: string;
  /** Environment the defaults are read from; default `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Per-request timeout in ms; default 30000. */
  requestTimeoutMs?: number;
  /** How long connecting may retry before the run falls back to offline, in ms; default 60000. */
  initTimeoutMs?: number;
  /** Continuous failure after which a live run spills to disk, in ms; default 120000. */
  offlineDeadlineMs?: number;
  /** Batching delay for operations, in ms; default 1000. */
  flushIntervalMs?: number;
  /** Ping interval, in ms; default 10000. */
  pingIntervalMs?: number;
  /** Retry back-off; default 500 ms doubling to 30 s with ±25% jitter. */
  retry?: Partial<RetryPolicy>;
  /**
   * Wait in `initRun()` until the server created the run (or the run was kept offline), as the
   * Python client does; default false: the run is returned at once and connects in the background.
   */
  waitForHandshake?: boolean;
}

const modes: readonly string[] = ['async', 'sync', 'offline', 'debug'];

/** The operations the Python client queues first: name, description, tags, `sys/failed = false`. */
function initialOperations(options: InitRunOptions): LegacyOperation[] {
  const tags =
    options.tags === undefined ? [] : typeof options.tags === 'string' ? [options.tags] : [...options.tags];
  const operations: LegacyOperation[] = [
    { type: 'AssignString', path: ['sys', 'name'], value: options.name ?? 'Untitled' },
    { type: 'AssignString', path: ['sys', 'description'], value: options.description ?? '' },
  ];
  if (tags.length > 0) operations.push({ type: 'AddStrings', path: ['sys', 'tags'], values: tags });
  operations.push({ type: 'AssignBool', path: ['sys', 'failed'], value: false });
  return operations;
}

/**
 * `neptune.init_run()`: a run on a self-hosted Neptune 2.x server (async mode), or an offline run
 * directory for `neptune sync`. Online, the run is returned before the server answered (unless
 * `waitForHandshake`) and connects in the background; if the server cannot be reached within
 * `initTimeoutMs` or refuses the token, the run is kept offline instead (with a warning) so the
 * task is never failed by the tracker. A malformed token is an `InvalidOptionError` at once.
 */
export async function initRun(options: InitRunOptions = {}): Promise<NeptuneRun> {
  const environment = options.environment ?? process.env;
  const mode = options.mode ?? (environment.NEPTUNE_MODE as NeptuneMode | undefined) ?? 'async';
  if (!modes.includes(mode)) {
    throw new InvalidOptionError({
      option: 'mode',
      message: `mode must be one of ${modes.join(', ')}, got "${mode}"`,
    });
  }
  const project = options.project ?? environment.NEPTUNE_PROJECT;
  if (project !== undefined && !/^[^/]+\/[^/]+$/.test(project)) {
    throw new InvalidOptionError({
      option: 'project',
      message: `project must look like "workspace/project", got "${project}"`,
    });
  }
  let customRunId = options.customRunId ?? environment.NEPTUNE_CUSTOM_RUN_ID;
  if (customRunId !== undefined && customRunId.length > 36) {
    logger.warn(
      'customRunId is longer than 36 characters and was ignored (a new run is created), as the Neptune client does',
    );
    customRunId = undefined;
  }
  const dataDirectory = neptuneDataDirectory(environment, options.dataDirectory);
  const first = initialOperations(options);

  if (mode === 'debug') {
    const sink: LegacySink = {
      queuedEvents: 0,
      directory: undefined,
      write: () => {},
      close: async () => ({
        outcome: 'delivered',
        deliveredOperations: 0,
        storedOperations: 0,
        directory: undefined,
        warnings: [],
      }),
    };
    return started(new NeptuneRun({ sink, mode, containerId: 'debug', id: 'debug', url: undefined }), first);
  }
  if (mode === 'offline') return offlineRun(dataDirectory, first, project);

  if (project === undefined) {
    throw new InvalidOptionError({
      option: 'project',
      message: 'project must be set (or NEPTUNE_PROJECT) for an online run',
    });
  }
  const apiToken = options.apiToken ?? environment.NEPTUNE_API_TOKEN;
  if (apiToken === undefined || apiToken === '') {
    throw new InvalidOptionError({
      option: 'apiToken',
      message: 'apiToken must be set (or NEPTUNE_API_TOKEN) for an online run',
    });
  }
  registerSecretValue(apiToken);
  const decoded = decodeApiToken(apiToken);
  const client = new LegacyApiClient({
    token: apiToken,
    decoded,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
  });
  const initTimeoutMs = options.initTimeoutMs ?? 60_000;
  let created: CreatedRun | undefined;
  // In the background, started on the next turn: the run is usable at once and its operations
  // are on disk from the first call (see OnlineSink); the first request of a process also loads
  // Node's HTTP client, which alone takes longer than the rest of the start.
  const handshake = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
    const creating = retryRequest(
      async () => {
        await client.connect();
        const projectId = (await client.getProject(project)).id;
        return client.createRun(projectId, customRunId);
      },
      { deadlineMs: initTimeoutMs, ...(options.retry === undefined ? {} : { retry: options.retry }) },
    );
    created = await withWaitingNotice('tasklens:neptune', creating, {
      waitingOn: decoded.apiAddress,
      fallbackAfterMs: initTimeoutMs,
    });
    return created.id;
  });
  const sink = new OnlineSink({
    client,
    handshake,
    dataDirectory,
    flushIntervalMs: options.flushIntervalMs ?? 1000,
    offlineDeadlineMs: options.offlineDeadlineMs ?? 120_000,
    pingIntervalMs: options.pingIntervalMs ?? 10_000,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  });
  const run = new NeptuneRun({
    sink,
    mode,
    containerId: sink.containerId,
    id: `offline/${sink.containerId}`,
    url: undefined,
    project,
    ready: sink.ready.then((online) => {
      if (online && created !== undefined) {
        const url = `${client.applicationUrl}/${created.organizationName}/${created.projectName}/e/${created.shortId}`;
        logger.info(`Neptune run: ${url}`);
        run.identify({ mode, containerId: created.id, id: created.shortId, url });
      } else {
        run.identify({
          mode: 'offline',
          containerId: sink.containerId,
          id: `offline/${sink.containerId}`,
          url: undefined,
        });
      }
      return online;
    }),
  });
  started(run, first);
  if (options.waitForHandshake === true) await run.ready();
  return run;
}

function offlineRun(
  dataDirectory: string,
  first: LegacyOperation[],
  project: string | undefined,
): NeptuneRun {
  // Created on the next turn: the start of the run does no file-system work.
  const writer = new OfflineRunWriter({ dataDirectory, kind: 'offline', deferOpen: true });
  const run = new NeptuneRun({
    sink: new OfflineSink(writer),
    mode: 'offline',
    containerId: writer.containerId,
    id: `offline/${writer.containerId}`,
    url: undefined,
    project,
  });
  return started(run, first);
}

function started(run: NeptuneRun, first: LegacyOperation[]): NeptuneRun {
  run.writeInitial(first);
  setGlobalNeptuneRun(run);
  // Listed in trackers(), the task's Tracking deck and trackingMetadata() until it stops.
  if (run.mode !== 'debug') run.whenStopped(registerTrackerRun(legacyTrackerRun(run)));
  return run;
}
