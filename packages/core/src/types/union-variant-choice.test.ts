import { describe, expect, it } from 'vitest';
import { TaskInputError } from '../errors/task-input-error';
import { types } from './types';
import { chooseUnionVariant } from './union-variant-choice';

const chosen = (variants: Parameters<typeof chooseUnionVariant>[0], value: unknown) =>
  chooseUnionVariant(variants, value, 'inputs.value')?.variant.typeName;

describe('chooseUnionVariant (flytekit UnionTransformer.to_literal; oracle: interop/union-ambiguity.test.ts)', () => {
  it('takes the one accepting variant; an integral number as int, a string as str over an enum', () => {
    expect(chosen([types.integer(), types.string()], 'a')).toBe('string');
    expect(chosen([types.float(), types.integer()], 3)).toBe('integer');
    expect(chosen([types.integer(), types.float()], 3.5)).toBe('float');
    expect(chosen([types.list(types.float()), types.list(types.integer())], [1, 2])).toBe('list<integer>');
    expect(chosen([types.enumeration(['red']), types.string()], 'red')).toBe('string');
    expect(chosen([types.integer(), types.string()], true)).toBeUndefined();
  });

  it('refuses a value several variants accept equally, naming the path and the variants', () => {
    const ambiguous = () =>
      chooseUnionVariant([types.list(types.integer()), types.list(types.string())], [], 'inputs.xs');
    expect(ambiguous).toThrow(TaskInputError);
    expect(ambiguous).toThrow(
      'inputs.xs: ambiguous choice of variant for union type: the value matches list<integer>, list<string>',
    );
  });
});
