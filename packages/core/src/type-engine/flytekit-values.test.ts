import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, fromBinary, toBinary, toJson } from '@bufbuild/protobuf';
import { DurationSchema, TimestampSchema } from '@bufbuild/protobuf/wkt';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { TaskInputError } from '../errors/task-input-error';
import { type Literal, LiteralMapSchema, LiteralSchema, LiteralTypeSchema } from '../protobuf/flyteidl';
import { FileAccess } from '../storage/file-access';
import { PreciseDate } from '../types/precise-date';
import type { PreciseDuration } from '../types/precise-duration';
import type { InferType, TypeDescriptor } from '../types/type-descriptor';
import { types } from '../types/types';
import { primitiveLiteral, scalarLiteral } from './literal-builders';
import { decodeMessagePack } from './msgpack-decode';
import { encodeMessagePack } from './msgpack-encode';
import { fromLiteral, literalMapToValues, literalTypeOf, toLiteral } from './type-engine';

// Byte vectors and literal types below were printed by flytekit 1.16.31 (TypeEngine.to_literal /
// to_literal_type in the pinned oracle venv); see packages/core/interop/python/values_oracle.py.
const pythonDictHex =
  '87a16e03a166cb4008000000000000a173a178a16c9301cb4004000000000000c0a162c3a3626967cf7fffffffffffffffa36e6567d38000000000000000';
const pythonDataclassHex =
  '89a16101a166cb4008000000000000a47768656ed920323032302d30312d30315430313a30313a35392e3132333435362b30303a3030a477616974cb3ff8000000000000a5636f6c6f72a3726564a47461677391a161a16d81a16b01a5696e6e657281a178cb4000000000000000a16f05';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

function context(path = 'inputs.x') {
  const root = mkdtempSync(join(tmpdir(), 'tasklens-values-'));
  return {
    fileAccess: new FileAccess({ rawOutputPrefix: `file://${root}/raw`, localDirectory: root }),
    path,
  };
}

const wire = (literal: Literal) => fromBinary(LiteralSchema, toBinary(LiteralSchema, literal));
const literalTypeJson = (descriptor: TypeDescriptor<any>) =>
  toJson(LiteralTypeSchema, literalTypeOf(descriptor));

async function echo<T>(descriptor: TypeDescriptor<T>, literal: Literal): Promise<Literal> {
  const value = await fromLiteral(wire(literal), descriptor, context());
  return wire(await toLiteral(value, descriptor, context('outputs.x')));
}

describe('untyped dicts as flytekit 1.16 msgpack', () => {
  it('reads and writes back the exact bytes flytekit wrote, keeping ints, floats and int64 extremes', () => {
    const value = decodeMessagePack(fromHex(pythonDictHex)) as Record<string, unknown>;
    expect(value).toEqual({
      n: 3,
      f: 3,
      s: 'x',
      l: [1, 2.5, null],
      b: true,
      big: 2n ** 63n - 1n,
      neg: -(2n ** 63n),
    });
    expect(hex(encodeMessagePack(value))).toBe(pythonDictHex);
  });

  it('writes types.json() values as a msgpack Binary literal, not a protobuf Struct', async () => {
    const literal = await toLiteral({ n: 3, half: 0.5 }, types.json(), context('outputs.x'));
    expect(literal.value.case === 'scalar' && literal.value.value.value.case).toBe('binary');
    const back = await echo(types.json(), literal);
    expect(decodeMessagePack((back.value.value as any).value.value.value)).toEqual({ n: 3, half: 0.5 });
  });
});

