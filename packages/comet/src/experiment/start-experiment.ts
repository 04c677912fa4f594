import { randomUUID } from 'node:crypto';
import { ApiCallError } from '@tasklens/core';
import {
  captureConsole,
  createLogger,
  redactSecrets,
  registerTrackerRun,
  retryRequest,
} from '@tasklens/core/plugin';
import { OfflineSink } from '../offline/offline-sink';
import { recoverOfflineArchives } from '../offline/recover-offline-archives';
import { CometApi } from '../online/comet-api';
import { OnlineSink, type TransportTuning } from '../online/online-sink';
import type { ExperimentSettingsInput } from '../settings/experiment-settings-input';
import { resolveSettings } from '../settings/resolve-settings';
import { CometExperiment } from './comet-experiment';
import { cometTrackerRun } from './comet-tracker-run';
import { runningExperiments } from './current-experiment';
import type { ExperimentSink } from './experiment-sink';

const logger = createLogger('tasklens:comet');

/** Options of `start()`: the settings plus client tuning. */
export interface StartOptions extends ExperimentSettingsInput {
  /** Environment to read `COMET_*` from; default `process.env`. */
  environment?: Readonly<Record<string, string | undefined>> | undefined;
  /** How long the handshake may keep failing before the experiment goes offline, in ms; default 30000. */
  handshakeDeadlineMs?: number | undefined;
  /** Delivery tuning (batch size, flush interval, offline deadline, retry back-off); defaults from core's transport. */
  transport?: TransportTuning | undefined;
  /** Offline archive checkpoint interval in ms; default 1000. */
  checkpointIntervalMs?: number | undefined;
}

/**
 * `comet_ml.start()`: starts (or joins) an experiment. Online it creates the experiment with the
 * caller's key through the SDK's handshake; when Comet cannot be reached within
 * `handshakeDeadlineMs` the experiment continues offline into `<offline dir>/<key>.zip`, so an
 * outage never fails the task. Starting with the key of an experiment still running in this
 * process returns that experiment.
 */
export async function start(options: StartOptions = {}): Promise<CometExperiment> {
  const settings = resolveSettings(options, options.environment ?? process.env);
  const running = runningExperiments();
  if (settings.experimentKey !== undefined) {
    const same = running.find((experiment) => experiment.key === settings.experimentKey);
    if (same !== undefined) return same;
  }
  const key = settings.experimentKey ?? randomUUID().replaceAll('-', '');
  const archiveOptions = {
    directory: settings.offlineDirectory,
    experimentKey: key,
    workspace: settings.workspace ?? null,
    projectName: settings.projectName ?? null,
    userProvidedKey: settings.experimentKey !== undefined,
    ...(options.checkpointIntervalMs === undefined
      ? {}
      : { checkpointIntervalMs: options.checkpointIntervalMs }),
  };
  // Journals a crashed run left behind become uploadable archives before anything new is written.
  try {
    recoverOfflineArchives(settings.offlineDirectory, new Set(running.map((experiment) => experiment.key)));
  } catch (error) {
    logger.warn(`could not recover earlier offline journals: ${String(error)}`);
  }
  let sink: ExperimentSink;
  let url = `${settings.rootUrl}/${settings.workspace ?? '<workspace>'}/${settings.projectName ?? '<project>'}/${key}`;
  let workspace = settings.workspace;
  let projectName = settings.projectName;
  if (settings.offline) {
    sink = new OfflineSink(archiveOptions);
  } else {
    const api = new CometApi({
      rootUrl: settings.rootUrl,
      clientlibUrl: settings.clientlibUrl,
      apiKey: settings.apiKey!,
    });
    try {
      const handshake = await retryRequest(
        () => api.handshake(key, settings.workspace, settings.projectName),
        {
          deadlineMs: options.handshakeDeadlineMs ?? 30_000,
        },
      );
      workspace = handshake.workspace ?? workspace;
      projectName = handshake.projectName ?? projectName;
      if (handshake.focusUrl !== null) url = `${handshake.focusUrl.replace(/\/?$/, '/')}${key}`;
      sink = new OnlineSink(api, key, archiveOptions, options.transport);
      const startTimeMillis = Date.now();
      void api
        .rest('write/experiment/set-start-end-time', { experimentKey: key, startTimeMillis })
        .catch((error) => {
          logger.warn(`Comet did not record the start time: ${String(error)}`);
        });
    } catch (error) {
      if (ApiCallError.isInstance(error) && !error.isRetryable) throw error;
      logger.warn(
        redactSecrets(
          `Comet is unreachable (${String(error)}); the experiment continues offline in ${archiveOptions.directory}`,
        ),
      );
      sink = new OfflineSink(archiveOptions);
    }
  }
  let restoreConsole: (() => void) | undefined;
  let unregisterTracker: (() => void) | undefined;
  const experiment = new CometExperiment({
    key,
    url,
    workspace,
    projectName,
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
  if (options.experimentName !== undefined) experiment.setName(options.experimentName);
  if (options.tags !== undefined) experiment.addTags(options.tags);
  if (settings.autoOutputLogging) {
    // Comet stores each line with its newline.
    restoreConsole = captureConsole((line, stream) => experiment.logOutput(`${line}\n`, stream === 'stderr'));
  }
  return experiment;
}
