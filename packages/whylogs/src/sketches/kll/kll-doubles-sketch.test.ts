import { describe, expect, it } from 'vitest';
import { fnv1a64, fromHex, indexOfBytes, toHex } from '../../test-support/bytes';
import { readFixture } from '../../test-support/read-fixture';
import { KllDoublesSketch } from './kll-doubles-sketch';
import { createAlternatingBits } from './kll-helper';

const RANKS = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];

function sketchOf(values: number[], k = 1024): KllDoublesSketch {
  const sketch = KllDoublesSketch.create({ k, randomBit: createAlternatingBits() });
  for (const value of values) sketch.update(value);
  return sketch;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, index) => from + index);
}

describe('KllDoublesSketch serialization (spec §4.3 vectors)', () => {
  it('writes an empty k=1024 sketch as 02010f0100040800', () => {
    expect(toHex(KllDoublesSketch.create().serialize())).toBe('02010f0100040800');
  });

  it('writes a single item in the 16-byte serial-version-2 form, flag 0x06 after a query', () => {
    const sketch = sketchOf([42]);
    expect(toHex(sketch.serialize())).toBe('02020f04000408000000000000004540');
    expect(sketch.getQuantile(0.5)).toBe(42);
    expect(toHex(sketch.serialize())).toBe('02020f06000408000000000000004540');
  });

  it('writes [4,2,3,5] with preamble ints 6, data from byte 24, level 0 in reverse insertion order', () => {
    const sketch = sketchOf([4, 2, 3, 5]);
    expect(toHex(sketch.serialize())).toBe(
      '06010f000004080004000000000000000004010000000000fc030000000000000000004000000000000014400000000000001440000000000000084000000000000000400000000000001040',
    );
  });

  it('sorts level 0 and sets flag bit 1 as a side effect of a quantile query', () => {
    const sketch = sketchOf([4, 2, 3, 5]);
    sketch.getQuantiles(RANKS);
    const bytes = sketch.serialize();
    expect(bytes[3]).toBe(0x02);
    const items = new Float64Array(bytes.slice(24 + 4 + 16).buffer);
    expect([...items]).toEqual([2, 3, 4, 5]);
  });

  it('does not sort level 0 for CDF/PMF queries (same as the fork)', () => {
    const sketch = sketchOf([4, 2, 3, 5]);
    sketch.getCDF([3]);
    sketch.getPMF([3]);
    expect(sketch.serialize()[3]).toBe(0);
  });

  it('writes the floats [1.0,2.2,0.1,1.2] unsorted byte for byte', () => {
    expect(toHex(sketchOf([1.0, 2.2, 0.1, 1.2]).serialize())).toBe(
      '06010f000004080004000000000000000004010000000000fc0300009a9999999999b93f9a99999999990140333333333333f33f9a9999999999b93f9a99999999990140000000000000f03f',
    );
  });

  it('can write the upstream preamble-ints-5 layout on request', () => {
    const bytes = sketchOf([4, 2, 3, 5]).serialize({ preambleInts: 5 });
    expect(bytes[0]).toBe(5);
    expect(bytes.length).toBe(20 + 4 + 6 * 8);
    expect(KllDoublesSketch.deserialize(bytes).getQuantile(0.5)).toBe(4);
  });
});

