import { InvalidOptionError } from '@tasklens/core';
import {
  type RetryPolicy,
  registerSecretValue,
  registerTrackerRun,
  retryRequest,
  withWaitingNotice,
} from '@tasklens/core/plugin';
import { setGlobalNeptuneRun } from '../current-run';
import { scaleTrackerRun } from '../neptune-tracker-run';
import { generateRunId } from './generate-run-id';
import { NeptuneScaleRun } from './neptune-scale-run';
import { OfflineScaleSink } from './offline-scale-sink';
import { OnlineScaleSink } from './online-scale-sink';
import { runDatabasePath } from './run-storage-directory';
import { ScaleApiClient } from './scale-api-client';

import type { ScaleSink } from './scale-operation';

/** Options of `createScaleRun()`, `neptune_scale.Run(...)` in camelCase. */
export interface CreateScaleRunOptions {
  /** `workspace/project`; default `NEPTUNE_PROJECT`. */
  project?: string;
  /** API token; default `NEPTUNE_API_TOKEN`. Needed only in `async` mode. */
  apiToken?: string;
  /** Run id, unique in the project (at most 128 bytes); default a generated `run-<ms>-<rand>`. */
  runId?: string;
  /** Experiment to attach the run to; default none. */
  experimentName?: string;
  /** `async` (online), `offline` or `disabled`; default `NEPTUNE_MODE`, else `async`. */
  mode?: 'async' | 'offline' | 'disabled';
  /** Run creation time; default now. */
  creationTime?: Date;
  /** Directory for `<workspace>_<project>_<run>_<ns>/run_operations.sqlite3`; default `NEPTUNE_LOG_DIRECTORY`, else `.neptune`. */
  logDirectory?: string;
  /** Per-request timeout in ms (async mode); default 30000. */
  requestTimeoutMs?: number;
  /** How long connecting may retry before the run is kept offline instead, in ms; default 60000. */
  initTimeoutMs?: number;
  /** Continuous failure after which sending stops and the database is left for sync, in ms; default 120000. */
  offlineDeadlineMs?: number;
  /** Batching delay in ms (async mode); default 1000. */
  flushIntervalMs?: number;
  /** Retry back-off; default 500 ms doubling to 30 s with ±25% jitter. */
  retry?: Partial<RetryPolicy>;
  /**
   * Whether `createScaleRun()` waits for the server's handshake (client config + token exchange)
   * before it returns; default false: the run is usable at once, and a server that cannot be
   * reached or refuses the token leaves it offline for sync with a warning (neptune-scale's own
   * `Run` also connects in its background process). A malformed token is an error either way.
   */
  waitForHandshake?: boolean;
  /** Environment the defaults are read from; default `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
}

const modes: readonly string[] = ['async', 'offline', 'disabled'];

/** Sink of a disabled run: keeps nothing, as neptune-scale's `mode="disabled"`. */
const disabledSink: ScaleSink = {
  databasePath: undefined,
  queuedEvents: 0,
  write: () => {},
  close: async () => ({
    outcome: 'disabled',
    deliveredOperations: 0,
    storedOperations: 0,
    databasePath: undefined,
    warnings: [],
  }),
};

/**
 * `neptune_scale.Run(...)`: creates a Neptune Scale run. Bad options are `InvalidOptionError`s
 * naming the option, as neptune-scale validates them up front.
 */
export async function createScaleRun(options: CreateScaleRunOptions = {}): Promise<NeptuneScaleRun> {
  const environment = options.environment ?? process.env;
  const project = options.project || environment.NEPTUNE_PROJECT;
  if (project === undefined || project === '') {
    throw new InvalidOptionError({ option: 'project', message: 'project must be set (or NEPTUNE_PROJECT)' });
  }
  if (!/^[^/]+\/[^/]+$/.test(project)) {
    throw new InvalidOptionError({
      option: 'project',
      message: `project must look like "workspace/project", got "${project}"`,
    });
  }
  const mode = options.mode || (environment.NEPTUNE_MODE as CreateScaleRunOptions['mode']) || 'async';
  if (!modes.includes(mode)) {
    throw new InvalidOptionError({
      option: 'mode',
      message: `mode must be one of ${modes.join(', ')}, got "${mode}"`,
    });
  }
  const runId = options.runId ?? generateRunId();
  if (runId === '' || Buffer.byteLength(runId) > 128) {
    throw new InvalidOptionError({ option: 'runId', message: 'runId must be 1 to 128 bytes long' });
  }
  const experimentName = options.experimentName;
  if (experimentName !== undefined && (experimentName === '' || experimentName.length > 730)) {
    throw new InvalidOptionError({
      option: 'experimentName',
      message: 'experimentName must be 1 to 730 characters long',
    });
  }
  const apiToken = options.apiToken || environment.NEPTUNE_API_TOKEN;
  if (apiToken !== undefined) registerSecretValue(apiToken);
  if (mode === 'async' && (apiToken === undefined || apiToken === '')) {
    throw new InvalidOptionError({
      option: 'apiToken',
      message: 'apiToken must be set (or NEPTUNE_API_TOKEN) in async mode',
    });
  }
  let sink = disabledSink;
  let url: string | undefined;
  if (mode === 'offline') {
    const logDirectory = options.logDirectory ?? environment.NEPTUNE_LOG_DIRECTORY;
    sink = new OfflineScaleSink(runDatabasePath(project, runId, logDirectory), project, runId);
  } else if (mode === 'async') {
    const logDirectory = options.logDirectory ?? environment.NEPTUNE_LOG_DIRECTORY;
    const databasePath = runDatabasePath(project, runId, logDirectory);
    const client = new ScaleApiClient(apiToken as string, options.requestTimeoutMs ?? 30_000);
    const retry = options.retry === undefined ? {} : { retry: options.retry };
    // In the background: the run is usable at once and stores from the first call (see OnlineScaleSink).
    // Started on the next turn: the first request of a process loads Node's HTTP client (undici),
    // which alone takes longer than the rest of the start.
    const handshake = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      withWaitingNotice(
        'tasklens:neptune',
        retryRequest(() => client.connect(), { deadlineMs: options.initTimeoutMs ?? 60_000, ...retry }),
        { waitingOn: client.applicationUrl, fallbackAfterMs: options.initTimeoutMs ?? 60_000 },
      ),
    );
    const online = new OnlineScaleSink({
      client,
      handshake,
      project,
      runId,
      databasePath,
      flushIntervalMs: options.flushIntervalMs ?? 1000,
      offlineDeadlineMs: options.offlineDeadlineMs ?? 120_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
      ...retry,
    });
    if (options.waitForHandshake === true) await online.ready;
    sink = online;
    url = scaleRunUrl(client.tokenApiUrl, project, runId);
  }
  const run = new NeptuneScaleRun({ runId, project, experimentName, mode, sink, url });
  if (mode !== 'disabled') {
    run.writeCreate({
      kind: 'create',
      runId,
      experimentName,
      creationTime: (options.creationTime ?? new Date()).getTime(),
    });
  }
  setGlobalNeptuneRun(run);
  // Listed in trackers(), the task's Tracking deck and trackingMetadata() until it closes.
  if (mode !== 'disabled') run.whenClosed(registerTrackerRun(scaleTrackerRun(run)));
  return run;
}

/** neptune-scale's `get_run_url()`: the run page on the server the API token names. */
function scaleRunUrl(apiUrl: string, project: string, runId: string): string {
  const [workspace = '', name = ''] = project.split('/', 2);
  // Python's quote_plus: everything but letters, digits and `_.-~` is percent-encoded, space is `+`.
  const plus = (text: string) =>
    encodeURIComponent(text)
      .replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+');
  return `${apiUrl}/${plus(workspace)}/${plus(name)}/-/run/?customId=${plus(runId)}`;
}
