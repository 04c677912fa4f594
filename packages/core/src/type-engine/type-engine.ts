import { create, fromBinary } from '@bufbuild/protobuf';
import { TaskInputError } from '../errors/task-input-error';
import {
  type Literal,
  type LiteralMap,
  LiteralMapSchema,
  LiteralSchema,
  type LiteralType,
} from '../protobuf/flyteidl';
import type { FileAccess } from '../storage/file-access';
import { acceptsMissing } from '../types/accepts-missing';
import type { TypeDescriptor, TypeRecord } from '../types/type-descriptor';
import { createBuiltinTransformers } from './builtin-transformers';
import type { LiteralContext, LiteralTransformer } from './literal-transformer';
import { findRegisteredTransformer } from './transformer-registry';

let builtins: Readonly<Record<string, LiteralTransformer>> | undefined;

/** The built-in transformers, created on first use with this engine's conversions for nested values. */
function builtinTransformer(kind: string): LiteralTransformer | undefined {
  builtins ??= createBuiltinTransformers(
    {
      literalTypeOf,
      toLiteral,
      fromLiteral: (literal, descriptor, context) => fromLiteral(literal, descriptor, context),
    },
    transformerFor,
  );
  return builtins[kind];
}

/** The transformer of a descriptor: its own `literal`, else the one registered for its kind, else the built-in one. */
export function transformerFor(descriptor: TypeDescriptor<any>): LiteralTransformer {
  const transformer =
    descriptor.literal ?? findRegisteredTransformer(descriptor.kind) ?? builtinTransformer(descriptor.kind);
  if (transformer === undefined) {
    throw new TaskInputError({
      path: descriptor.kind,
      message: `No literal conversion for type ${descriptor.typeName} (kind ${descriptor.kind}): give the descriptor a \`literal\` transformer or call registerLiteralTransformer('${descriptor.kind}', …)`,
    });
  }
  return transformer;
}

/** The flyteidl `LiteralType` of a descriptor. */
export function literalTypeOf(descriptor: TypeDescriptor<any>): LiteralType {
  return transformerFor(descriptor).literalType(descriptor);
}

/** Converts a native value to a literal, validating it first. */
export async function toLiteral<T>(
  value: T,
  descriptor: TypeDescriptor<T>,
  context: LiteralContext,
): Promise<Literal> {
  const checked = descriptor.validate(value, context.path);
  return transformerFor(descriptor).toLiteral(checked, descriptor, context);
}

/** Follows `offloaded_metadata` references (large literals propeller stored apart) until a real literal. */
export async function resolveOffloadedLiteral(
  literal: Literal,
  fileAccess: FileAccess,
  path: string,
): Promise<Literal> {
  let current = literal;
  for (let depth = 0; current.value.case === 'offloadedMetadata'; depth++) {
    if (depth > 8)
      throw new TaskInputError({ path, message: `${path}: offloaded literal chain is too deep` });
    const { uri } = current.value.value;
    const bytes = await fileAccess.read(uri);
    try {
      current = fromBinary(LiteralSchema, bytes);
    } catch (error) {
      throw new TaskInputError({
        path,
        message: `${path}: offloaded literal at ${uri} is not a valid flyteidl.core.Literal: ${(error as Error).message}`,
        cause: error,
      });
    }
  }
  return current;
}

/** Converts a literal (offloaded or not) to a validated native value. */
export async function fromLiteral<T>(
  literal: Literal,
  descriptor: TypeDescriptor<T>,
  context: LiteralContext,
): Promise<T> {
  const resolved = await resolveOffloadedLiteral(literal, context.fileAccess, context.path);
  const value = await transformerFor(descriptor).fromLiteral(resolved, descriptor, context);
  return descriptor.validate(value, context.path);
}

/**
 * Task inputs from a `LiteralMap` (e.g. inputs.pb). A declared input that is missing takes its
 * default (`types.withDefault`) or `null` when its type accepts it (`types.optional`), as
 * flytekit's defaults do. Names the task does not declare are ignored for inputs, as flytekit
 * ignores them, and refused for outputs.
 */
export async function literalMapToValues(
  map: LiteralMap,
  descriptors: TypeRecord,
  fileAccess: FileAccess,
  label: 'inputs' | 'outputs' = 'inputs',
): Promise<Record<string, unknown>> {
  const singular = label === 'inputs' ? 'input' : 'output';
  for (const name of Object.keys(map.literals)) {
    if (!(name in descriptors) && label === 'outputs') {
      throw new TaskInputError({
        path: `${label}.${name}`,
        message: `Received unexpected ${singular} ${name}; declared ${label}: ${Object.keys(descriptors).join(', ') || '(none)'}`,
      });
    }
  }
  const values: Record<string, unknown> = {};
  for (const [name, descriptor] of Object.entries(descriptors)) {
    const literal = map.literals[name];
    const path = `${label}.${name}`;
    if (literal === undefined && label === 'inputs' && descriptor.default !== undefined) {
      values[name] = descriptor.default.value;
      continue;
    }
    if (literal === undefined && label === 'inputs' && acceptsMissing(descriptor)) {
      values[name] = descriptor.validate(undefined, path);
      continue;
    }
    if (literal === undefined) {
      throw new TaskInputError({
        path,
        message: `Missing ${singular} ${name} (${descriptor.typeName}) in the literal map`,
      });
    }
    values[name] = await fromLiteral(literal, descriptor, { fileAccess, path });
  }
  return values;
}

/** A `LiteralMap` (e.g. outputs.pb) from named values; blobs are uploaded under the raw-output prefix. */
export async function valuesToLiteralMap(
  values: Record<string, unknown>,
  descriptors: TypeRecord,
  fileAccess: FileAccess,
  label: 'inputs' | 'outputs' = 'outputs',
): Promise<LiteralMap> {
  const literals: Record<string, Literal> = {};
  for (const [name, descriptor] of Object.entries(descriptors)) {
    literals[name] = await toLiteral(values[name], descriptor, { fileAccess, path: `${label}.${name}` });
  }
  return create(LiteralMapSchema, { literals });
}
