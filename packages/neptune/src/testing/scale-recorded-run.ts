import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { Step, UpdateRunSnapshot, Value } from '../scale/protobuf/gen/neptune_pb/ingest/v1/common_pb';
import { SET_OPERATION } from '../scale/protobuf/gen/neptune_pb/ingest/v1/common_pb';

/** One metric point as the Scale test server stores it. */
export interface ScalePoint {
  step: number;
  value: number;
  timestamp: Date | undefined;
}

/** A run on the Scale test server. */
export interface ScaleRecordedRun {
  project: string;
  runId: string;
  experimentId: string | undefined;
  creationTime: Date | undefined;
  configs: Map<string, unknown>;
  metrics: Map<string, ScalePoint[]>;
  stringSets: Map<string, Set<string>>;
  /** Points refused because their step was not above the series' last step (retried requests). */
  refusedPoints: number;
}

/** A run nothing has been recorded of yet (the test server's first sight of it, or a database reader's start). */
export function emptyScaleRun(project: string, runId: string): ScaleRecordedRun {
  return {
    project,
    runId,
    experimentId: undefined,
    creationTime: undefined,
    configs: new Map(),
    metrics: new Map(),
    stringSets: new Map(),
    refusedPoints: 0,
  };
}

/** A protobuf `Value` as a plain JS value (int64 → number, timestamp → Date, string set → array). */
export function plainValue(value: Value | undefined): unknown {
  const inner = value?.value;
  switch (inner?.case) {
    case 'int64':
      return Number(inner.value);
    case 'timestamp':
      return timestampDate(inner.value);
    case 'stringSet':
      return [...inner.value.values];
    case undefined:
      return undefined;
    default:
      return inner?.value;
  }
}

function stepNumber(step: Step | undefined): number {
  return step === undefined ? 0 : Number(step.whole) + Number(step.micro) / 1e6;
}

/** Applies one snapshot; metric points must have increasing steps per series, as Neptune Scale requires. */
export function applySnapshot(run: ScaleRecordedRun, snapshot: UpdateRunSnapshot): void {
  for (const [key, value] of Object.entries(snapshot.assign)) run.configs.set(key, plainValue(value));
  const step = stepNumber(snapshot.step);
  const timestamp = snapshot.timestamp === undefined ? undefined : timestampDate(snapshot.timestamp);
  for (const [key, value] of Object.entries(snapshot.append)) {
    const points = run.metrics.get(key) ?? [];
    const last = points.at(-1);
    if (last !== undefined && step <= last.step) {
      run.refusedPoints++;
      continue;
    }
    points.push({ step, value: Number(plainValue(value)), timestamp });
    run.metrics.set(key, points);
  }
  for (const [key, modify] of Object.entries(snapshot.modifySets)) {
    if (modify.type.case !== 'string') continue;
    const set = run.stringSets.get(key) ?? new Set<string>();
    for (const [value, operation] of Object.entries(modify.type.value.values)) {
      if (operation === SET_OPERATION.ADD) set.add(value);
      else if (operation === SET_OPERATION.REMOVE) set.delete(value);
    }
    run.stringSets.set(key, set);
  }
}
