import { create, fromBinary, type MessageInitShape, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import type { FileAccess } from '../storage/file-access';
import { literalMapToValues } from '../type-engine/type-engine';
import { types } from '../types/types';
import { LiteralMapSchema, LiteralSchema } from './flyteidl';
import { packedPrimitivesOf } from './packed-collection';
import { decodeLiteralMapStreaming } from './streaming-literal-map';

type LiteralInit = MessageInitShape<typeof LiteralSchema>;
type PrimitiveValue =
  | { case: 'integer'; value: bigint }
  | { case: 'floatValue'; value: number }
  | { case: 'stringValue'; value: string }
  | { case: 'boolean'; value: boolean };

const primitive = (value: PrimitiveValue): LiteralInit => ({
  value: { case: 'scalar', value: { value: { case: 'primitive', value: { value } } } },
});
const collection = (...literals: LiteralInit[]): LiteralInit => ({
  value: { case: 'collection', value: { literals } },
});
const int = (value: bigint) => primitive({ case: 'integer', value });
const float = (value: number) => primitive({ case: 'floatValue', value });
const text = (value: string) => primitive({ case: 'stringValue', value });
const flag = (value: boolean) => primitive({ case: 'boolean', value });

function encode(literals: Record<string, LiteralInit>): Uint8Array {
  return toBinary(LiteralMapSchema, create(LiteralMapSchema, { literals }));
}

/** Decoded both ways; the streaming one must equal protobuf's, element for element. */
function decodeBoth(bytes: Uint8Array) {
  const streaming = decodeLiteralMapStreaming(bytes);
  const reference = fromBinary(LiteralMapSchema, bytes);
  const plain = (map: typeof reference) =>
    Object.fromEntries(
      Object.entries(map.literals).map(([key, literal]) => [key, toBinary(LiteralSchema, literal)]),
    );
  expect(plain(streaming)).toEqual(plain(reference));
  return streaming;
}

const packedKind = (map: ReturnType<typeof decodeLiteralMapStreaming>, name: string) => {
  const literal = map.literals[name]!;
  return literal.value.case === 'collection' ? packedPrimitivesOf(literal.value.value)?.kind : undefined;
};

describe('decodeLiteralMapStreaming (inputs.pb with huge plain lists)', () => {
  it('packs lists of integers (int64 extremes, negatives), floats, strings and booleans; the same literals as protobuf', () => {
    const map = decodeBoth(
      encode({
        ints: collection(...[0n, 1n, -1n, 127n, 128n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n].map(int)),
        floats: collection(...[0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 5e-324].map(float)),
        strings: collection(...['', 'a', 'ünïcödé 🎉', '\uFEFFbom', 'x'.repeat(300)].map(text)),
        flags: collection(flag(true), flag(false), flag(true)),
        scalar: int(7n),
      }),
    );
    expect(packedKind(map, 'ints')).toBe('integer');
    expect(packedKind(map, 'floats')).toBe('floatValue');
    expect(packedKind(map, 'strings')).toBe('stringValue');
    expect(packedKind(map, 'flags')).toBe('boolean');
    expect(map.literals.scalar!.value.case).toBe('scalar');
  });

  it('decodes other shapes as protobuf does: mixed kinds, nested lists, hashes, empty lists, maps', () => {
    const withHash: LiteralInit = { ...collection(int(1n)), hash: 'abc' };
    const elementWithHash: LiteralInit = collection({ ...int(1n), hash: 'h' }, int(2n));
    const map = decodeBoth(
      encode({
        mixed: collection(int(1n), float(2)),
        nested: collection(collection(int(1n)), collection(int(2n), int(3n))),
        hashed: withHash,
        elementHashed: elementWithHash,
        empty: collection(),
        dict: { value: { case: 'map', value: { literals: { a: int(1n) } } } },
      }),
    );
    for (const name of ['mixed', 'nested', 'hashed', 'elementHashed', 'empty'])
      expect(packedKind(map, name)).toBeUndefined();
  });

  it('gives every element as a message to code that reads `literals`', () => {
    const map = decodeLiteralMapStreaming(encode({ xs: collection(int(4n), int(5n)) }));
    const literal = map.literals.xs!;
    if (literal.value.case !== 'collection') throw new Error('not a collection');
    expect(literal.value.value.literals.map((item) => toBinary(LiteralSchema, item))).toEqual(
      [4n, 5n].map((value) => toBinary(LiteralSchema, create(LiteralSchema, int(value)))),
    );
  });

  it('refuses malformed bytes with protobuf’s own error', () => {
    const bytes = encode({ xs: collection(int(1n), int(2n)) });
    const truncated = bytes.subarray(0, bytes.length - 1);
    expect(() => decodeLiteralMapStreaming(truncated)).toThrow();
    let reference: unknown;
    try {
      fromBinary(LiteralMapSchema, truncated);
    } catch (error) {
      reference = error;
    }
    expect(() => decodeLiteralMapStreaming(truncated)).toThrow((reference as Error).message);
  });

  it('keeps a 200,000-integer list in one typed array (8 bytes an item)', () => {
    const literals = Array.from({ length: 200_000 }, (_, index) => int(BigInt(index - 500)));
    const map = decodeLiteralMapStreaming(
      encode({ xs: { value: { case: 'collection', value: { literals } } } }),
    );
    const literal = map.literals.xs!;
    if (literal.value.case !== 'collection') throw new Error('not a collection');
    const packed = packedPrimitivesOf(literal.value.value)!;
    expect(packed.values).toBeInstanceOf(BigInt64Array);
    expect(packed.values.length).toBe(200_000);
    expect([packed.values[0], packed.values[199_999]]).toEqual([-500n, 199_499n]);
  }, 300_000);

  it('gives task inputs the same values and the same errors as a protobuf-decoded map', async () => {
    const fileAccess = {} as FileAccess; // only offloaded literals would need it
    const bytes = encode({
      counts: collection(int(1n), int(-2n)),
      ratios: collection(float(0.5), float(2)),
      names: collection(text('a'), text('b')),
      big: collection(int(1n), int(2n ** 60n)),
    });
    const descriptors = {
      counts: types.list(types.integer()),
      ratios: types.list(types.float()),
      names: types.list(types.string()),
      big: types.list(types.int64()),
    };
    const streamed = await literalMapToValues(decodeLiteralMapStreaming(bytes), descriptors, fileAccess);
    const reference = await literalMapToValues(fromBinary(LiteralMapSchema, bytes), descriptors, fileAccess);
    expect(streamed).toEqual(reference);
    expect(streamed).toEqual({ counts: [1, -2], ratios: [0.5, 2], names: ['a', 'b'], big: [1n, 2n ** 60n] });

    const tooBig = { big: types.list(types.integer()) };
    const failure = (
      map: typeof reference extends unknown ? ReturnType<typeof decodeLiteralMapStreaming> : never,
    ) => literalMapToValues(map, tooBig, fileAccess).catch((error: Error) => error.message);
    const message = await failure(fromBinary(LiteralMapSchema, bytes));
    expect(message).toContain('inputs.big[1]');
    expect(await failure(decodeLiteralMapStreaming(bytes))).toBe(message);
  });
});
