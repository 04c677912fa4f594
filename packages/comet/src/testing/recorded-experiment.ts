/** A metric point as the server received it. */
export interface RecordedMetric {
  name: string;
  value: unknown;
  step: number | null;
  epoch: number | null;
  context: string | null;
  timestamp: number | null;
}

/** An uploaded asset. */
export interface RecordedAsset {
  fileName: string;
  type: string;
  bytes: Buffer;
  step: number | null;
  context: string | null;
  metadata: unknown;
}

/** Everything the server holds for one experiment, in arrival order. */
export interface RecordedExperiment {
  key: string;
  workspace: string | null;
  projectName: string | null;
  /** Handshakes (`logger/add/run`) and REST creates that named this key. */
  creations: number;
  /** True when the experiment was created by `comet upload` (handshake with `offline: true`). */
  offline: boolean;
  metrics: RecordedMetric[];
  parameters: { name: string; value: unknown; step: number | null }[];
  /** `log-other` key/value pairs in order (the `Name` other is the display name). */
  others: { key: string; value: unknown }[];
  tags: string[];
  html: string[];
  output: { output: string; stderr: boolean }[];
  assets: RecordedAsset[];
  heartbeats: number;
  /** `write/experiment/update-status` calls in order (the last one is how the experiment ended). */
  statuses: { isAlive: boolean; hasCrashed: boolean; error: string | null }[];
  startTimeMillis: number | null;
  endTimeMillis: number | null;
}

export function newRecordedExperiment(
  key: string,
  workspace: string | null,
  projectName: string | null,
): RecordedExperiment {
  return {
    key,
    workspace,
    projectName,
    creations: 0,
    offline: false,
    metrics: [],
    parameters: [],
    others: [],
    tags: [],
    html: [],
    output: [],
    assets: [],
    heartbeats: 0,
    statuses: [],
    startTimeMillis: null,
    endTimeMillis: null,
  };
}

/** The last value of each other (what the Comet UI shows). */
export function othersOf(experiment: RecordedExperiment): Record<string, unknown> {
  return Object.fromEntries(experiment.others.map(({ key, value }) => [key, value]));
}
