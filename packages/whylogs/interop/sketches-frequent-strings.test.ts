import { describe, expect, it } from 'vitest';
import { type FrequentItemsErrorType, FrequentStringsSketch } from '../src/sketches';
import { hex, runOracle, seededRandom, unhex } from './sketches-oracle';

// Frequent strings against whylogs-sketching on Linux (libstdc++ std::hash): bytes are compared exactly
// (same slot order), as are counts, offsets and the item lists as sets of rows. Merges go through whylogs'
// own `_fs_merge` (copy via serialize/deserialize, then merge).

interface FiResult {
  bytes: string;
  numActive: number;
  totalWeight: number;
  rows: Record<FrequentItemsErrorType, Array<[string, number, number, number]>>;
}

function ours(items: Array<[string, number]>, lgMaxMapSize = 10): FrequentStringsSketch {
  // Python's sketch does not truncate; whylogs truncates before it. Disable ours to compare the sketch alone.
  const sketch = FrequentStringsSketch.create({ lgMaxMapSize, maxItemCodePoints: Number.POSITIVE_INFINITY });
  for (const [item, weight] of items) sketch.update(item, weight);
  return sketch;
}

const byValue = (rows: Array<[string, number, number, number]>) =>
  [...rows].sort(
    (left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : left[0] > right[0] ? 1 : 0),
  );

function expectSame(sketch: FrequentStringsSketch, python: FiResult): void {
  expect(hex(sketch.serialize())).toBe(python.bytes);
  expect(sketch.numActiveItems).toBe(python.numActive);
  expect(sketch.totalWeight).toBe(python.totalWeight);
  for (const errorType of ['NO_FALSE_POSITIVES', 'NO_FALSE_NEGATIVES'] as const) {
    const mine = sketch
      .getFrequentItems(errorType)
      .map((row): [string, number, number, number] => [
        row.item,
        row.estimate,
        row.lowerBound,
        row.upperBound,
      ]);
    // Ties have no defined order in the C++ (std::sort), so compare sorted by (estimate desc, value).
    expect(byValue(mine)).toEqual(byValue(python.rows[errorType]));
    expect(mine.map((row) => row[1])).toEqual(python.rows[errorType].map((row) => row[1]));
  }
}

const random = seededRandom(3);
const zipf = (count: number, vocabulary: number): Array<[string, number]> =>
  Array.from({ length: count }, () => [`w${Math.floor(vocabulary ** random())}`, 1]);

const streams: Array<{ name: string; items: Array<[string, number]>; lgMaxMapSize?: number }> = [
  { name: 'empty', items: [] },
  { name: 'worked example', items: ['4', '2', '3', '5'].map((item) => [item, 1]) },
  {
    name: 'weighted animals',
    items: [
      ['cat', 5],
      ['snake', 3],
      ['hawk', 2],
    ],
  },
  {
    name: 'unicode and empty strings',
    items: ['', 'é', '😀', 'абвгд', '', 'x'.repeat(500)].map((item) => [item, 1]),
  },
  { name: '"0".."999" (purges)', items: Array.from({ length: 1000 }, (_, index) => [String(index), 1]) },
  { name: 'zipf 20000 over 5000 words', items: zipf(20_000, 5000) },
  {
    name: 'weighted random',
    items: Array.from({ length: 3000 }, (_, index) => [`k${index % 1500}`, 1 + (index % 7)]),
  },
  { name: 'lg 6 map, 2000 items', items: zipf(2000, 300), lgMaxMapSize: 6 },
];

describe('frequent strings interop with whylogs-sketching (Linux)', () => {
  it('builds byte-identical sketches with the same counts, offsets and item lists', () => {
    const results = runOracle<FiResult>(
      streams.map(({ items, lgMaxMapSize }) => ({ kind: 'fi', items, lgMaxMapSize })),
    );
    for (const [index, { items, lgMaxMapSize }] of streams.entries()) {
      expectSame(ours(items, lgMaxMapSize), results[index]!);
    }
  });

  it('Python reads our bytes, and re-serializes them identically to our own read', () => {
    const sketches = streams.map(({ items, lgMaxMapSize }) => ours(items, lgMaxMapSize));
    const results = runOracle<FiResult>(
      sketches.map((sketch) => ({ kind: 'fi_read', bytes: hex(sketch.serialize()) })),
    );
    sketches.forEach((sketch, index) => {
      expectSame(
        FrequentStringsSketch.deserialize(sketch.serialize(), { maxItemCodePoints: Infinity }),
        results[index]!,
      );
    });
  });

  it('merges exactly like whylogs `_fs_merge`', () => {
    const pairs: Array<[Array<[string, number]>, Array<[string, number]>]> = [
      [streams[1]!.items, streams[2]!.items],
      [zipf(5000, 2000), zipf(5000, 2000)],
      [streams[4]!.items, streams[5]!.items],
      [[], streams[3]!.items],
    ];
    const results = runOracle<FiResult>(
      pairs.map(([left, right]) => ({
        kind: 'fi_merge',
        left: hex(ours(left).serialize()),
        right: hex(ours(right).serialize()),
      })),
    );
    pairs.forEach(([left, right], index) => {
      // Python reads both sides from our bytes, then `_fs_merge` copies the left one through
      // serialize/deserialize again; every read re-inserts items, so replay the same steps.
      const pythonLeft = FrequentStringsSketch.deserialize(ours(left).serialize());
      const merged = FrequentStringsSketch.deserialize(pythonLeft.serialize());
      merged.merge(FrequentStringsSketch.deserialize(ours(right).serialize()));
      expectSame(merged, results[index]!);
    });
  });

  it('reads a Python-written sketch with purges and agrees on every estimate', () => {
    const items = zipf(30_000, 10_000);
    const [written] = runOracle<FiResult>([{ kind: 'fi', items }]);
    expectSame(ours(items), written!);
    // Reading re-inserts items in file order (on both sides), so compare with Python's own read.
    const [reread] = runOracle<FiResult>([{ kind: 'fi_read', bytes: written!.bytes }]);
    const sketch = FrequentStringsSketch.deserialize(unhex(written!.bytes));
    expect(sketch.maximumError).toBeGreaterThan(0);
    expectSame(sketch, reread!);
  });
});