describe('datetimes and durations keep microseconds', () => {
  it('round-trips a Timestamp with microseconds and one before the epoch', async () => {
    for (const [seconds, nanos] of [
      [1577840519n, 123456000],
      [-1n, 999_999_999],
      [253402300799n, 999999000],
    ] as const) {
      const literal = primitiveLiteral({
        case: 'datetime',
        value: create(TimestampSchema, { seconds, nanos }),
      });
      expect(toJson(LiteralSchema, await echo(types.datetime(), literal))).toEqual(
        toJson(LiteralSchema, literal),
      );
    }
    const read = await fromLiteral(
      primitiveLiteral({
        case: 'datetime',
        value: create(TimestampSchema, { seconds: 1577840519n, nanos: 123456000 }),
      }),
      types.datetime(),
      context(),
    );
    expect(read).toBeInstanceOf(Date);
    expect((read as PreciseDate).toPreciseISOString()).toBe('2020-01-01T01:01:59.123456Z');
  });

  it('still accepts a plain Date', async () => {
    const literal = await toLiteral(new Date('2024-05-01T12:00:00.123Z'), types.datetime(), context());
    expect(toJson(LiteralSchema, literal)).toEqual({
      scalar: { primitive: { datetime: '2024-05-01T12:00:00.123Z' } },
    });
  });

  it('keeps timedelta(days=100000, microseconds=1) with preciseDuration and refuses to round it otherwise', async () => {
    const literal = primitiveLiteral({
      case: 'duration',
      value: create(DurationSchema, { seconds: 8640000000n, nanos: 1000 }),
    });
    expect(toJson(LiteralSchema, await echo(types.preciseDuration(), literal))).toEqual({
      scalar: { primitive: { duration: '8640000000.000001s' } },
    });
    const error = await fromLiteral(literal, types.duration(), context('inputs.wait')).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(TaskInputError);
    expect(error.message).toBe(
      'inputs.wait: duration of 8640000000000001000ns cannot be held exactly as a number of milliseconds; declare it as types.preciseDuration()',
    );
    const negative = primitiveLiteral({
      case: 'duration',
      value: create(DurationSchema, { seconds: -1n, nanos: -500 }),
    });
    expect(toJson(LiteralSchema, await echo(types.preciseDuration(), negative))).toEqual(
      toJson(LiteralSchema, negative),
    );
  });
});

describe('int64 as bigint', () => {
  it('round-trips −2^63 and 2^63−1 when declared types.int64(), and names the input otherwise', async () => {
    for (const value of [-(2n ** 63n), 2n ** 63n - 1n, 0n]) {
      const literal = primitiveLiteral({ case: 'integer', value });
      expect(await fromLiteral(literal, types.int64(), context())).toBe(value);
      expect(toJson(LiteralSchema, await echo(types.int64(), literal))).toEqual(
        toJson(LiteralSchema, literal),
      );
    }
    await expect(
      fromLiteral(
        primitiveLiteral({ case: 'integer', value: 2n ** 53n }),
        types.integer(),
        context('inputs.count'),
      ),
    ).rejects.toThrow(
      'inputs.count: integer 9007199254740992 is outside the safe JavaScript integer range; declare the input as types.int64() to receive it as a bigint',
    );
    expect(() => types.int64().validate(2n ** 63n, 'outputs.o0')).toThrow(TaskInputError);
  });
});

describe('optional, union and enum as flytekit declares them', () => {
  it('declares Optional[int] and Union[int, str, Enum] with flytekit tags', () => {
    expect(literalTypeJson(types.optional(types.integer()))).toEqual({
      unionType: {
        variants: [
          { simple: 'INTEGER', structure: { tag: 'int' } },
          { simple: 'NONE', structure: { tag: 'none' } },
        ],
      },
    });
    expect(literalTypeJson(types.enumeration(['red', 'green']))).toEqual({
      enumType: { values: ['red', 'green'] },
    });
    expect(literalTypeJson(types.optional(types.list(types.integer())))).toMatchObject({
      unionType: {
        variants: [{ collectionType: { simple: 'INTEGER' }, structure: { tag: 'Typed List' } }, {}],
      },
    });
  });

  it('writes and reads flytekit union literals (None or 5)', async () => {
    const optionalInteger = types.optional(types.integer());
    expect(toJson(LiteralSchema, await toLiteral(5, optionalInteger, context()))).toEqual({
      scalar: {
        union: {
          value: { scalar: { primitive: { integer: '5' } } },
          type: { simple: 'INTEGER', structure: { tag: 'int' } },
        },
      },
    });
    expect(toJson(LiteralSchema, await toLiteral(null, optionalInteger, context()))).toEqual({
      scalar: {
        union: { value: { scalar: { noneType: {} } }, type: { simple: 'NONE', structure: { tag: 'none' } } },
      },
    });
    for (const value of [5, null]) {
      expect(
        await fromLiteral(
          wire(await toLiteral(value, optionalInteger, context())),
          optionalInteger,
          context(),
        ),
      ).toBe(value);
    }
    const mixed = types.union(types.integer(), types.string());
    const tagged = await toLiteral('five', mixed, context());
    expect(await fromLiteral(wire(tagged), mixed, context())).toBe('five');
  });

  it('refuses a value no variant or enum member accepts, naming the path', async () => {
    await expect(
      toLiteral('x' as never, types.optional(types.integer()), context('outputs.o0')),
    ).rejects.toThrow('outputs.o0 must be one of integer, none');
    expect(() => types.enumeration(['red', 'green']).validate('blue', 'inputs.color')).toThrow(
      'inputs.color must be enum<"red" | "green">, got string "blue"',
    );
  });
});

