import { describe, expect, it } from 'vitest';
import { toHex } from '../../test-support/bytes';
import { KllDoublesSketch } from './kll-doubles-sketch';
import { libstdcxxSort } from './libstdcxx-sort';
import { sortRange } from './sort-range';

/** A seeded coin (xorshift32), so one-by-one and bulk sketches see the same flips in the same order. */
function seededBits(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state & 1;
  };
}

function seededValues(count: number, seed: number): Float64Array {
  const values = new Float64Array(count);
  const next = seededBits(seed);
  for (let index = 0; index < count; index++) {
    let bits = 0;
    for (let bit = 0; bit < 20; bit++) bits = bits * 2 + next();
    values[index] = bits % 7 === 0 ? -0 : bits % 11 === 0 ? 0 : bits % 13 === 0 ? Number.NaN : bits - 500_000;
  }
  return values;
}

describe('KllDoublesSketch.updateAll', () => {
  it('builds byte-identical sketches to one-by-one updates across many compactions (NaN, ±0 included)', () => {
    // With NaN (the skipping path); without NaN (the scan-and-copy path); small ints whose minimum is a zero
    // of either sign (the earlier zero must stay the minimum).
    const shapes: Record<string, (value: number, index: number) => number> = {
      withNaN: (value) => value,
      withoutNaN: (value, index) => (Number.isNaN(value) ? (index % 2 ? 0 : -0) : value),
      smallInts: (value, index) =>
        Number.isNaN(value) || value === 0 ? (index % 2 ? 0 : -0) : Math.abs(value) % 4,
    };
    for (const [k, count, shape] of [
      [8, 5000, 'withNaN'],
      [200, 50_000, 'withNaN'],
      [1024, 200_000, 'withNaN'],
      [8, 5000, 'withoutNaN'],
      [1024, 200_000, 'withoutNaN'],
      [8, 5000, 'smallInts'],
      [1024, 200_000, 'smallInts'],
    ] as const) {
      const values = seededValues(count, k).map(shapes[shape]!);
      const single = KllDoublesSketch.create({ k, randomBit: seededBits(99) });
      for (const value of values) single.update(value);
      const bulk = KllDoublesSketch.create({ k, randomBit: seededBits(99) });
      // Uneven slices, so runs start and end anywhere relative to compactions.
      let start = 0;
      for (let size = 1; start < count; size = (size * 7 + 3) % 997) {
        bulk.updateAll(values, start, Math.min(count, start + size));
        start += size;
      }
      expect(bulk.n, shape).toBe(single.n);
      expect(Object.is(bulk.min, single.min), shape).toBe(true);
      expect(Object.is(bulk.max, single.max)).toBe(true);
      expect(toHex(bulk.serialize())).toBe(toHex(single.serialize()));
    }
  });

  it('updateAllIntegers builds byte-identical sketches to one-by-one updates (counting sort and halving from the extremes)', () => {
    // Spans narrow enough for the counting shortcut (0…9, −25…24) and one too wide for it (falls back).
    for (const [k, count, span, offset] of [
      [8, 5000, 10, 0],
      [200, 50_000, 50, -25],
      [1024, 300_000, 10, 0],
      [1024, 300_000, 50, 0],
      [1024, 100_000, 1_000_000, -500_000],
    ] as const) {
      const next = seededBits(count + span);
      const values = Float64Array.from({ length: count }, () => {
        let bits = 0;
        for (let bit = 0; bit < 20; bit++) bits = bits * 2 + next();
        return (bits % span) + offset;
      });
      const single = KllDoublesSketch.create({ k, randomBit: seededBits(7) });
      for (const value of values) single.update(value);
      const bulk = KllDoublesSketch.create({ k, randomBit: seededBits(7) });
      for (let start = 0; start < count; start += 100_000) {
        const batch = values.subarray(start, Math.min(count, start + 100_000));
        let min = batch[0]!;
        let max = min;
        for (const value of batch) {
          if (value < min) min = value;
          if (max < value) max = value;
        }
        bulk.updateAllIntegers(batch, min, max);
      }
      expect(toHex(bulk.serialize()), `k ${k}, span ${span}`).toBe(toHex(single.serialize()));
    }
  });

  it('leaves an empty sketch empty when given only NaN, and takes min/max from the first real value', () => {
    const sketch = KllDoublesSketch.create();
    sketch.updateAll(Float64Array.of(Number.NaN, Number.NaN));
    expect(sketch.isEmpty).toBe(true);
    sketch.updateAll(Float64Array.of(Number.NaN, 3, -1, 7));
    expect([sketch.n, sketch.min, sketch.max]).toEqual([3, -1, 7]);
  });
});

const sortKey = (value: number) => (Object.is(value, -0) ? '-0' : String(value));

/**
 * The order the fork leaves: any correct sort, except that where −0 and +0 meet (and no NaN) their order is
 * libstdc++ `std::sort`'s (checked against g++ in libstdcxx-sort.test.ts), not the builtin's −0 first.
 */
