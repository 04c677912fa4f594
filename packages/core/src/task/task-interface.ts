import { TaskInputError } from '../errors/task-input-error';
import { acceptsMissing } from '../types/accepts-missing';
import type { TypeDescriptor, TypeRecord } from '../types/type-descriptor';
import type { TaskOutputs } from './task-options';

/** The Flyte name of a task's single unnamed output. */
export const singleOutputName = 'o0';

/** Output descriptors by their Flyte names. */
export function namedOutputs(outputs: TaskOutputs): TypeRecord {
  if (outputs === undefined) return {};
  if (isDescriptor(outputs)) return { [singleOutputName]: outputs };
  return outputs;
}

export function isDescriptor(value: unknown): value is TypeDescriptor<any> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TypeDescriptor).validate === 'function' &&
    typeof (value as TypeDescriptor).kind === 'string'
  );
}

/**
 * Validates a record of values against descriptors: every declared name present (inputs may omit
 * those with a default or an optional type), no extra names.
 */
export function validateRecord(
  descriptors: TypeRecord,
  values: unknown,
  label: 'inputs' | 'outputs',
  taskName: string,
): Record<string, unknown> {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new TaskInputError({
      path: label,
      message: `${taskName}: ${label} must be an object of named values`,
    });
  }
  const given = values as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [name, descriptor] of Object.entries(descriptors)) {
    if (!(name in given) && label === 'inputs' && descriptor.default !== undefined) {
      result[name] = descriptor.default.value;
      continue;
    }
    if (!(name in given) && !acceptsMissing(descriptor)) {
      throw new TaskInputError({
        path: `${label}.${name}`,
        message: `${taskName}: missing ${label === 'inputs' ? 'input' : 'output'} ${name} (${descriptor.typeName})`,
      });
    }
    result[name] = descriptor.validate(given[name], `${label}.${name}`);
  }
  for (const name of Object.keys(given)) {
    if (!(name in descriptors)) {
      throw new TaskInputError({
        path: `${label}.${name}`,
        message: `${taskName}: unknown ${label === 'inputs' ? 'input' : 'output'} ${name}; declared: ${Object.keys(descriptors).join(', ') || '(none)'}`,
      });
    }
  }
  return result;
}

/** Turns what the user function returned into named outputs. */
export function outputsToRecord(
  outputs: TaskOutputs,
  returned: unknown,
  taskName: string,
): Record<string, unknown> {
  if (outputs === undefined) return {};
  if (isDescriptor(outputs))
    return validateRecord(namedOutputs(outputs), { [singleOutputName]: returned }, 'outputs', taskName);
  return validateRecord(outputs, returned, 'outputs', taskName);
}
