import { TaskInputError } from '../errors/task-input-error';
import { typeMismatch } from './primitive-types';
import type { TypeDescriptor } from './type-descriptor';

export interface EnumTypeDescriptor<Values extends readonly string[]> extends TypeDescriptor<Values[number]> {
  readonly kind: 'enum';
  readonly values: Values;
}

/** One of a fixed list of strings (a Python `enum.Enum` of string values; Flyte's enum type). */
export function enumeration<const Values extends readonly [string, ...string[]]>(
  values: Values,
): EnumTypeDescriptor<Values> {
  if (!Array.isArray(values) || values.length === 0 || values.some((value) => typeof value !== 'string')) {
    throw new TaskInputError({
      path: 'enum',
      message: 'types.enumeration needs a non-empty list of strings',
    });
  }
  const typeName = `enum<${values.map((value) => JSON.stringify(value)).join(' | ')}>`;
  return {
    kind: 'enum',
    values,
    typeName,
    validate(value, path) {
      if (typeof value !== 'string' || !values.includes(value)) typeMismatch(path, typeName, value);
      return value as Values[number];
    },
  };
}
