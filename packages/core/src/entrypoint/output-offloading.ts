import { createHash } from 'node:crypto';
import { create, type JsonValue, toBinary, toJson } from '@bufbuild/protobuf';
import { TaskInputError } from '../errors/task-input-error';
import {
  type Literal,
  type LiteralMap,
  LiteralMapSchema,
  LiteralSchema,
  type LiteralType,
} from '../protobuf/flyteidl';
import type { FileAccess } from '../storage/file-access';
import { joinUri } from '../storage/storage-adapter';

/** Literal offloading thresholds from `_F_L_MIN_SIZE_MB` / `_F_L_MAX_SIZE_MB` (enabled only when MIN is set). */
export interface OffloadingSettings {
  minimumBytes: number;
  maximumBytes: number;
}

export function offloadingFromEnvironment(
  environment: Readonly<Record<string, string | undefined>>,
): OffloadingSettings | undefined {
  if (environment._F_L_MIN_SIZE_MB === undefined) return undefined;
  const megabytes = (value: string | undefined, fallback: number) => {
    const parsed = Number.parseInt(value ?? '', 10);
    return (Number.isFinite(parsed) ? parsed : fallback) * 1024 * 1024;
  };
  return {
    minimumBytes: megabytes(environment._F_L_MIN_SIZE_MB, 10),
    maximumBytes: megabytes(environment._F_L_MAX_SIZE_MB, 1000),
  };
}

function stableJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson(value[key]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * flytekit's `compute_hash_string`: base64 SHA-256 of the literal's protobuf JSON with sorted keys.
 * (Float formatting can differ from Python's json.dumps, so hashes of float literals may not match.)
 */
export function literalHash(literal: Literal): string {
  return createHash('sha256')
    .update(stableJson(toJson(LiteralSchema, literal)))
    .digest('base64');
}

/**
 * flytekit's output offloading: an output literal of at least the minimum size is written to
 * `<output prefix>/<name>_offloaded_metadata.pb` and replaced by an `offloaded_metadata` reference
 * (with the interface type and a SHA-256 hash); one above the maximum fails the task.
 */
export async function offloadLargeOutputs(
  outputs: LiteralMap,
  types: Record<string, LiteralType>,
  settings: OffloadingSettings,
  outputPrefix: string,
  fileAccess: FileAccess,
): Promise<LiteralMap> {
  const literals = { ...outputs.literals };
  for (const [name, literal] of Object.entries(outputs.literals)) {
    const bytes = toBinary(LiteralSchema, literal);
    if (bytes.length >= settings.maximumBytes) {
      throw new TaskInputError({
        path: `outputs.${name}`,
        message: `Literal ${name} is too large to be offloaded. Max literal size is ${settings.maximumBytes} whereas the literal size is ${bytes.length} bytes`,
      });
    }
    if (bytes.length < settings.minimumBytes) continue;
    const uri = joinUri(outputPrefix, `${name}_offloaded_metadata.pb`);
    await fileAccess.write(uri, bytes);
    literals[name] = create(LiteralSchema, {
      value: {
        case: 'offloadedMetadata',
        value: { uri, sizeBytes: BigInt(bytes.length), inferredType: types[name] },
      },
      hash: literal.hash !== '' ? literal.hash : literalHash(literal),
    });
  }
  return create(LiteralMapSchema, { literals });
}
