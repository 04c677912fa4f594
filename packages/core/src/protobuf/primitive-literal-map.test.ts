import { create, fromBinary, type MessageInitShape, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { LiteralMapSchema, type LiteralSchema } from './flyteidl';
import {
  decodePrimitiveLiteralMap,
  encodePrimitiveLiteralMap,
  type PlainPrimitive,
} from './primitive-literal-map';

type LiteralInit = MessageInitShape<typeof LiteralSchema>;

const literalOf = (value: PlainPrimitive): LiteralInit => ({
  value: { case: 'scalar', value: { value: { case: 'primitive', value: { value } } } },
});

/** protobuf-es's bytes for a map of plain primitives: the reference. */
function reference(entries: [string, PlainPrimitive][]): Uint8Array {
  const literals = Object.fromEntries(entries.map(([name, value]) => [name, literalOf(value)]));
  return toBinary(LiteralMapSchema, create(LiteralMapSchema, { literals }));
}

/** What protobuf-es decodes, as plain primitives (undefined when a literal is anything else). */
function referencePrimitives(bytes: Uint8Array): Map<string, PlainPrimitive> | undefined {
  const map = fromBinary(LiteralMapSchema, bytes);
  const result = new Map<string, PlainPrimitive>();
  for (const [name, literal] of Object.entries(map.literals)) {
    if (literal.value.case !== 'scalar' || literal.value.value.value.case !== 'primitive') return undefined;
    result.set(name, literal.value.value.value.value.value as PlainPrimitive);
  }
  return result;
}

// The edge values of the fidelity tests: int64 extremes, ±0, NaN, infinities, subnormals, text
// outside ASCII (a leading U+FEFF is text in protobuf), empty strings and keys.
const integers = [
  0n,
  1n,
  -1n,
  127n,
  128n,
  300n,
  2n ** 53n - 1n,
  2n ** 53n + 1n,
  -(2n ** 53n),
  -(2n ** 63n),
  2n ** 63n - 1n,
];
const floats = [
  0,
  -0,
  1.5,
  -2.25,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  5e-324,
  Number.MAX_VALUE,
  80.00001569589337,
];
const strings = ['', 'a', 'ünïcödé 🎉', '\uFEFFbom', 'nul\u0000inside', 'x'.repeat(300), '日本語'.repeat(50)];
const edgePrimitives: PlainPrimitive[] = [
  ...integers.map((value) => ({ case: 'integer', value }) as const),
  ...floats.map((value) => ({ case: 'floatValue', value }) as const),
  ...strings.map((value) => ({ case: 'stringValue', value }) as const),
  { case: 'boolean', value: true },
  { case: 'boolean', value: false },
];

/** A small deterministic generator (mulberry32) for many random maps. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function randomPrimitive(next: () => number): PlainPrimitive {
  switch (Math.floor(next() * 5)) {
    case 0:
      return {
        case: 'integer',
        value: BigInt.asIntN(64, BigInt(Math.floor(next() * 2 ** 32)) << BigInt(Math.floor(next() * 40))),
      };
    case 1: {
      const view = new DataView(new ArrayBuffer(8));
      view.setUint32(0, Math.floor(next() * 2 ** 32));
      view.setUint32(4, Math.floor(next() * 2 ** 32));
      return { case: 'floatValue', value: view.getFloat64(0) };
    }
    case 2:
      return {
        case: 'stringValue',
        value: String.fromCodePoint(
          ...Array.from({ length: Math.floor(next() * 20) }, () => Math.floor(next() * 0xd7ff)),
        ),
      };
    case 3:
      return { case: 'boolean', value: next() < 0.5 };
    default:
      return edgePrimitives[Math.floor(next() * edgePrimitives.length)]!;
  }
}

const randomMaps = (() => {
  const next = random(16);
  return Array.from({ length: 400 }, (_, mapIndex) =>
    Array.from({ length: Math.floor(next() * 6) }, (_, index): [string, PlainPrimitive] => [
      index === 0 && mapIndex % 7 === 0 ? '' : `in_${index}_ü${mapIndex}`,
      randomPrimitive(next),
    ]),
  );
})();

const edgeMaps: [string, PlainPrimitive][][] = [
  [],
  ...edgePrimitives.map((primitive): [string, PlainPrimitive][] => [['o0', primitive]]),
  [
    ['', { case: 'integer', value: 3n }],
    ['ключ', { case: 'stringValue', value: '' }],
  ],
  edgePrimitives.map((primitive, index): [string, PlainPrimitive] => [`v${index}`, primitive]),
];

describe('the hand-written primitive LiteralMap codec (tasklens execute of a trivial task)', () => {
  it('writes the same bytes as protobuf-es for the edge literals and 400 random maps', () => {
    for (const entries of [...edgeMaps, ...randomMaps]) {
      expect(Buffer.from(encodePrimitiveLiteralMap(entries)).toString('hex')).toBe(
        Buffer.from(reference(entries)).toString('hex'),
      );
    }
  });

  it('reads the same primitives as protobuf-es from those bytes', () => {
    for (const entries of [...edgeMaps, ...randomMaps]) {
      const bytes = reference(entries);
      const decoded = decodePrimitiveLiteralMap(bytes);
      expect(decoded).toEqual(referencePrimitives(bytes));
      expect(decoded).toEqual(new Map(entries));
    }
  });

  it('gives up (undefined) on every other literal, so protobuf-es decodes it', () => {
    const encode = (literals: Record<string, LiteralInit>) =>
      toBinary(LiteralMapSchema, create(LiteralMapSchema, { literals }));
    const others: Record<string, LiteralInit>[] = [
      {
        when: {
          value: {
            case: 'scalar',
            value: {
              value: { case: 'primitive', value: { value: { case: 'datetime', value: { seconds: 1n } } } },
            },
          },
        },
      },
      { nothing: { value: { case: 'scalar', value: { value: { case: 'noneType', value: {} } } } } },
      {
        list: {
          value: { case: 'collection', value: { literals: [literalOf({ case: 'integer', value: 1n })] } },
        },
      },
      { hashed: { ...literalOf({ case: 'integer', value: 1n }), hash: 'abc' } },
      { tagged: { ...literalOf({ case: 'boolean', value: true }), metadata: { key: 'value' } } },
      { empty: {} },
      {
        a: literalOf({ case: 'integer', value: 1n }),
        blob: { value: { case: 'scalar', value: { value: { case: 'blob', value: { uri: 's3://x' } } } } },
      },
    ];
    for (const literals of others) expect(decodePrimitiveLiteralMap(encode(literals))).toBeUndefined();
  });

  it('never disagrees with protobuf-es on unusual or broken bytes: it gives up instead', () => {
    const good = reference([
      ['a', { case: 'integer', value: 5n }],
      ['b', { case: 'stringValue', value: 'x' }],
    ]);
    const variants: Uint8Array[] = [
      good.subarray(0, good.length - 1), // truncated
      Uint8Array.from([...good, 0x0a, 0x03, 0x0a, 0x01, 0x61]), // a repeated key "a" without a value
      Uint8Array.from([...good, 0x10, 0x01]), // an unknown field of the map
      // entry with the value before the key (valid protobuf, unusual order)
      Uint8Array.from([0x0a, 0x0b, 0x12, 0x06, 0x0a, 0x04, 0x0a, 0x02, 0x08, 0x07, 0x0a, 0x01, 0x61]),
      // primitive with two members (the last one wins in protobuf)
      Uint8Array.from([
        0x0a, 0x0d, 0x0a, 0x01, 0x61, 0x12, 0x08, 0x0a, 0x06, 0x0a, 0x04, 0x08, 0x01, 0x08, 0x02,
      ]),
      // a string key that is not UTF-8
      Uint8Array.from([0x0a, 0x0b, 0x0a, 0x01, 0xff, 0x12, 0x06, 0x0a, 0x04, 0x0a, 0x02, 0x08, 0x01]),
      // an over-long varint (11 bytes)
      Uint8Array.from([
        0x0a,
        0x14,
        0x0a,
        0x01,
        0x61,
        0x12,
        0x0f,
        0x0a,
        0x0d,
        0x0a,
        0x0b,
        0x08,
        ...Array(10).fill(0xff),
        0x01,
      ]),
    ];
    for (const bytes of variants) {
      let expected: Map<string, PlainPrimitive> | undefined | 'error';
      try {
        expected = referencePrimitives(bytes);
      } catch {
        expected = 'error';
      }
      const decoded = decodePrimitiveLiteralMap(bytes);
      if (decoded !== undefined) expect(decoded).toEqual(expected);
    }
    // Non-canonical but valid encodings it does accept decode to protobuf-es's values.
    const padded = Uint8Array.from([
      0x0a, 0x0c, 0x0a, 0x01, 0x61, 0x12, 0x07, 0x0a, 0x05, 0x0a, 0x03, 0x08, 0x85, 0x00,
    ]);
    expect(decodePrimitiveLiteralMap(padded)).toEqual(referencePrimitives(padded));
    const bool2 = Uint8Array.from([
      0x0a, 0x0b, 0x0a, 0x01, 0x62, 0x12, 0x06, 0x0a, 0x04, 0x0a, 0x02, 0x20, 0x02,
    ]);
    expect(decodePrimitiveLiteralMap(bool2)).toEqual(referencePrimitives(bool2));
  });
});