describe('dataclass-like structs', () => {
  const inner = types.struct('Inner', { x: types.float() });
  const record = types.struct('P', {
    a: types.integer(),
    f: types.float(),
    when: types.datetime(),
    wait: types.duration(),
    color: types.enumeration(['red', 'green']),
    tags: types.list(types.string()),
    m: types.map(types.integer()),
    inner,
    o: types.optional(types.integer()),
  });

  it('writes the bytes flytekit writes for the same dataclass and reads them back', async () => {
    const value = {
      a: 1,
      f: 3,
      when: PreciseDate.fromEpochNanoseconds(1577840519123456000n),
      wait: 1500,
      color: 'red' as const,
      tags: ['a'],
      m: { k: 1 },
      inner: { x: 2 },
      o: 5,
    };
    const literal = await toLiteral(value, record, context('outputs.o0'));
    const scalar = literal.value.value as any;
    expect(scalar.value.value.tag).toBe('msgpack');
    expect(hex(scalar.value.value.value)).toBe(pythonDataclassHex);
    const read = (await fromLiteral(wire(literal), record, context())) as typeof value;
    expect({ ...read, when: (read.when as PreciseDate).toPreciseISOString() }).toEqual({
      ...value,
      when: '2020-01-01T01:01:59.123456Z',
    });
  });

  it('declares the dataclass literal type flytekit declares (schema, field types, msgpack annotation)', () => {
    const declared = literalTypeJson(record) as any;
    expect(declared.simple).toBe('STRUCT');
    expect(declared.annotation).toEqual({
      annotations: { 'cache-key-metadata': { 'serialization-format': 'msgpack' } },
    });
    expect(declared.structure.dataclassType.o).toEqual({
      unionType: {
        variants: [
          { simple: 'INTEGER', structure: { tag: 'int' } },
          { simple: 'NONE', structure: { tag: 'none' } },
        ],
      },
    });
    expect(declared.metadata).toMatchObject({
      type: 'object',
      title: 'P',
      additionalProperties: false,
      required: ['a', 'f', 'when', 'wait', 'color', 'tags', 'm', 'inner'],
      properties: {
        when: { type: 'string', format: 'date-time' },
        wait: { type: 'number', format: 'time-delta' },
        color: { enum: ['red', 'green'] },
        o: { anyOf: [{ type: 'integer' }, { type: 'null' }], default: null },
        m: { type: 'object', additionalProperties: { type: 'integer' }, propertyNames: { type: 'string' } },
      },
    });
  });

  it('refuses unknown fields naming them', () => {
    expect(() => record.validate({ a: 1, nope: 2 }, 'inputs.p')).toThrow('inputs.p: P has no field nope');
  });
});

describe('input defaults and optional inputs', () => {
  it('uses the default or null for a missing input', async () => {
    const descriptors = {
      size: types.withDefault(types.integer(), 7),
      label: types.optional(types.string()),
    };
    const { fileAccess } = context();
    expect(await literalMapToValues(create(LiteralMapSchema, {}), descriptors, fileAccess)).toEqual({
      size: 7,
      label: null,
    });
    const given = create(LiteralMapSchema, {
      literals: { size: primitiveLiteral({ case: 'integer', value: 2n }) },
    });
    expect((await literalMapToValues(given, descriptors, fileAccess)).size).toBe(2);
    expect(scalarLiteral).toBeDefined();
  });
});

describe('inferred TypeScript types of the new descriptors', () => {
  it('infers bigint, unions, enums, structs and precise durations', () => {
    expectTypeOf<InferType<ReturnType<typeof types.int64>>>().toEqualTypeOf<bigint>();
    const optionalCount = types.optional(types.integer());
    expectTypeOf<InferType<typeof optionalCount>>().toEqualTypeOf<number | null>();
    const either = types.union(types.integer(), types.string(), types.list(types.boolean()));
    expectTypeOf<InferType<typeof either>>().toEqualTypeOf<number | string | boolean[]>();
    const color = types.enumeration(['red', 'green']);
    expectTypeOf<InferType<typeof color>>().toEqualTypeOf<'red' | 'green'>();
    const point = types.struct('Point', { x: types.float(), tag: types.optional(types.string()) });
    expectTypeOf<InferType<typeof point>>().toEqualTypeOf<{ x: number; tag: string | null }>();
    expectTypeOf<InferType<ReturnType<typeof types.preciseDuration>>>().toEqualTypeOf<PreciseDuration>();
    const sized = types.withDefault(types.integer(), 3);
    expectTypeOf<InferType<typeof sized>>().toEqualTypeOf<number>();
    expectTypeOf<InferType<ReturnType<typeof types.datetime>>>().toEqualTypeOf<Date>();
  });
});