function forkOrder(buffer: Float64Array, begin: number, end: number): void {
  const range = buffer.subarray(begin, end);
  const mixedZeros =
    range.some((value) => Object.is(value, -0)) && range.some((value) => Object.is(value, 0));
  if (mixedZeros && !range.some(Number.isNaN)) libstdcxxSort(buffer, begin, end);
  else range.sort();
}

describe('sortRange', () => {
  it('sorts many-valued ranges without NaN in the fork order, zeros of both signs included', () => {
    const next = seededBits(11);
    for (const length of [0, 1, 2, 15, 16, 17, 40, 100, 333, 1000, 5000]) {
      for (const withZeros of [false, true]) {
        const values = new Float64Array(length + 3);
        for (let index = 0; index < values.length; index++) {
          let bits = 0;
          for (let bit = 0; bit < 16; bit++) bits = bits * 2 + next();
          values[index] =
            withZeros && bits % 5 === 0 ? (bits % 2 ? -0 : 0) : (bits % 3000) - 1500 + bits / 65536;
        }
        const expected = values.slice();
        forkOrder(expected, 1, 1 + length);
        sortRange(values, 1, 1 + length);
        expect(Array.from(values, sortKey)).toEqual(Array.from(expected, sortKey));
      }
    }
  });

  it('sorts skewed, clustered and repetitive ranges (crowded value buckets) in the fork order', () => {
    const next = seededBits(5);
    const uniform = () => {
      let bits = 0;
      for (let bit = 0; bit < 24; bit++) bits = bits * 2 + next();
      return (bits + 0.5) / 2 ** 24;
    };
    const shapes: Record<string, () => number> = {
      heavyTail: () => Math.exp(12 * uniform() ** 3) * (next() ? 1 : -1),
      outliers: () => (uniform() < 0.02 ? 1e12 * uniform() : uniform()),
      fewValues: () => [3, -0, 0, 7.25, -2][Math.floor(uniform() * 5)]!,
      geometric: () => 2 ** -Math.floor(uniform() * 60),
      tinySpan: () => 1 + Math.floor(uniform() * 8) * Number.EPSILON,
    };
    for (const [shape, draw] of Object.entries(shapes)) {
      for (const length of [47, 48, 64, 200, 1000, 4000]) {
        const values = Float64Array.from({ length: length + 2 }, draw);
        const expected = values.slice();
        forkOrder(expected, 1, 1 + length);
        sortRange(values, 1, 1 + length);
        expect(Array.from(values, sortKey), `${shape} ${length}`).toEqual(Array.from(expected, sortKey));
      }
    }
  });

  it('sorts low-cardinality integer ranges (the counting path) exactly like the builtin, zeros keeping their sign', () => {
    const next = seededBits(3);
    const draw = (bits: number) => {
      let value = 0;
      for (let bit = 0; bit < bits; bit++) value = value * 2 + next();
      return value;
    };
    const cases: Record<string, () => number> = {
      digits: () => draw(3),
      negativeZeroAndSmall: () => (draw(2) === 0 ? -0 : draw(4) - 7),
      positiveZeroAndSmall: () => draw(4) - 8,
      wideSpan: () => draw(12) - 2000,
      largeOffset: () => 2 ** 52 + draw(5),
      integersAndHalf: () => (draw(6) === 0 ? 2.5 : draw(4)),
      withInfinity: () => (draw(7) === 0 ? Number.POSITIVE_INFINITY : draw(4)),
    };
    for (const [name, value] of Object.entries(cases)) {
      for (const length of [0, 1, 16, 17, 18, 47, 90, 500, 3000]) {
        const values = Float64Array.from({ length: length + 2 }, value);
        // Keep one zero sign per range: mixed zeros take the fork's (libstdc++) order, tested above.
        if (name === 'negativeZeroAndSmall') {
          for (let index = 0; index < values.length; index++) if (values[index] === 0) values[index] = -0;
        }
        const expected = values.slice();
        expected.subarray(1, 1 + length).sort();
        sortRange(values, 1, 1 + length);
        expect(Array.from(values, sortKey), `${name} ${length}`).toEqual(Array.from(expected, sortKey));
      }
    }
  });

  it('orders every range exactly in the fork order (NaN last, builtin order when NaN is present)', () => {
    const next = seededBits(7);
    for (let length = 0; length < 400; length += length < 40 ? 1 : 17) {
      const values = new Float64Array(length + 4);
      for (let index = 0; index < values.length; index++) {
        const pick = (next() << 2) | (next() << 1) | next();
        values[index] = [0, -0, Number.NaN, 1.5, -1.5, Number.POSITIVE_INFINITY, 2, -2][pick]!;
      }
      const expected = values.slice();
      forkOrder(expected, 2, 2 + length);
      sortRange(values, 2, 2 + length);
      expect(Array.from(values, (value) => (Object.is(value, -0) ? '-0' : String(value)))).toEqual(
        Array.from(expected, (value) => (Object.is(value, -0) ? '-0' : String(value))),
      );
    }
  });
});
