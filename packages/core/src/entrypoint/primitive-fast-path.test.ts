import { create, toBinary } from '@bufbuild/protobuf';
import { afterEach, describe, expect, it } from 'vitest';
import { LiteralMapSchema } from '../protobuf/flyteidl';
import { decodeLiteralMapStreaming } from '../protobuf/streaming-literal-map';
import type { FileAccess } from '../storage/file-access';
import { registerLiteralTransformer, transformerRegistrySlot } from '../type-engine/transformer-registry';
import { literalMapToValues, valuesToLiteralMap } from '../type-engine/type-engine';
import type { TypeRecord } from '../types/type-descriptor';
import { types } from '../types/types';
import { readPlainInputs, writePlainOutputs } from './primitive-fast-path';

const fileAccess = {} as FileAccess; // plain primitives never touch storage

/** The type engine's outputs.pb bytes, or its error message. */
async function engineBytes(values: Record<string, unknown>, descriptors: TypeRecord) {
  try {
    return Buffer.from(
      toBinary(LiteralMapSchema, await valuesToLiteralMap(values, descriptors, fileAccess)),
    ).toString('hex');
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** The type engine's inputs from inputs.pb bytes, or its error message. */
async function engineInputs(bytes: Uint8Array, descriptors: TypeRecord) {
  try {
    return await literalMapToValues(decodeLiteralMapStreaming(bytes), descriptors, fileAccess);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

const plain = {
  count: types.integer(),
  big: types.int64(),
  ratio: types.float(),
  label: types.string(),
  flag: types.boolean(),
} satisfies TypeRecord;

const outputCases: [TypeRecord, Record<string, unknown>][] = [
  [plain, { count: 0, big: -(2n ** 63n), ratio: -0, label: '', flag: false }],
  [
    plain,
    { count: -(2 ** 53) + 1, big: 2n ** 63n - 1n, ratio: Number.NaN, label: 'ünï 🎉\uFEFF', flag: true },
  ],
  [
    plain,
    { count: 2 ** 53 - 1, big: 7, ratio: Number.NEGATIVE_INFINITY, label: 'x'.repeat(500), flag: true },
  ],
  [plain, { count: 2n ** 40n, big: 1n, ratio: 80.00001569589337, label: 'a', flag: false }],
  [{ o0: types.integer() }, { o0: 3 }],
  [{}, {}],
  [{ ratio: types.withDefault(types.float(), 1.5) }, { ratio: 5e-324 }],
];

describe('the plain-primitive fast path of tasklens execute', () => {
  afterEach(() => transformerRegistrySlot.set(undefined));

  it('writes the same outputs.pb bytes as the type engine and protobuf-es', async () => {
    for (const [descriptors, values] of outputCases) {
      const bytes = writePlainOutputs(values, descriptors);
      expect(bytes).toBeDefined();
      expect(Buffer.from(bytes!).toString('hex')).toBe(await engineBytes(values, descriptors));
    }
  });

  it('leaves invalid values, lone surrogates and other types to the type engine', async () => {
    const leftToEngine: [TypeRecord, Record<string, unknown>][] = [
      [{ count: types.integer() }, { count: 1.5 }],
      [{ count: types.integer() }, { count: 2 ** 53 }],
      [{ big: types.int64() }, { big: 2n ** 63n }],
      [{ label: types.string() }, { label: 5 }],
      [{ label: types.string() }, { label: 'half \uD800 pair' }],
      [{ flag: types.boolean() }, {}],
      [{ when: types.datetime() }, { when: new Date(0) }],
      [
        { count: types.integer(), maybe: types.optional(types.integer()) },
        { count: 1, maybe: 2 },
      ],
    ];
    for (const [descriptors, values] of leftToEngine) {
      expect(writePlainOutputs(values, descriptors)).toBeUndefined();
      await engineBytes(values, descriptors); // the engine's path gives its own result or error
    }
  });

  it('reads the same inputs as the type engine from protobuf-es bytes, and leaves the rest to it', async () => {
    const encode = (values: Record<string, unknown>, descriptors: TypeRecord) =>
      valuesToLiteralMap(values, descriptors, fileAccess).then((map) => toBinary(LiteralMapSchema, map));
    for (const [descriptors, values] of outputCases) {
      const bytes = await encode(values, descriptors);
      const fast = readPlainInputs(bytes, descriptors);
      expect(fast).toBeDefined();
      expect(fast).toEqual(await engineInputs(bytes, descriptors));
    }
    // An integer literal for a float input is accepted (Flyte allows int → float), as the engine does.
    const intForFloat = await encode({ ratio: 3 }, { ratio: types.integer() });
    expect(readPlainInputs(intForFloat, { ratio: types.float() })).toEqual({ ratio: 3 });
    expect(await engineInputs(intForFloat, { ratio: types.float() })).toEqual({ ratio: 3 });

    const unsafe = await encode({ count: 2n ** 60n }, { count: types.int64() });
    const cases: [Uint8Array, TypeRecord][] = [
      [unsafe, { count: types.integer() }], // beyond ±2^53: the engine's typed error
      [await encode({ count: 'x' }, { count: types.string() }), { count: types.integer() }],
      [await encode({ a: 1 }, { a: types.integer() }), { a: types.integer(), b: types.integer() }],
      [
        await encode({ a: 1, extra: 2 }, { a: types.integer(), extra: types.integer() }),
        { a: types.integer() },
      ],
      [await encode({}, {}), { ratio: types.withDefault(types.float(), 1.5) }],
      [await encode({ when: new Date(0) }, { when: types.datetime() }), { when: types.datetime() }],
      [toBinary(LiteralMapSchema, create(LiteralMapSchema, {})), { a: types.integer() }],
    ];
    for (const [bytes, descriptors] of cases) {
      expect(readPlainInputs(bytes, descriptors)).toBeUndefined();
      await engineInputs(bytes, descriptors);
    }
  });

  it('leaves a kind with a registered or a descriptor-own transformer to the type engine', async () => {
    const bytes = await valuesToLiteralMap({ a: 1 }, { a: types.integer() }, fileAccess).then((map) =>
      toBinary(LiteralMapSchema, map),
    );
    const own = { ...types.integer(), literal: { literalType: () => ({}) } } as never;
    expect(readPlainInputs(bytes, { a: own })).toBeUndefined();
    expect(writePlainOutputs({ a: 1 }, { a: own })).toBeUndefined();
    expect(readPlainInputs(bytes, { a: types.integer() })).toEqual({ a: 1 });
    registerLiteralTransformer('integer', {} as never);
    expect(readPlainInputs(bytes, { a: types.integer() })).toBeUndefined();
    expect(writePlainOutputs({ a: 1 }, { a: types.integer() })).toBeUndefined();
  });
});
