import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, indexOfBytes, toHex } from '../../test-support/bytes';
import { readFixture } from '../../test-support/read-fixture';
import { libstdcxxHashBytes } from '../common/libstdcxx-hash';
import { carry, toHex64 } from '../common/uint64';
import { FrequentStringsSketch, truncateCodePoints } from './frequent-strings-sketch';

function sketchOf(items: string[]): FrequentStringsSketch {
  const sketch = FrequentStringsSketch.create();
  for (const item of items) sketch.update(item);
  return sketch;
}

function asMap(sketch: FrequentStringsSketch): Record<string, number> {
  return Object.fromEntries(
    sketch.getFrequentItems('NO_FALSE_NEGATIVES').map((row) => [row.item, row.lowerBound] as const),
  );
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);

describe('libstdc++ std::hash<std::string> emulation (spec §4.4)', () => {
  const encoder = new TextEncoder();
  for (const [text, expected] of [
    ['some', '5c7662a73fb6b0af'],
    ['text', 'c9a6904170df1a56'],
    ['column', '7a136da3d09b891a'],
    ['example', '345607147944b3e2'],
    ['4.000000', 'd45cae8692eccb2d'],
  ] as const) {
    it(`hashes "${text}" to ${expected}`, () => {
      const bytes = encoder.encode(text);
      const low = libstdcxxHashBytes(bytes, bytes.length);
      expect(toHex64(carry[0]!, low)).toBe(expected);
    });
  }
});

describe('FrequentStringsSketch serialization (Linux slot order)', () => {
  it('writes an empty whylogs sketch as 01010a0a03010000', () => {
    expect(toHex(FrequentStringsSketch.create().serialize())).toBe('01010a0a03010000');
  });

  it('writes ["4","2","3","5"] exactly as the worked example', () => {
    expect(toHex(sketchOf(['4', '2', '3', '5']).serialize())).toBe(
      '04010a0a0300000004000000000000000400000000000000000000000000000001000000000000000100000000000000010000000000000001000000000000000100000034010000003201000000330100000035',
    );
  });

  it('writes cat×5, snake×3, hawk×2 exactly', () => {
    const sketch = FrequentStringsSketch.create();
    sketch.update('cat', 5);
    sketch.update('snake', 3);
    sketch.update('hawk', 2);
    expect(toHex(sketch.serialize())).toBe(
      '04010a0a0300000003000000000000000a0000000000000000000000000000000500000000000000030000000000000002000000000000000300000063617405000000736e616b65040000006861776b',
    );
  });

  it('round-trips: deserialize re-inserts in file order and reads back equal', () => {
    const sketch = sketchOf(range(0, 1500).map((value) => `item-${value % 900}`));
    const bytes = sketch.serialize();
    const copy = FrequentStringsSketch.deserialize(bytes);
    expect(asMap(copy)).toEqual(asMap(sketch));
    expect(copy.totalWeight).toBe(sketch.totalWeight);
    expect(copy.maximumError).toBe(sketch.maximumError);
    expect(FrequentStringsSketch.deserialize(FrequentStringsSketch.create().serialize()).isEmpty).toBe(true);
  });
});

