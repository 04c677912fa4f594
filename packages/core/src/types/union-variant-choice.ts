import { TaskInputError } from '../errors/task-input-error';
import type { ListTypeDescriptor, MapTypeDescriptor } from './collection-types';
import type { StructTypeDescriptor } from './struct-type';
import type { TypeDescriptor } from './type-descriptor';
import type { UnionTypeDescriptor } from './union-types';

/** Every variant that accepts `value`, in declaration order, with the value it normalised to. */
export function acceptingVariants(
  variants: readonly TypeDescriptor<any>[],
  value: unknown,
  path: string,
): { variant: TypeDescriptor<any>; value: unknown }[] {
  const matches: { variant: TypeDescriptor<any>; value: unknown }[] = [];
  for (const variant of variants) {
    try {
      matches.push({ variant, value: variant.validate(value, path) });
    } catch (error) {
      if (!(error instanceof TaskInputError)) throw error;
    }
  }
  return matches;
}

/**
 * How many integral numbers in `value` would sit in a float slot of `descriptor`. Python tells
 * `3` from `3.0` and flytekit's float transformer refuses an `int`, so `Union[int, float]` takes
 * `3` as an int; a JavaScript number cannot tell, so an integral number is read as Python's int.
 */
function integersAsFloats(descriptor: TypeDescriptor<any>, value: unknown): number {
  switch (descriptor.kind) {
    case 'float':
      return typeof value === 'number' && Number.isInteger(value) ? 1 : 0;
    case 'list': {
      const items = (descriptor as ListTypeDescriptor<any>).items;
      return Array.isArray(value)
        ? value.reduce((total, item) => total + integersAsFloats(items, item), 0)
        : 0;
    }
    case 'map': {
      const values = (descriptor as MapTypeDescriptor<any>).values;
      return value !== null && typeof value === 'object'
        ? Object.values(value).reduce((total: number, item) => total + integersAsFloats(values, item), 0)
        : 0;
    }
    case 'struct': {
      const fields = (descriptor as StructTypeDescriptor<any>).fields as Record<string, TypeDescriptor<any>>;
      const record = (value ?? {}) as Record<string, unknown>;
      return Object.entries(fields).reduce(
        (total, [name, field]) => total + integersAsFloats(field, record[name]),
        0,
      );
    }
    case 'union': {
      const variants = (descriptor as UnionTypeDescriptor<TypeDescriptor<any>[]>).variants;
      const counts = acceptingVariants(variants, value, '').map(({ variant }) =>
        integersAsFloats(variant, value),
      );
      return counts.length === 0 ? 0 : Math.min(...counts);
    }
    default:
      return 0;
  }
}

/**
 * The variant a union value is written as, chosen as flytekit's `UnionTransformer.to_literal`
 * chooses: the one variant that accepts it; among several, `str` for a string (over enums that
 * list it), else the ones that keep integral numbers as ints (see `integersAsFloats`); if several
 * remain the value is ambiguous, a `TaskInputError` naming the path and the candidates (flytekit
 * raises "Ambiguous choice of variant for union type"). `undefined` when no variant accepts it.
 */
export function chooseUnionVariant(
  variants: readonly TypeDescriptor<any>[],
  value: unknown,
  path: string,
): { variant: TypeDescriptor<any>; value: unknown } | undefined {
  let matches = acceptingVariants(variants, value, path);
  if (matches.length <= 1) return matches[0];
  if (typeof value === 'string') {
    const exact = matches.filter(({ variant }) => variant.kind === 'string');
    if (exact.length === 1) return exact[0];
  }
  const counts = matches.map(({ variant, value: checked }) => integersAsFloats(variant, checked));
  const fewest = Math.min(...counts);
  matches = matches.filter((_, index) => counts[index] === fewest);
  if (matches.length === 1) return matches[0];
  throw new TaskInputError({
    path,
    message: `${path}: ambiguous choice of variant for union type: the value matches ${matches.map(({ variant }) => variant.typeName).join(', ')} (flytekit refuses a value that more than one variant accepts)`,
  });
}