describe('KllDoublesSketch exclusive quantiles (spec §4.3)', () => {
  it('gives the median of [4,2,3,5] as 4 and the whylogs quantile row', () => {
    expect(sketchOf([4, 2, 3, 5]).getQuantiles(RANKS)).toEqual([2, 2, 2, 3, 4, 5, 5, 5, 5]);
  });

  it('gives 1..100 → 2,6,11,26,51,76,91,96,100', () => {
    expect(sketchOf(range(1, 101)).getQuantiles(RANKS)).toEqual([2, 6, 11, 26, 51, 76, 91, 96, 100]);
  });

  it('gives 0..1023 → 10,51,102,256,512,768,921,972,1013', () => {
    expect(sketchOf(range(0, 1024)).getQuantiles(RANKS)).toEqual([
      10, 51, 102, 256, 512, 768, 921, 972, 1013,
    ]);
  });

  it('gives [1.0,2.2,0.1,1.2] → q25 1.0, median 1.2 (spec §5)', () => {
    const sketch = sketchOf([1.0, 2.2, 0.1, 1.2]);
    expect(sketch.getQuantiles(RANKS)).toEqual([0.1, 0.1, 0.1, 1.0, 1.2, 2.2, 2.2, 2.2, 2.2]);
  });

  it('returns min and max for ranks 0 and 1, and NaN / empty arrays when empty', () => {
    const sketch = sketchOf([3, 1, 2]);
    expect(sketch.getQuantile(0)).toBe(1);
    expect(sketch.getQuantile(1)).toBe(3);
    const empty = KllDoublesSketch.create();
    expect(empty.getQuantile(0.5)).toBeNaN();
    expect(empty.getQuantiles([0.5])).toEqual([]);
    expect(empty.getCDF([1])).toEqual([]);
    expect(empty.min).toBeNaN();
    expect(empty.max).toBeNaN();
    expect(empty.isEmpty).toBe(true);
  });

  it('rejects ranks outside [0, 1] and NaN with a typed error naming the field', () => {
    const sketch = sketchOf([1, 2]);
    expect(() => sketch.getQuantile(1.5)).toThrow(/rank/);
    expect(() => sketch.getQuantiles([0.5, Number.NaN])).toThrow(/ranks\[1\]/);
  });

  it('computes exclusive CDF and PMF: weight strictly below each split point', () => {
    const sketch = sketchOf([1, 2, 3, 4]);
    expect(sketch.getCDF([2, 4])).toEqual([0.25, 0.75, 1]);
    expect(sketch.getPMF([2, 4])).toEqual([0.25, 0.5, 0.25]);
    sketch.getQuantile(0.5);
    expect(sketch.getCDF([2, 4])).toEqual([0.25, 0.75, 1]);
    expect(sketch.getRank(3)).toBe(0.5);
  });

  it('rejects unsorted or NaN split points', () => {
    const sketch = sketchOf([1, 2]);
    expect(() => sketch.getCDF([2, 1])).toThrow(/splitPoints\[1\]/);
    expect(() => sketch.getPMF([Number.NaN])).toThrow(/splitPoints\[0\]/);
  });

  it('ignores NaN, keeps ±Infinity, and tracks min and max', () => {
    const sketch = sketchOf([Number.NaN, 1, Number.POSITIVE_INFINITY, -2, Number.NEGATIVE_INFINITY]);
    expect(sketch.n).toBe(4);
    expect(sketch.min).toBe(Number.NEGATIVE_INFINITY);
    expect(sketch.max).toBe(Number.POSITIVE_INFINITY);
  });

  it('reports the normalized rank error 0.00272 for k=1024 and 0.0105 for k=256', () => {
    expect(KllDoublesSketch.create().getNormalizedRankError()).toBeCloseTo(0.00272, 5);
    expect(KllDoublesSketch.create({ k: 256 }).getNormalizedRankError()).toBeCloseTo(0.0105, 4);
    expect(KllDoublesSketch.create().getNormalizedRankError(true)).toBeCloseTo(0.00354, 5);
  });
});