describe('FrequentStringsSketch purge behaviour (spec §4.4 check values)', () => {
  it('"0".."999" once each → 231 active, total 1000, offset 1, lgCur 10, 3497 bytes', () => {
    const sketch = sketchOf(range(0, 1000).map(String));
    expect(sketch.numActiveItems).toBe(231);
    expect(sketch.totalWeight).toBe(1000);
    expect(sketch.maximumError).toBe(1);
    expect(sketch.lgCurMapSize).toBe(10);
    expect(sketch.serialize().length).toBe(3497);
  });

  it('"0".."199" → 200 active at lgCur 9', () => {
    const sketch = sketchOf(range(0, 200).map(String));
    expect(sketch.numActiveItems).toBe(200);
    expect(sketch.lgCurMapSize).toBe(9);
  });

  it('a skewed stream keeps the 10 heavy hitters: NFP 10 × (30, 27, 30), NFN 433', () => {
    const round = [...range(0, 100).map((value) => String(value % 10)), ...range(100, 1000).map(String)];
    const sketch = sketchOf([...round, ...round, ...round]);
    expect(sketch.numActiveItems).toBe(433);
    expect(sketch.totalWeight).toBe(3000);
    expect(sketch.maximumError).toBe(3);
    const noFalsePositives = sketch.getFrequentItems('NO_FALSE_POSITIVES');
    expect(noFalsePositives.map((row) => row.item).sort()).toEqual(range(0, 10).map(String));
    for (const row of noFalsePositives)
      expect(row).toMatchObject({ estimate: 30, lowerBound: 27, upperBound: 30 });
    expect(sketch.getFrequentItems('NO_FALSE_NEGATIVES')).toHaveLength(433);
    // whylogs-sketching 3.4.1.dev3 (Linux wheel) serializes this sketch to 6507 bytes with this SHA-256.
    const bytes = sketch.serialize();
    expect(bytes.length).toBe(6507);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      'cb807851b30e15c7d52c199f83776f9ae9ab1db6fcf9c8afb873a2a794e25343',
    );
  });

  it('reports estimate, lower and upper bounds and 0 for untracked items', () => {
    const sketch = sketchOf(['a', 'a', 'b']);
    expect(sketch.getEstimate('a')).toBe(2);
    expect(sketch.getLowerBound('a')).toBe(2);
    expect(sketch.getUpperBound('a')).toBe(2);
    expect(sketch.getEstimate('zzz')).toBe(0);
    expect(sketch.getFrequentItems('NO_FALSE_POSITIVES')).toEqual([
      { item: 'a', estimate: 2, lowerBound: 2, upperBound: 2 },
      { item: 'b', estimate: 1, lowerBound: 1, upperBound: 1 },
    ]);
    expect(sketch.epsilon).toBe(3.5 / 1024);
  });
});

describe('FrequentStringsSketch merge, truncation and options', () => {
  it('merges counts, offsets and total weights like the fork', () => {
    const left = sketchOf(['x', 'y', 'y']);
    const right = sketchOf(['y', 'z']);
    left.merge(right);
    expect(asMap(left)).toEqual({ x: 1, y: 3, z: 1 });
    expect(left.totalWeight).toBe(5);
    left.merge(left);
    expect(asMap(left)).toEqual({ x: 2, y: 6, z: 2 });
    left.merge(FrequentStringsSketch.create());
    expect(left.totalWeight).toBe(10);
  });

  it('merging sketches past capacity purges and accumulates the offset', () => {
    const left = sketchOf(range(0, 700).map((value) => `l${value}`));
    const right = sketchOf(range(0, 700).map((value) => `r${value}`));
    left.merge(right);
    expect(left.totalWeight).toBe(1400);
    expect(left.maximumError).toBeGreaterThan(0);
    expect(left.numActiveItems).toBeLessThanOrEqual(768);
  });

  it('truncates items to 128 code points on update (astral characters count once)', () => {
    const long = '😀'.repeat(200);
    expect([...truncateCodePoints(long, 128)].length).toBe(128);
    expect(truncateCodePoints('abc', 128)).toBe('abc');
    const sketch = sketchOf([long, `${'😀'.repeat(128)}x`]);
    expect(sketch.getFrequentItems('NO_FALSE_POSITIVES')).toEqual([
      { item: '😀'.repeat(128), estimate: 2, lowerBound: 2, upperBound: 2 },
    ]);
  });

  it('rejects bad options, weights and error types with typed errors', () => {
    expect(() => FrequentStringsSketch.create({ lgMaxMapSize: 2 })).toThrow(/options\.lgMaxMapSize/);
    expect(() => FrequentStringsSketch.create().update('a', -1)).toThrow(/weight/);
    expect(() => FrequentStringsSketch.create().update('a', 1.5)).toThrow(/weight/);
    expect(() => FrequentStringsSketch.create().getFrequentItems('BOTH' as never)).toThrow(/errorType/);
  });
});

