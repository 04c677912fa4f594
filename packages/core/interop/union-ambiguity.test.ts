import { toJson } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { TaskInputError } from '../src/errors/task-input-error';
import { LiteralTypeSchema } from '../src/protobuf/flyteidl';
import type { FileAccess } from '../src/storage/file-access';
import { toLiteral } from '../src/type-engine/type-engine';
import type { TypeDescriptor } from '../src/types/type-descriptor';
import { types } from '../src/types/types';
import { runOracleScript } from './oracle-python';

type Choice = { stored_type: unknown } | { ambiguous: true } | { error: string };

const point = (name: string) => types.struct(name, { x: types.integer() });

/** Each case: a Python union type and value, and the TypeScript descriptor and value that mean the same. */
const cases: {
  name: string;
  type: string;
  value: string;
  descriptor: TypeDescriptor<any>;
  tsValue: unknown;
}[] = [
  {
    name: 'int over float',
    type: 'typing.Union[int, float]',
    value: '3',
    descriptor: types.union(types.integer(), types.float()),
    tsValue: 3,
  },
  {
    name: 'float over int',
    type: 'typing.Union[int, float]',
    value: '3.5',
    descriptor: types.union(types.integer(), types.float()),
    tsValue: 3.5,
  },
  {
    name: 'float first, int value',
    type: 'typing.Union[float, int]',
    value: '3',
    descriptor: types.union(types.float(), types.integer()),
    tsValue: 3,
  },
  {
    name: 'str over enum',
    type: 'typing.Union[str, Color]',
    value: '"red"',
    descriptor: types.union(types.string(), types.enumeration(['red', 'green'])),
    tsValue: 'red',
  },
  {
    name: 'int or str',
    type: 'typing.Union[int, str]',
    value: '"a"',
    descriptor: types.union(types.integer(), types.string()),
    tsValue: 'a',
  },
  {
    name: 'optional none',
    type: 'typing.Optional[int]',
    value: 'None',
    descriptor: types.optional(types.integer()),
    tsValue: null,
  },
  {
    name: 'optional five',
    type: 'typing.Optional[int]',
    value: '5',
    descriptor: types.optional(types.integer()),
    tsValue: 5,
  },
  {
    name: 'int list over float list',
    type: 'typing.Union[typing.List[int], typing.List[float]]',
    value: '[1, 2]',
    descriptor: types.union(types.list(types.integer()), types.list(types.float())),
    tsValue: [1, 2],
  },
  {
    name: 'float list',
    type: 'typing.Union[typing.List[int], typing.List[float]]',
    value: '[1.5]',
    descriptor: types.union(types.list(types.integer()), types.list(types.float())),
    tsValue: [1.5],
  },
  {
    name: 'empty list: ambiguous',
    type: 'typing.Union[typing.List[int], typing.List[str]]',
    value: '[]',
    descriptor: types.union(types.list(types.integer()), types.list(types.string())),
    tsValue: [],
  },
  {
    name: 'typed or untyped dict: ambiguous',
    type: 'typing.Union[typing.Dict[str, int], dict]',
    value: '{"a": 1}',
    descriptor: types.union(types.map(types.integer()), types.json()),
    tsValue: { a: 1 },
  },
  {
    name: 'same-shaped dataclasses: ambiguous',
    type: 'typing.Union[A, B]',
    value: 'A(x=1)',
    descriptor: types.union(point('A'), point('B')),
    tsValue: { x: 1 },
  },
  {
    name: 'two enums listing it: ambiguous',
    type: 'typing.Union[Color, Shade]',
    value: 'Color.RED',
    descriptor: types.union(types.enumeration(['red', 'green']), types.enumeration(['red', 'blue'])),
    tsValue: 'red',
  },
];

async function ours(descriptor: TypeDescriptor<any>, value: unknown): Promise<Choice> {
  try {
    const literal = await toLiteral(value, descriptor, {
      fileAccess: {} as FileAccess,
      path: 'inputs.value',
    });
    if (literal.value.case !== 'scalar' || literal.value.value.value.case !== 'union')
      return { error: `not a union literal: ${literal.value.case}` };
    return { stored_type: toJson(LiteralTypeSchema, literal.value.value.value.value.type!) };
  } catch (error) {
    if (error instanceof TaskInputError && /ambiguous choice of variant/.test(error.message))
      return { ambiguous: true };
    return { error: String(error) };
  }
}

/** flytekit's UnionTransformer.to_literal picks one variant or raises "Ambiguous choice of variant". */
describe('union values: the variant flytekit would store, or refused as ambiguous', () => {
  it('agrees with flytekit for every case', async () => {
    const theirs = runOracleScript<Record<string, Choice>>(
      'union_oracle.py',
      cases.map(({ name, type, value }) => ({ name, type, value })),
    );
    const compared: Record<string, { ours: Choice; theirs: Choice }> = {};
    for (const { name, descriptor, tsValue } of cases) {
      compared[name] = { ours: await ours(descriptor, tsValue), theirs: theirs[name]! };
    }
    // The dataclass JSON-schema metadata is flytekit's (checked elsewhere); ambiguity is what matters there.
    for (const entry of Object.values(compared))
      expect('error' in entry.theirs, JSON.stringify(entry)).toBe(false);
    const mismatches = Object.entries(compared).filter(
      ([, { ours: mine, theirs: flytekit }]) => JSON.stringify(mine) !== JSON.stringify(flytekit),
    );
    expect(mismatches).toEqual([]);
    expect(Object.values(compared).filter(({ theirs: flytekit }) => 'ambiguous' in flytekit)).toHaveLength(4);
  });
});