// Retained counts, sizes and quantiles are the spec's. The spec's FNV-1a digests (9b6afaf3…, b25563d5…,
// eaa21906…, 50900cd7…) do NOT match the fork: compiling whylogs-sketching@dev/jamie/python3_12
// `kll_sketch.hpp` with -DKLL_VALIDATION (g++ 12) and serializing 1..N gives the digests below, which are
// also ours, byte for byte. The compiled package wins over the spec.
describe('KllDoublesSketch compaction with the deterministic 0,1,0,1 bits (spec §4.3 table)', () => {
  const table = [
    {
      n: 1025,
      retained: 513,
      size: 4152,
      fnv: 'fd8a74334f63dce4',
      q: [12, 54, 104, 258, 514, 770, 924, 976, 1016],
    },
    {
      n: 2048,
      retained: 1536,
      size: 12336,
      fnv: 'd6de6367973ea2a4',
      q: [22, 104, 206, 514, 1025, 1537, 1844, 1946, 2028],
    },
    {
      n: 5000,
      retained: 2132,
      size: 17108,
      fnv: 'a7e635a55de69255',
      q: [54, 254, 506, 1254, 2502, 3752, 4501, 4751, 4951],
    },
    {
      n: 100000,
      retained: 2835,
      size: 22748,
      fnv: '0aa9538e94aaf372',
      q: [1054, 5084, 10072, 25063, 50031, 74991, 90017, 95022, 99008],
    },
  ];

  for (const row of table) {
    it(`inserting 1..${row.n} gives ${row.retained} retained, ${row.size} bytes, FNV ${row.fnv}`, () => {
      const sketch = sketchOf(range(1, row.n + 1));
      expect(sketch.n).toBe(row.n);
      expect(sketch.numRetained).toBe(row.retained);
      const bytes = sketch.serialize();
      expect(bytes.length).toBe(row.size);
      expect(fnv1a64(bytes)).toBe(row.fnv);
      expect(sketch.getQuantiles(RANKS)).toEqual(row.q);
      expect(sketch.min).toBe(1);
      expect(sketch.max).toBe(row.n);
    });
  }

  it('has the N=1025 header: two levels, one item in level 0, 512 in level 1', () => {
    const bytes = sketchOf(range(1, 1026)).serialize();
    expect(toHex(bytes.slice(0, 32))).toBe(
      ['06010f0000040800', '0104000000000000', '0004', '02', '0000000000', 'aa040000', 'ab040000'].join(''),
    );
  });
});

describe('KllDoublesSketch deserialization', () => {
  it('round-trips empty, single, exact and compacted sketches byte for byte', () => {
    for (const values of [[], [7.5], [4, 2, 3, 5], range(0, 3000)]) {
      const sketch = sketchOf(values);
      const bytes = sketch.serialize();
      const copy = KllDoublesSketch.deserialize(bytes);
      expect(toHex(copy.serialize())).toBe(toHex(bytes));
      expect(copy.n).toBe(sketch.n);
      expect(copy.getQuantiles(RANKS)).toEqual(sketch.getQuantiles(RANKS));
    }
  });

  it('reads the 2022 Python profile KLL: preamble ints 5, k 256, sorted flag, items 0.1 1.0 1.2 2.2', () => {
    const profile = readFixture('whylogs/my_profile_2022.bin');
    const start = indexOfBytes(profile, fromHex('05010f0200010800'));
    expect(start).toBeGreaterThan(0);
    const size = 20 + 4 + 16 + 4 * 8;
    const bytes = profile.slice(start, start + size);
    const sketch = KllDoublesSketch.deserialize(bytes);
    expect(sketch.k).toBe(256);
    expect(sketch.n).toBe(4);
    expect(sketch.min).toBe(0.1);
    expect(sketch.max).toBe(2.2);
    expect([...sketch.entries()].map(([value]) => value)).toEqual([0.1, 1.0, 1.2, 2.2]);
    expect(sketch.getQuantile(0.5)).toBe(1.2);
    // Re-serialized in the old layout it is byte-identical; the default writer upgrades to preamble ints 6.
    expect(toHex(sketch.serialize({ preambleInts: 5 }))).toBe(toHex(bytes));
    expect(sketch.serialize()[0]).toBe(6);
  });

  it('reads the Java doubles one-item v1 file (preamble ints 5, full layout, k 200)', () => {
    const sketch = KllDoublesSketch.deserialize(
      readFixture('datasketches-java/kll_sketch_double_one_item_v1.sk'),
    );
    expect(sketch.k).toBe(200);
    expect(sketch.n).toBe(1);
    expect(sketch.min).toBe(1);
    expect(sketch.getQuantile(0.5)).toBe(1);
    expect(toHex(sketch.serialize())).toBe('02020f06c8000800000000000000f03f');
  });

  it('reads the Java serial-version-2 single item with flags 0', () => {
    const sketch = KllDoublesSketch.deserialize(readFixture('datasketches-java/kll_double_n1.sk'));
    expect(sketch.n).toBe(1);
    expect(sketch.k).toBe(200);
    expect(sketch.min).toBe(sketch.max);
  });

  it('reads KLL floats: the 1,000,000-item Java sketch and the one-item v1 files', () => {
    const big = KllDoublesSketch.deserializeFloats(
      readFixture('whylogs-sketching/kll/kll_sketch_from_java.sk'),
    );
    expect(big.n).toBe(1_000_000);
    expect(big.numRetained).toBe(614);
    expect(big.min).toBe(0);
    expect(big.max).toBe(999_999);
    const median = big.getQuantile(0.5);
    expect(Math.abs(median - 500_000) / 1_000_000).toBeLessThan(0.01);
    for (const path of [
      'whylogs-sketching/kll/kll_sketch_float_one_item_v1.sk',
      'datasketches-java/kll_sketch_float_one_item_v1.sk',
    ]) {
      const one = KllDoublesSketch.deserializeFloats(readFixture(path));
      expect(one.n).toBe(1);
      expect(one.getQuantile(0.5)).toBe(1);
    }
  });

  it('rejects corrupt bytes with typed errors naming the field', () => {
    const good = sketchOf([4, 2, 3, 5]).serialize();
    const cases: Array<[Uint8Array, RegExp]> = [
      [good.slice(0, 5), /kll\.(k|m)/],
      [good.slice(0, good.length - 3), /kll\.items/],
      [Uint8Array.of(...good.slice(0, 2), 7, ...good.slice(3)), /kll\.family/],
      [Uint8Array.of(good[0]!, 3, ...good.slice(2)), /kll\.serialVersion/],
      [Uint8Array.of(9, ...good.slice(1)), /kll\.preambleInts/],
      [Uint8Array.of(...good.slice(0, 8), 5, ...good.slice(9)), /kll\.n/],
      [Uint8Array.of(...good.slice(0, 18), 200, ...good.slice(19)), /kll\.numLevels/],
      [Uint8Array.of(...good.slice(0, 24), 0xff, 0xff, 0, 0, ...good.slice(28)), /kll\.levels/],
      [new Uint8Array(0), /kll\.preambleInts/],
    ];
    for (const [bytes, pattern] of cases) {
      expect(() => KllDoublesSketch.deserialize(bytes)).toThrow(pattern);
    }
  });
});