describe('FrequentStringsSketch golden files', () => {
  it('reads the Java ASCII file: total 4, four 29-character items with count 1', () => {
    const sketch = FrequentStringsSketch.deserialize(
      readFixture('whylogs-sketching/fi/items_sketch_string_from_java.sk'),
    );
    expect(sketch.totalWeight).toBe(4);
    expect(sketch.numActiveItems).toBe(4);
    expect(asMap(sketch)).toEqual(
      Object.fromEntries(['a', 'b', 'c', 'd'].map((letter) => [letter.repeat(29), 1])),
    );
  });

  it('reads the Java UTF-8 file: абвгд 1, еёжзи 2, йклмн 3, опрст 4', () => {
    const sketch = FrequentStringsSketch.deserialize(
      readFixture('whylogs-sketching/fi/items_sketch_string_utf8_from_java.sk'),
    );
    expect(sketch.totalWeight).toBe(10);
    expect(asMap(sketch)).toEqual({ абвгд: 1, еёжзи: 2, йклмн: 3, опрст: 4 });
    expect(sketch.getFrequentItems('NO_FALSE_POSITIVES').map((row) => row.item)).toEqual([
      'опрст',
      'йклмн',
      'еёжзи',
      'абвгд',
    ]);
  });

  it('reads both 2022 macOS profile sketches (libc++ order) as maps', () => {
    const profile = readFixture('whylogs/my_profile_2022.bin');
    const marker = fromHex('04010a0a03000000040000000000000004000000000000000000000000000000');
    const maps: Record<string, number>[] = [];
    for (let start = indexOfBytes(profile, marker); start >= 0; ) {
      // The one-byte varint before the sketch is the length of the enclosing protobuf bytes field.
      const length = profile[start - 1]!;
      maps.push(asMap(FrequentStringsSketch.deserialize(profile.slice(start, start + length))));
      const next = indexOfBytes(profile.subarray(start + 1), marker);
      start = next < 0 ? -1 : start + 1 + next;
    }
    expect(maps).toEqual([
      { some: 1, example: 1, text: 1, column: 1 },
      { '3.000000': 1, '2.000000': 1, '4.000000': 1, '5.000000': 1 },
    ]);
  });

  it('rejects corrupt bytes with typed errors naming the field', () => {
    const good = sketchOf(['4', '2', '3', '5']).serialize();
    const cases: Array<[Uint8Array, RegExp]> = [
      [good.slice(0, 4), /frequentItems\.(lgCurMapSize|flags)/],
      [good.slice(0, good.length - 1), /frequentItems\.item/],
      [Uint8Array.of(good[0]!, good[1]!, 9, ...good.slice(3)), /frequentItems\.family/],
      [Uint8Array.of(good[0]!, 2, ...good.slice(2)), /frequentItems\.serialVersion/],
      [Uint8Array.of(1, ...good.slice(1)), /frequentItems\.preambleLongs/],
      [Uint8Array.of(...good.slice(0, 4), 11, ...good.slice(5)), /frequentItems\.lgCurMapSize/],
      [Uint8Array.of(...good.slice(0, 8), 0xff, 0xff, 0xff, 0x0f, ...good.slice(12)), /frequentItems\.items/],
      [Uint8Array.of(...good.slice(0, 3), 40, 3, ...good.slice(5)), /frequentItems\.lgMaxMapSize/],
      [Uint8Array.of(...good.slice(0, good.length - 1), 0xff), /frequentItems\.item/],
    ];
    for (const [bytes, pattern] of cases)
      expect(() => FrequentStringsSketch.deserialize(bytes)).toThrow(pattern);
  });
});
