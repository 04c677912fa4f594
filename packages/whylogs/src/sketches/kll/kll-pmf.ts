import { sketchError } from '../common/sketch-error';
import type { KllBuffers } from './kll-buffers';

/**
 * Exclusive PMF or CDF at strictly increasing split points (`get_PMF_or_CDF<false>`): an item counts toward the
 * first split point it is strictly below. Unsorted level 0 is scanned item by item, so no sorting side effect.
 */
export function pmfOrCdf(sketch: KllBuffers, splitPoints: readonly number[], cumulative: boolean): number[] {
  if (sketch.nItems === 0) return [];
  for (let index = 0; index < splitPoints.length; index++) {
    const point = splitPoints[index];
    if (typeof point !== 'number' || Number.isNaN(point)) {
      throw sketchError(`splitPoints[${index}]`, 'split points must be numbers, not NaN');
    }
    if (index > 0 && !(splitPoints[index - 1]! < point)) {
      throw sketchError(`splitPoints[${index}]`, 'split points must be unique and increasing');
    }
  }
  const size = splitPoints.length;
  const buckets = new Array<number>(size + 1).fill(0);
  let weight = 1;
  for (let level = 0; level < sketch.numLevels; level++) {
    const from = sketch.levels[level]!;
    const to = sketch.levels[level + 1]!;
    if (level === 0 && !sketch.isLevelZeroSorted) {
      for (let index = from; index < to; index++) {
        let bucket = 0;
        while (bucket < size && !(sketch.items[index]! < splitPoints[bucket]!)) bucket++;
        buckets[bucket]! += weight;
      }
    } else {
      let index = from;
      let bucket = 0;
      while (index < to && bucket < size) {
        if (sketch.items[index]! < splitPoints[bucket]!) {
          buckets[bucket]! += weight;
          index++;
        } else {
          bucket++;
        }
      }
      if (bucket === size) buckets[bucket]! += weight * (to - index);
    }
    weight *= 2;
  }
  if (cumulative) {
    let subtotal = 0;
    for (let index = 0; index <= size; index++) {
      subtotal += buckets[index]!;
      buckets[index] = subtotal / sketch.nItems;
    }
  } else {
    for (let index = 0; index <= size; index++) buckets[index] = buckets[index]! / sketch.nItems;
  }
  return buckets;
}
