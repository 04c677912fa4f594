import { describe, expect, it } from 'vitest';
import { HllSketch, type HllTargetType } from '../src/sketches';
import { hex, jsonNumber, pythonFloat, runOracle, seededRandom, unhex } from './sketches-oracle';

// HLL is deterministic, so everything is compared exactly against whylogs-sketching: compact and updatable
// bytes, estimates and bounds at 1-3 standard deviations (as Python doubles), unions via whylogs' own
// `_hll_merge`, and Python reading our bytes.

type Update = ['i', number] | ['d', number | string] | ['s', string];

interface HllResult {
  compact: string;
  updatable: string;
  estimate: string;
  lower: string[];
  upper: string[];
  targetType: HllTargetType;
  lgK: number;
}

function ours(updates: Update[], lgK = 12, targetType: HllTargetType = 'HLL_4'): HllSketch {
  const sketch = HllSketch.create({ lgK, targetType });
  for (const [kind, value] of updates) {
    if (kind === 'i') sketch.updateInteger(value);
    else if (kind === 'd')
      sketch.updateDouble(typeof value === 'string' ? Number(value.replace('inf', 'Infinity')) : value);
    else sketch.updateString(value);
  }
  return sketch;
}

function expectSame(sketch: HllSketch, python: HllResult): void {
  expect(hex(sketch.serializeCompact())).toBe(python.compact);
  expect(hex(sketch.serializeUpdatable())).toBe(python.updatable);
  expect(sketch.estimate).toBe(pythonFloat(python.estimate));
  expect([1, 2, 3].map((deviations) => sketch.lowerBound(deviations))).toEqual(python.lower.map(pythonFloat));
  expect([1, 2, 3].map((deviations) => sketch.upperBound(deviations))).toEqual(python.upper.map(pythonFloat));
  expect(sketch.targetType).toBe(python.targetType);
  expect(sketch.lgK).toBe(python.lgK);
}

const random = seededRandom(11);
const ints = (n: number, start = 0): Update[] =>
  Array.from({ length: n }, (_, index) => ['i', start + index]);
const datasets: Array<{ name: string; updates: Update[]; lgK?: number; targetType?: HllTargetType }> = [
  { name: 'empty', updates: [] },
  { name: 'ints 0..4', updates: ints(5) },
  { name: 'ints 0..49 (SET)', updates: ints(50) },
  { name: 'ints 0..383 (largest SET)', updates: ints(384) },
  { name: 'ints 0..384 (promotion)', updates: ints(385) },
  { name: 'ints 0..99999 (curMin shift, aux map)', updates: ints(100_000) },
  {
    name: 'negative and large ints',
    updates: [-1, -(2 ** 53), 2 ** 53, 123456789012].map((value) => ['i', value]),
  },
  {
    name: 'doubles incl. -0.0, NaN, ±inf',
    updates: [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5, 1e-300].map(
      (value) => ['d', jsonNumber(value)] as Update,
    ),
  },
  {
    name: '5000 random doubles',
    updates: Array.from({ length: 5000 }, () => ['d', random() * 1e9] as Update),
  },
  {
    name: 'strings incl. empty, unicode and long',
    updates: ['', 'a', 'café', '😀 emoji', 'x'.repeat(300), 'some', 'text'].map(
      (value) => ['s', value] as Update,
    ),
  },
  {
    name: 'mixed 3000 updates',
    updates: Array.from({ length: 3000 }, (_, index): Update => {
      if (index % 3 === 0) return ['i', index];
      if (index % 3 === 1) return ['d', index + 0.5];
      return ['s', `value-${index}`];
    }),
  },
  { name: 'lgK 8 HLL_6, 2000 ints', updates: ints(2000), lgK: 8, targetType: 'HLL_6' },
  { name: 'lgK 14 HLL_8, 20000 ints', updates: ints(20_000), lgK: 14, targetType: 'HLL_8' },
  { name: 'lgK 4 (LIST straight to HLL), 100 ints', updates: ints(100), lgK: 4 },
  { name: 'lgK 21, 10000 ints', updates: ints(10_000), lgK: 21 },
];

describe('HLL interop with whylogs-sketching', () => {
  it('builds byte-identical sketches with identical estimates and bounds', () => {
    const results = runOracle<HllResult>(
      datasets.map(({ updates, lgK, targetType }) => ({ kind: 'hll', updates, lgK, targetType })),
    );
    datasets.forEach(({ updates, lgK, targetType }, index) => {
      expectSame(ours(updates, lgK, targetType), results[index]!);
    });
  });

  it('Python reads our compact and updatable bytes back to the same sketch', () => {
    const sketches = datasets.map(({ updates, lgK, targetType }) => ours(updates, lgK, targetType));
    const jobs = sketches.flatMap((sketch) => [
      { kind: 'hll_read', bytes: hex(sketch.serializeCompact()) },
      { kind: 'hll_read', bytes: hex(sketch.serializeUpdatable()) },
    ]);
    const results = runOracle<HllResult>(jobs);
    sketches.forEach((sketch, index) => {
      for (const python of [results[2 * index]!, results[2 * index + 1]!]) {
        expect(sketch.estimate).toBe(pythonFloat(python.estimate));
        // A compact SET re-inserts on read (on both sides), so compare what we read from the same bytes.
        expectSame(HllSketch.deserialize(unhex(python.updatable)), python);
      }
    });
  });

  it('merges exactly like whylogs `_hll_merge` (union with lgK = max, wider target type)', () => {
    const pairs: Array<[HllSketch, HllSketch]> = [
      [ours(ints(1000)), ours(ints(1000, 500))],
      [ours(ints(5)), ours(ints(7, 3))],
      [ours(ints(100)), ours(ints(5000, 50))],
      [ours(ints(5000)), ours(ints(30))],
      [ours(ints(3000), 12), ours(ints(3000, 1000), 10, 'HLL_8')],
      [ours(ints(3000), 11, 'HLL_6'), ours(ints(40_000, 7), 13)],
      [ours([]), ours(ints(500))],
      [ours(ints(200_000)), ours(ints(200_000, 100_000))],
    ];
    const results = runOracle<HllResult>(
      pairs.map(([left, right]) => ({
        kind: 'hll_merge',
        left: hex(left.serializeCompact()),
        right: hex(right.serializeCompact()),
      })),
    );
    pairs.forEach(([left, right], index) => {
      // Merge what Python merged: our own bytes read back (a compact SET re-inserts coupons on read).
      const merged = HllSketch.union(
        HllSketch.deserialize(left.serializeCompact()),
        HllSketch.deserialize(right.serializeCompact()),
      );
      expectSame(merged, results[index]!);
    });
  });
});
