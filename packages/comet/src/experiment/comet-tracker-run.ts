import type { TrackerRun } from '@tasklens/core';
import type { CometExperiment } from './comet-experiment';

/** A Comet experiment as core's vendor-neutral tracker interface sees it (`trackers()`, the Tracking deck). */
// biome-ignore format: parenthesized, V8 compiles it at import (see startExperiment)
export const cometTrackerRun = (function cometTrackerRun(experiment: CometExperiment): TrackerRun {
  return {
    provider: 'comet',
    runId: experiment.key,
    get url() {
      return experiment.url;
    },
    get offlinePath() {
      return experiment.archivePath;
    },
    get syncCommand() {
      return experiment.uploadCommand;
    },
    logMetrics: (values, step) => experiment.logMetrics(values, step === undefined ? {} : { step }),
    logParams: (values) => experiment.logParameters(values),
    lastMetrics: () => experiment.lastMetrics(),
  };
});
