import { describe, expect, it } from 'vitest';
import { FrequentStringsSketch, HllSketch } from '../sketches';
import { toHex } from '../test-support/bytes';
import { IntegerItemCache } from './integer-item-cache';

function seededInts(count: number, range: number): Float64Array {
  let state = 12345;
  const values = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    // Negative, colliding (value & 4095 equal) and large values included.
    values[index] = (state % range) - range / 4 + (index % 97 === 0 ? 2 ** 40 : 0);
  }
  return values;
}

// Millions of sketch updates: ~4 s alone on a loaded 2-core machine, so the 5 s default is too tight.
const SLOW_TEST_TIMEOUT = 120_000;

describe('IntegerItemCache', () => {
  it(
    'gives the same sketch bytes as sketch.update(String(value)), through purges',
    () => {
      // Whole numbers take the counting path while the frequent items have room (50: always; 700 and 900: until
      // the room runs out mid-batch; then value by value through purges); the ±.5 values never do.
      for (const [range, whole] of [
        [50, false],
        [5000, false],
        [1_000_000, false],
        [50, true],
        [700, true],
        [900, true],
        [5000, true],
        [1_000_000, true],
      ] as const) {
        const raw = seededInts(60_000, range);
        const ints = whole ? raw.map(Math.floor) : raw;
        const expected = FrequentStringsSketch.create();
        for (const value of ints) expected.update(String(value));
        const actual = FrequentStringsSketch.create();
        const cache = new IntegerItemCache();
        cache.updateAll(actual, ints.subarray(0, 10_000));
        cache.updateAll(actual, ints.subarray(10_000));
        expect(actual.totalWeight).toBe(expected.totalWeight);
        expect(actual.maximumError).toBe(expected.maximumError);
        expect(toHex(actual.serialize())).toBe(toHex(expected.serialize()));
      }
    },
    SLOW_TEST_TIMEOUT,
  );

  it('truncates the text to maxItemCodePoints, as update() does', () => {
    const ints = Float64Array.of(123456, -98, 123456, 7);
    const expected = FrequentStringsSketch.create({ maxItemCodePoints: 2 });
    for (const value of ints) expected.update(String(value));
    const actual = FrequentStringsSketch.create({ maxItemCodePoints: 2 });
    new IntegerItemCache().updateAll(actual, ints);
    expect(toHex(actual.serialize())).toBe(toHex(expected.serialize()));
    expect(actual.getLowerBound('12')).toBe(2);
  });

  it(
    'feeds the HLL like hll.updateInteger on every value, alone or beside frequent items',
    () => {
      for (const range of [50, 5000, 1_000_000]) {
        // Integers only: the HLL path takes safe integers.
        const ints = seededInts(60_000, range).map(Math.floor);
        const expectedHll = HllSketch.create();
        const expectedItems = FrequentStringsSketch.create();
        for (const value of ints) {
          expectedHll.updateInteger(value);
          expectedItems.update(String(value));
        }
        for (const withItems of [true, false]) {
          const hll = HllSketch.create();
          const items = withItems ? FrequentStringsSketch.create() : undefined;
          const cache = new IntegerItemCache();
          cache.updateAll(items, ints.subarray(0, 7_000), hll);
          cache.updateAll(items, ints.subarray(7_000), hll);
          expect(toHex(hll.serializeCompact())).toBe(toHex(expectedHll.serializeCompact()));
          expect(toHex(hll.serializeUpdatable())).toBe(toHex(expectedHll.serializeUpdatable()));
          if (items) expect(toHex(items.serialize())).toBe(toHex(expectedItems.serialize()));
        }
      }
    },
    SLOW_TEST_TIMEOUT,
  );
});
