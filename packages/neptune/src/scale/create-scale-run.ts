import { InvalidOptionError } from '@tasklens/core';
import {
  registerSecretValue,
  registerTrackerRun,
  retryRequest,
  withWaitingNotice,
} from '@tasklens/core/plugin';
import { setGlobalNeptuneRun } from '../current-run';
import { resolveNeptuneOptions } from '../neptune-option-declaration';
import { scaleTrackerRun } from '../neptune-tracker-run';
import {
  type CreateScaleRunOptions,
  createScaleRunDeclarations,
  type ResolvedCreateScaleRunOptions,
} from './create-scale-run-options';
import { generateRunId } from './generate-run-id';
import { type NeptuneScaleRun, newScaleRun, whenScaleRunClosed } from './neptune-scale-run';
import { newOfflineScaleSink } from './offline-scale-sink';
import { OnlineScaleSink } from './online-scale-sink';
import { lazyRunDatabasePath } from './run-storage-directory';
import { ScaleApiClient } from './scale-api-client';

import type { ScaleOperation, ScaleSink } from './scale-operation';

export type { CreateScaleRunOptions } from './create-scale-run-options';

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
export function createScaleRun(given: CreateScaleRunOptions = {}): Promise<NeptuneScaleRun> {
  return startScaleRun(given);
}

// An async start's handshake begins on the next turn. Parenthesized, so compiled at import (an arrow
// function is compiled on its first call).
// biome-ignore format: the parentheses are the compile hint
const onNextTurn = (function onNextTurn(resolve: () => void): void {
  setImmediate(resolve);
});

// Every start queues an immediate (the sink opens its database, the run installs its exit hook, an
// async start shakes hands on the next turn). Node compiles its timer and async-id internals on the
// first setImmediate of a process (setImmediate, Immediate, initAsyncResource, newAsyncId, …), about
// a third of a fresh process's offline start: queue and cancel one here, so that happens with the
// import, as the compile hints above move our own compilation there. Nothing stays queued or
// referenced (the cancel unrefs the loop's check handle again).
clearImmediate(setImmediate(onNextTurn, () => {}));

// Parenthesized, as every function the start reaches: V8 compiles it when the package is imported
// (as neptune-scale's bytecode is compiled before its `Run()`), not inside the first start of the
// process. The exported declaration above stays a function, for the API report.
// biome-ignore format: the parentheses are the compile hint
const startScaleRun = (async function startScaleRun(given: CreateScaleRunOptions): Promise<NeptuneScaleRun> {
  const environment = given.environment ?? process.env;
  const options = resolveNeptuneOptions(
    createScaleRunDeclarations,
    given,
    environment,
    'createScaleRun',
  ) as ResolvedCreateScaleRunOptions;
  const { mode, experimentName, apiToken, logDirectory } = options;
  // Checked by its declaration when given; a generated id always fits.
  const runId = options.runId ?? generateRunId();
  const project = options.project as string;
  if (apiToken !== undefined) registerSecretValue(apiToken);
  if (mode === 'async' && apiToken === undefined) {
    throw new InvalidOptionError({
      option: 'apiToken',
      message: 'apiToken must be set (or NEPTUNE_API_TOKEN) in async mode',
    });
  }
  const creation: ScaleOperation = {
    kind: 'create',
    runId,
    experimentName,
    creationTime: options.creationTime?.getTime() ?? Date.now(),
  };
  let sink = disabledSink;
  let url: (() => string) | undefined;
  if (mode === 'offline') {
    // The path (with the start time in its name) is worked out when the database opens, next turn.
    // The sink is made holding the run's creation (its first operation), as written to it.
    sink = newOfflineScaleSink(lazyRunDatabasePath(project, runId, logDirectory), project, runId, creation);
  } else if (mode === 'async') {
    const databasePath = lazyRunDatabasePath(project, runId, logDirectory);
    const client = new ScaleApiClient(apiToken as string, options.requestTimeoutMs);
    const retry = options.retry === undefined ? {} : { retry: options.retry };
    // In the background: the run is usable at once and stores from the first call (see OnlineScaleSink).
    // Started on the next turn: the first request of a process loads Node's HTTP client (undici),
    // which alone takes longer than the rest of the start.
    const handshake = new Promise<void>(onNextTurn).then(() =>
      withWaitingNotice(
        'tasklens:neptune',
        retryRequest(() => client.connect(), { deadlineMs: options.initTimeoutMs, ...retry }),
        { waitingOn: client.applicationUrl, fallbackAfterMs: options.initTimeoutMs },
      ),
    );
    const online = new OnlineScaleSink({
      client,
      handshake,
      project,
      runId,
      databasePath,
      flushIntervalMs: options.flushIntervalMs,
      offlineDeadlineMs: options.offlineDeadlineMs,
      requestTimeoutMs: options.requestTimeoutMs,
      ...retry,
    });
    if (options.waitForHandshake) await online.ready;
    online.write(creation);
    sink = online;
    url = () => scaleRunUrl(client.tokenApiUrl, project, runId);
  }
  const run = newScaleRun({ runId, project, experimentName, mode, sink, url });
  setGlobalNeptuneRun(run);
  // Listed in trackers(), the task's Tracking deck and trackingMetadata() until it closes.
  if (mode !== 'disabled') whenScaleRunClosed(run, registerTrackerRun(scaleTrackerRun(run)));
  return run;
});

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
