import { InvalidOptionError } from '@tasklens/core';
import {
  createLogger,
  registerSecretValue,
  registerTrackerRun,
  retryRequest,
  withWaitingNotice,
} from '@tasklens/core/plugin';
import { setGlobalNeptuneRun } from '../current-run';
import { resolveNeptuneOptions } from '../neptune-option-declaration';
import { legacyTrackerRun } from '../neptune-tracker-run';
import { decodeApiToken } from './api-token';
import { type InitRunOptions, initRunDeclarations, type ResolvedInitRunOptions } from './init-run-options';
import { type CreatedRun, LegacyApiClient } from './legacy-api-client';
import type { LegacyOperation } from './legacy-operation';
import type { LegacySink } from './legacy-sink';
import { NeptuneRun } from './neptune-run';
import { neptuneDataDirectory, OfflineRunWriter } from './offline-run-writer';
import { OfflineSink } from './offline-sink';
import { OnlineSink } from './online-sink';

const logger = createLogger('tasklens:neptune');

export type { InitRunOptions, NeptuneMode } from './init-run-options';

/** The operations the Python client queues first: name, description, tags, `sys/failed = false`. */
function initialOperations(options: ResolvedInitRunOptions): LegacyOperation[] {
  const tags =
    options.tags === undefined ? [] : typeof options.tags === 'string' ? [options.tags] : [...options.tags];
  const operations: LegacyOperation[] = [
    { type: 'AssignString', path: ['sys', 'name'], value: options.name },
    { type: 'AssignString', path: ['sys', 'description'], value: options.description },
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
export async function initRun(given: InitRunOptions = {}): Promise<NeptuneRun> {
  const environment = given.environment ?? process.env;
  const options = resolveNeptuneOptions(
    initRunDeclarations,
    given,
    environment,
    'initRun',
  ) as ResolvedInitRunOptions;
  const { mode, project, customRunId } = options;
  const dataDirectory = neptuneDataDirectory(options.dataDirectory);
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
  const { apiToken } = options;
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
    requestTimeoutMs: options.requestTimeoutMs,
  });
  const { initTimeoutMs } = options;
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
    flushIntervalMs: options.flushIntervalMs,
    offlineDeadlineMs: options.offlineDeadlineMs,
    pingIntervalMs: options.pingIntervalMs,
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
  if (options.waitForHandshake) await run.ready();
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
