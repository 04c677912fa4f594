import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../test-support/read-fixture';
import { FrequentStringsSketch } from './frequencies/frequent-strings-sketch';
import { HllSketch } from './hll/hll-sketch';
import { KllDoublesSketch } from './kll/kll-doubles-sketch';
import { createAlternatingBits } from './kll/kll-helper';

// Fuzzes every reader with truncations, bit flips and random bytes derived from valid images. Each attempt
// must either decode to a usable sketch or throw InvalidOptionError; never another error, never a hang.

function next(state: { seed: number }): number {
  state.seed = (state.seed * 1103515245 + 12345) % 2147483648;
  return state.seed / 2147483648;
}

function mutations(image: Uint8Array, count: number, state: { seed: number }): Uint8Array[] {
  const results: Uint8Array[] = [];
  for (let length = 0; length < Math.min(image.length, 64); length++) results.push(image.slice(0, length));
  results.push(image.slice(0, image.length - 1));
  for (let attempt = 0; attempt < count; attempt++) {
    const copy = image.slice();
    const flips = 1 + Math.floor(next(state) * 3);
    for (let flip = 0; flip < flips; flip++) {
      // Mostly hit the header, where counts and sizes live.
      const position = Math.floor(next(state) * Math.min(copy.length, next(state) < 0.7 ? 48 : copy.length));
      copy[position] = Math.floor(next(state) * 256);
    }
    results.push(copy);
  }
  return results;
}

function expectSafe(read: () => unknown, use: (value: any) => void): void {
  try {
    use(read());
  } catch (error) {
    if (!InvalidOptionError.isInstance(error)) throw error;
  }
}

// CPU-bound loops over thousands of mutations: a generous bound, since the test machine may be shared.
const MUTATION_TIMEOUT_MS = 300_000;

describe('sketch readers on corrupt input', () => {
  it(
    'KLL: every mutation decodes or throws InvalidOptionError',
    () => {
      const state = { seed: 1 };
      const big = KllDoublesSketch.create({ randomBit: createAlternatingBits() });
      for (let value = 0; value < 5000; value++) big.update(value);
      const images = [
        big.serialize(),
        big.serialize({ preambleInts: 5 }),
        KllDoublesSketch.create().serialize(),
        readFixture('datasketches-java/kll_double_n1.sk'),
      ];
      for (const image of images) {
        for (const bytes of mutations(image, 400, state)) {
          expectSafe(
            () => KllDoublesSketch.deserialize(bytes),
            (sketch: KllDoublesSketch) => {
              sketch.getQuantiles([0.1, 0.5, 0.9]);
              sketch.update(1);
              sketch.serialize();
            },
          );
          expectSafe(
            () => KllDoublesSketch.deserializeFloats(bytes),
            (sketch: KllDoublesSketch) => sketch.getCDF([1]),
          );
        }
      }
    },
    MUTATION_TIMEOUT_MS,
  );

  it(
    'HLL: every mutation decodes or throws InvalidOptionError',
    () => {
      const state = { seed: 2 };
      const images: Uint8Array[] = [];
      for (const count of [3, 50, 1000, 100_000]) {
        const sketch = HllSketch.create();
        for (let value = 0; value < count; value++) sketch.updateInteger(value);
        images.push(sketch.serializeCompact(), sketch.serializeUpdatable());
      }
      images.push(readFixture('whylogs-sketching/hll/array6_from_java.sk'));
      for (const image of images) {
        for (const bytes of mutations(image, 300, state)) {
          expectSafe(
            () => HllSketch.deserialize(bytes),
            (sketch: HllSketch) => {
              for (let value = 0; value < 50; value++) sketch.updateInteger(value * 7919);
              void sketch.estimate;
              sketch.lowerBound(2);
              sketch.serializeCompact();
              HllSketch.union(sketch, sketch);
            },
          );
        }
      }
    },
    MUTATION_TIMEOUT_MS,
  );

  it(
    'frequent strings: every mutation decodes or throws InvalidOptionError',
    () => {
      const state = { seed: 3 };
      const sketch = FrequentStringsSketch.create();
      for (let value = 0; value < 2000; value++) sketch.update(`v${value % 900}`);
      const images = [
        sketch.serialize(),
        FrequentStringsSketch.create().serialize(),
        readFixture('whylogs-sketching/fi/items_sketch_string_utf8_from_java.sk'),
      ];
      for (const image of images) {
        for (const bytes of mutations(image, 400, state)) {
          expectSafe(
            () => FrequentStringsSketch.deserialize(bytes),
            (decoded: FrequentStringsSketch) => {
              decoded.update('x');
              decoded.getFrequentItems('NO_FALSE_NEGATIVES');
              decoded.serialize();
            },
          );
        }
      }
    },
    MUTATION_TIMEOUT_MS,
  );

  it('rejects non-Uint8Array input with a typed error', () => {
    expect(() => KllDoublesSketch.deserialize('abc' as never)).toThrow(InvalidOptionError);
    expect(() => HllSketch.deserialize([1, 2] as never)).toThrow(InvalidOptionError);
  });
});
