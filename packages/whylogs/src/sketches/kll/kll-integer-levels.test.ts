import { describe, expect, it } from 'vitest';
import { toHex } from '../../test-support/bytes';
import { seededRandom } from '../../test-support/seeded-random';
import { KllDoublesSketch } from './kll-doubles-sketch';

/** A seeded coin, so one-by-one and bulk sketches see the same flips in the same order. */
function seededBits(seed: number): () => number {
  const random = seededRandom(seed);
  return () => (random() < 0.5 ? 1 : 0);
}

/** `count` integers in [low, low + span), seeded. */
function integers(count: number, low: number, span: number, seed: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return low + (state % span);
  });
}

function extremes(values: Float64Array): [number, number] {
  let min = values[0]!;
  let max = min;
  for (const value of values) {
    if (value < min) min = value;
    if (max < value) max = value;
  }
  return [min, max];
}

/** A pair of sketches with the same coin: `bulk` fed by updateAllIntegers, `single` one value at a time. */
function pair(k = 200) {
  const bulk = KllDoublesSketch.create({ k, randomBit: seededBits(99) });
  const single = KllDoublesSketch.create({ k, randomBit: seededBits(99) });
  return {
    bulk,
    single,
    add(values: Float64Array) {
      const [min, max] = extremes(values);
      bulk.updateAllIntegers(values, min, max);
      for (const value of values) single.update(value);
    },
    expectSame(label: string) {
      expect(toHex(bulk.serialize()), label).toBe(toHex(single.serialize()));
    },
  };
}

// Hundreds of thousands of one-by-one updates: slow on a loaded 2-core machine.
const SLOW_TEST_TIMEOUT = 120_000;

describe('KLL levels kept as integer counts', () => {
  it(
    'match one-by-one updates when the range later widens, first within the rows and then beyond them',
    () => {
      const sketches = pair();
      sketches.add(integers(30_000, 0, 40, 1));
      // Below the rows' base but still narrow: the rows are rebuilt from a new base.
      sketches.add(integers(30_000, -20, 60, 2));
      sketches.expectSame('rebased');
      // Wider than a row: the levels go back to the buffer for good.
      sketches.add(integers(30_000, -20, 1000, 3));
      sketches.add(integers(30_000, 0, 10, 4));
      sketches.expectSame('widened');
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'match one-by-one updates with queries, copies, merges and a fractional value in between',
    () => {
      const sketches = pair();
      sketches.add(integers(50_000, 5, 50, 5));
      // Queries read (and sort) the levels; updating goes on with the counts afterwards.
      expect(sketches.bulk.getQuantile(0.5)).toBe(sketches.single.getQuantile(0.5));
      expect(sketches.bulk.getRank(30)).toBe(sketches.single.getRank(30));
      expect(sketches.bulk.getCDF([10, 20, 40])).toEqual(sketches.single.getCDF([10, 20, 40]));
      expect([...sketches.bulk.entries()]).toEqual([...sketches.single.entries()]);
      sketches.add(integers(50_000, 5, 50, 6));
      const copy = sketches.bulk.clone();
      sketches.expectSame('after queries');
      expect(toHex(copy.serialize())).toBe(toHex(sketches.single.serialize()));
      // Merging a sketch still in count form, into one and from one.
      const other = pair();
      other.add(integers(40_000, 0, 30, 7));
      sketches.bulk.merge(other.bulk);
      sketches.single.merge(other.single);
      sketches.expectSame('merged');
      sketches.add(integers(20_000, 5, 50, 8));
      sketches.bulk.update(0.5);
      sketches.single.update(0.5);
      sketches.add(integers(20_000, 5, 50, 9));
      sketches.expectSame('after a fractional value');
    },
    SLOW_TEST_TIMEOUT,
  );

  it('match one-by-one updates at whylogs k = 1024 over 600,000 values of 0…9', () => {
    const sketches = pair(1024);
    for (let seed = 10; seed < 16; seed++) sketches.add(integers(100_000, 0, 10, seed));
    sketches.expectSame('k 1024');
  });
});