describe('KllDoublesSketch merge', () => {
  it('merges exact sketches into the same multiset and quantiles as one sketch', () => {
    const left = sketchOf([4, 2]);
    const right = sketchOf([3, 5]);
    left.merge(right);
    expect(left.n).toBe(4);
    expect(left.getQuantiles(RANKS)).toEqual([2, 2, 2, 3, 4, 5, 5, 5, 5]);
    expect(left.min).toBe(2);
    expect(left.max).toBe(5);
  });

  it('merges into an empty sketch and ignores an empty other', () => {
    const empty = KllDoublesSketch.create();
    empty.merge(sketchOf([1, 2, 3]));
    expect(empty.n).toBe(3);
    empty.merge(KllDoublesSketch.create());
    expect(empty.n).toBe(3);
  });

  it('keeps n, min, max exact and quantiles within the rank error when merging compacted sketches', () => {
    const left = sketchOf(range(0, 50_000));
    const right = sketchOf(range(50_000, 120_000), 256);
    left.merge(right);
    expect(left.n).toBe(120_000);
    expect(left.min).toBe(0);
    expect(left.max).toBe(119_999);
    expect(left.minK).toBe(256);
    for (const rank of RANKS) {
      expect(Math.abs(left.getQuantile(rank) / 120_000 - rank)).toBeLessThan(0.02);
    }
    const copy = KllDoublesSketch.deserialize(left.serialize());
    expect(copy.getQuantiles(RANKS)).toEqual(left.getQuantiles(RANKS));
  });

  it('is deterministic given the same coin flips', () => {
    const build = () => {
      const a = sketchOf(range(0, 4000));
      a.merge(sketchOf(range(4000, 9000)));
      return toHex(a.serialize());
    };
    expect(build()).toBe(build());
  });

  it('rejects bad options', () => {
    expect(() => KllDoublesSketch.create({ k: 4 })).toThrow(/options\.k/);
    expect(() => KllDoublesSketch.create({ k: 1.5 })).toThrow(/options\.k/);
  });
});
