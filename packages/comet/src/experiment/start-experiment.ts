import {
  captureConsole,
  createLogger,
  registerTrackerRun,
  retryRequest,
  withWaitingNotice,
} from '@tasklens/core/plugin';
import type { OfflineArchiveWriterOptions } from '../offline/offline-archive-writer';
import { OfflineSink } from '../offline/offline-sink';
import { recoverOfflineArchives } from '../offline/recover-offline-archives';
import { CometApi } from '../online/comet-api';
import { OnlineSink } from '../online/online-sink';
import { type ExperimentSettings, resolveSettings } from '../settings/resolve-settings';
import { CometExperiment } from './comet-experiment';
import { cometTrackerRun } from './comet-tracker-run';
import { runningExperiments } from './current-experiment';
import type { ExperimentSink } from './experiment-sink';
import { newExperimentKey } from './new-experiment-key';
import type { StartOptions } from './start-options';

const logger = createLogger('tasklens:comet');

/**
 * `comet_ml.start()`: starts (or joins) an experiment. Online it creates the experiment with the
 * caller's key through the SDK's handshake, in the background: the experiment is returned at once
 * and logs are queued until Comet answered. When Comet cannot be reached within
 * `handshakeDeadlineMs`, or refuses the experiment, it continues offline into
 * `<offline dir>/<key>.zip`, so an outage never fails the task; `experiment.ready` rejects with an
 * `InvalidOptionError` naming `apiKey` when the key was refused (`waitForHandshake: true` makes
 * `start()` itself reject, as the SDK does). Starting with the key of an experiment still running
 * in this process returns that experiment.
 */
export function start(options: StartOptions = {}): Promise<CometExperiment> {
  return startExperiment(options);
}

// Parenthesized: V8 compiles a parenthesized function expression with the module (at import), not
// on its first call. Python's `start()` runs bytecode compiled before its timer (`.pyc`); this is
// ours. Without it V8 compiles this 2 KB function inside the first `start()` of the process.
// biome-ignore format: the parentheses are the compile hint
const startExperiment = (async function startExperiment(options: StartOptions): Promise<CometExperiment> {
  const settings = resolveSettings(options, options.environment ?? process.env);
  const running = runningExperiments();
  if (settings.experimentKey !== undefined) {
    const same = running.find((experiment) => experiment.key === settings.experimentKey);
    if (same !== undefined) return same;
  }
  const key = settings.experimentKey ?? newExperimentKey();
  // Journals a crashed run left behind become uploadable archives before anything new is written
  // (right before this experiment's journal is created, or after the caller's turn online).
  let recovered = false;
  const recoverEarlierJournals = () => {
    if (recovered) return;
    recovered = true;
    try {
      // This experiment's own journal does not exist yet: a crashed run with the same key is recovered too.
      const others = running
        .filter((experiment) => experiment.key !== key)
        .map((experiment) => experiment.key);
      recoverOfflineArchives(settings.offlineDirectory, new Set(others));
    } catch (error) {
      logger.warn(`could not recover earlier offline journals: ${String(error)}`);
    }
  };
  const archiveOptions = {
    directory: settings.offlineDirectory,
    experimentKey: key,
    workspace: settings.workspace ?? null,
    projectName: settings.projectName ?? null,
    userProvidedKey: settings.experimentKey !== undefined,
    beforeOpen: recoverEarlierJournals,
    checkpointIntervalMs: settings.checkpointIntervalMs,
  };
  let sink: ExperimentSink;
  if (settings.offline) {
    sink = new OfflineSink(archiveOptions);
  } else {
    sink = onlineSink(settings, key, archiveOptions, recoverEarlierJournals);
  }
  let restoreConsole: (() => void) | undefined;
  let unregisterTracker: (() => void) | undefined;
  const experiment = new CometExperiment({
    key,
    workspace: settings.workspace,
    projectName: settings.projectName,
    sink,
    onEnd: (ended) => {
      restoreConsole?.();
      unregisterTracker?.();
      const index = running.indexOf(ended);
      if (index >= 0) running.splice(index, 1);
    },
  });
  running.push(experiment);
  // Lists the experiment in trackers(), the task's Tracking deck and trackingMetadata().
  unregisterTracker = registerTrackerRun(cometTrackerRun(experiment));
  if (settings.experimentName !== undefined) experiment.setName(settings.experimentName);
  if (settings.tags !== undefined) experiment.addTags(settings.tags);
  if (settings.autoOutputLogging) {
    // Comet stores each line with its newline.
    restoreConsole = captureConsole((line, stream) => experiment.logOutput(`${line}\n`, stream === 'stderr'));
  }
  if (settings.waitForHandshake) {
    try {
      await experiment.ready;
    } catch (error) {
      await experiment.end();
      throw error;
    }
  }
  return experiment;
});

/**
 * The online sink and its background handshake; a function of its own so that an offline start
 * never compiles this part (V8 compiles a function's code on its first call).
 */
function onlineSink(
  settings: ExperimentSettings,
  key: string,
  archiveOptions: OfflineArchiveWriterOptions,
  recoverEarlierJournals: () => void,
): OnlineSink {
  const api = new CometApi({
    rootUrl: settings.rootUrl,
    clientlibUrl: settings.clientlibUrl,
    apiKey: settings.apiKey!,
  });
  // The handshake runs in the background (as W&B's init does): logging starts at once and the
  // events wait in the queue until Comet created the experiment. `ready` tells how it went.
  // Sent right after the caller's turn: the first request also loads Node's HTTP client (~100 ms
  // once per process), work that belongs to the background handshake, not to start().
  const handshake = new Promise<void>((resolve) =>
    setImmediate(() => {
      recoverEarlierJournals();
      resolve();
    }),
  ).then(() =>
    // One line if Comet keeps the handshake waiting past 2 s (#15), in the background too.
    withWaitingNotice(
      'tasklens:comet',
      retryRequest(() => api.handshake(key, settings.workspace, settings.projectName), {
        deadlineMs: settings.handshakeDeadlineMs,
      }),
      { waitingOn: settings.clientlibUrl, fallbackAfterMs: settings.handshakeDeadlineMs },
    ),
  );
  return new OnlineSink({
    api,
    experimentKey: key,
    handshake,
    guessedUrl: `${settings.rootUrl}/${settings.workspace ?? '<workspace>'}/${settings.projectName ?? '<project>'}/${key}`,
    archiveOptions,
    tuning: settings.transport,
  });
}
