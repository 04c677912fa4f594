import { TaskInputError } from '../errors/task-input-error';
import { none } from './primitive-types';
import type { InferType, TypeDescriptor } from './type-descriptor';

export interface UnionTypeDescriptor<Variants extends readonly TypeDescriptor<any>[]>
  extends TypeDescriptor<InferType<Variants[number]>> {
  readonly kind: 'union';
  readonly variants: Variants;
}

/** The variant of `descriptor` that accepts `value` (the first in declaration order), with the value it normalised to. */
export function matchVariant(
  variants: readonly TypeDescriptor<any>[],
  value: unknown,
  path: string,
): { variant: TypeDescriptor<any>; value: unknown } | undefined {
  for (const variant of variants) {
    try {
      return { variant, value: variant.validate(value, path) };
    } catch (error) {
      if (!(error instanceof TaskInputError)) throw error;
    }
  }
  return undefined;
}

/**
 * A value of one of several types (Python `typing.Union`, flytekit's union literal with the
 * variant's tag). Any value a variant accepts is valid; when it is written, the variant is chosen
 * as flytekit chooses it, and a value several variants accept equally (e.g. `[]` for
 * `union(list(integer()), list(string()))`) is refused as ambiguous, as flytekit refuses it.
 */
export function union<const Variants extends readonly TypeDescriptor<any>[]>(
  ...variants: Variants
): UnionTypeDescriptor<Variants> {
  if (variants.length < 2) {
    throw new TaskInputError({ path: 'union', message: 'types.union needs at least two variant types' });
  }
  const typeName = `union<${variants.map((variant) => variant.typeName).join(' | ')}>`;
  return {
    kind: 'union',
    variants,
    typeName,
    validate(value, path) {
      const match = matchVariant(variants, value, path);
      if (match === undefined) {
        throw new TaskInputError({
          path,
          message: `${path} must be one of ${variants.map((variant) => variant.typeName).join(', ')}`,
        });
      }
      return match.value as InferType<Variants[number]>;
    },
  };
}

/** A value or `null` (Python `Optional[T]`); `undefined` is accepted and becomes `null`. */
export function optional<Value extends TypeDescriptor<any>>(
  value: Value,
): UnionTypeDescriptor<readonly [Value, TypeDescriptor<null>]> {
  return { ...union(value, none()), typeName: `optional<${value.typeName}>` };
}
