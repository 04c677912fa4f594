import type { TrackerRun } from '@tasklens/core';
import type { NeptuneRun } from './legacy/neptune-run';
import { legacySyncCommand, quoteShellArgument } from './legacy/sync-command';
import type { NeptuneScaleRun } from './scale/neptune-scale-run';

/** Prefix of the fields params fanned out by core's `logParams` go to (Neptune's own convention). */
const parametersNamespace = 'parameters';

/**
 * A Neptune 1.x run as core's vendor-neutral tracker interface sees it (`trackers()`, the Tracking
 * deck, `experiment_tracker_url`). Metrics fanned out by `logMetrics` are appended to the field
 * named by each key (`train/loss`), params are assigned under `parameters/`.
 */
export function legacyTrackerRun(run: NeptuneRun): TrackerRun {
  return {
    provider: 'neptune',
    get runId() {
      return run.id;
    },
    get url() {
      if (run.mode === 'offline' || run.offlineDirectory !== undefined) return undefined;
      return run.consoleUrl ?? run.url;
    },
    get offlinePath() {
      return run.offlineDirectory;
    },
    get syncCommand() {
      return legacySyncCommand(run);
    },
    logMetrics(values, step) {
      for (const [key, value] of Object.entries(values)) {
        run.log(key, value as number | string, step === undefined ? {} : { step });
      }
    },
    logParams(values) {
      for (const [key, value] of Object.entries(values)) run.assign(`${parametersNamespace}/${key}`, value);
    },
    lastMetrics: () => run.lastMetrics(),
  };
}

/**
 * A Neptune Scale run as core's tracker interface sees it. `logMetrics` without a step continues
 * after the last step logged (Scale requires increasing steps); params go to `parameters/<key>`
 * with `logConfigs`.
 */
// biome-ignore format: the parentheses are the compile hint (compiled at import, not in the first start)
export const scaleTrackerRun = (function scaleTrackerRun(run: NeptuneScaleRun): TrackerRun {
  return {
    provider: 'neptune-scale',
    runId: run.runId,
    get url() {
      return run.offlineDatabasePath === undefined ? run.url : undefined;
    },
    get offlinePath() {
      return run.offlineDatabasePath;
    },
    get syncCommand() {
      const path = run.offlineDatabasePath;
      // neptune-scale's CLI (its `neptune` command) syncs one run database.
      return path === undefined ? undefined : `neptune sync ${quoteShellArgument(path)}`;
    },
    logMetrics(values, step) {
      run.logMetrics({ data: values as Record<string, number>, step: step ?? run.nextStep });
    },
    logParams(values) {
      const configs: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(values)) configs[`${parametersNamespace}/${key}`] = value;
      run.logConfigs(configs as Parameters<NeptuneScaleRun['logConfigs']>[0]);
    },
    lastMetrics: () => run.lastMetrics(),
  };
});
