import { create, toBinary } from '@bufbuild/protobuf';
import { type Timestamp, TimestampSchema } from '@bufbuild/protobuf/wkt';
import { OperationType } from './operations-database';
import {
  FileRefSchema,
  ModifySetSchema,
  ModifyStringSetSchema,
  RunSchema,
  SET_OPERATION,
  StepSchema,
  StringSetSchema,
  UpdateRunSnapshotSchema,
  type Value,
  ValueSchema,
} from './protobuf/gen/neptune_pb/ingest/v1/common_pb';
import type { ScaleConfigValue, ScaleOperation } from './scale-operation';

function timestamp(milliseconds: number): Timestamp {
  const seconds = Math.floor(milliseconds / 1000);
  return create(TimestampSchema, {
    seconds: BigInt(seconds),
    nanos: Math.round((milliseconds - seconds * 1000) * 1e6),
  });
}

/** neptune-scale's `make_step`: whole and millionths, rounded to 6 decimals. */
export function step(number: number) {
  const microTotal = Math.round(number * 1e6);
  const whole = Math.floor(microTotal / 1e6);
  return create(StepSchema, { whole: BigInt(whole), micro: BigInt(microTotal - whole * 1e6) });
}

/** A config value as neptune-scale encodes it (JS integers are int64, other numbers float64). */
function configValue(value: ScaleConfigValue): Value {
  if (typeof value === 'boolean') return create(ValueSchema, { value: { case: 'bool', value } });
  if (typeof value === 'number') {
    return Number.isSafeInteger(value)
      ? create(ValueSchema, { value: { case: 'int64', value: BigInt(value) } })
      : create(ValueSchema, { value: { case: 'float64', value } });
  }
  if (typeof value === 'string') return create(ValueSchema, { value: { case: 'string', value } });
  if (value instanceof Date)
    return create(ValueSchema, { value: { case: 'timestamp', value: timestamp(value.getTime()) } });
  return create(ValueSchema, {
    value: { case: 'stringSet', value: create(StringSetSchema, { values: [...value] }) },
  });
}

/** The `(operation_type, blob)` neptune-scale stores for an operation. */
export function encodeScaleOperation(operation: ScaleOperation): [number, Uint8Array] {
  if (operation.kind === 'create') {
    const run = create(RunSchema, {
      family: operation.runId,
      creationTime: timestamp(operation.creationTime),
      inheritConfigs: true,
      ...(operation.experimentName === undefined ? {} : { experimentId: operation.experimentName }),
    });
    return [OperationType.createRun, toBinary(RunSchema, run)];
  }
  const update = create(UpdateRunSnapshotSchema, { timestamp: timestamp(operation.timestamp) });
  if (operation.step !== undefined) update.step = step(operation.step);
  for (const [key, value] of Object.entries(operation.assign)) update.assign[key] = configValue(value);
  for (const [key, file] of Object.entries(operation.files ?? {})) {
    const fileRef = create(FileRefSchema, {
      path: file.destination,
      mimeType: file.mimeType,
      sizeBytes: BigInt(file.sizeBytes),
    });
    update.assign[key] = create(ValueSchema, { value: { case: 'fileRef', value: fileRef } });
  }
  for (const [key, value] of Object.entries(operation.append)) {
    update.append[key] = create(ValueSchema, { value: { case: 'float64', value } });
  }
  const sets = [
    [operation.addTags, SET_OPERATION.ADD],
    [operation.removeTags, SET_OPERATION.REMOVE],
  ] as const;
  for (const [tags, setOperation] of sets) {
    for (const [key, values] of Object.entries(tags)) {
      const existing = update.modifySets[key]?.type;
      const modify =
        existing?.case === 'string' ? existing.value : create(ModifyStringSetSchema, { values: {} });
      for (const value of values) modify.values[value] = setOperation;
      update.modifySets[key] = create(ModifySetSchema, { type: { case: 'string', value: modify } });
    }
  }
  return [OperationType.updateSnapshot, toBinary(UpdateRunSnapshotSchema, update)];
}
