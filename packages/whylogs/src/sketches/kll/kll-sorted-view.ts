/**
 * Every retained KLL item with its weight 2^level, merged by value, with *exclusive* cumulative weights (each
 * entry holds the weight of the entries before it), as the fork's `quantile_sketch_sorted_view` builds it for
 * whylogs' default `inclusive=false` queries.
 */
export class KllSortedView {
  readonly values: Float64Array;
  readonly cumulativeWeights: Float64Array;
  readonly totalWeight: number;

  /** `levels` delimit the sorted levels of `items` (level 0 must already be sorted). */
  constructor(items: Float64Array, levels: Uint32Array, numLevels: number) {
    const size = levels[numLevels]! - levels[0]!;
    let values = new Float64Array(size);
    let weights = new Float64Array(size);
    let scratchValues = new Float64Array(size);
    let scratchWeights = new Float64Array(size);
    let filled = 0;
    for (let level = 0; level < numLevels; level++) {
      const from = levels[level]!;
      const to = levels[level + 1]!;
      if (from === to) continue;
      const weight = 2 ** level;
      // std::merge of the entries so far with this level: equal values keep the earlier run first.
      let a = 0;
      let b = from;
      let c = 0;
      while (a < filled && b < to) {
        if (items[b]! < values[a]!) {
          scratchValues[c] = items[b++]!;
          scratchWeights[c++] = weight;
        } else {
          scratchValues[c] = values[a]!;
          scratchWeights[c++] = weights[a++]!;
        }
      }
      while (a < filled) {
        scratchValues[c] = values[a]!;
        scratchWeights[c++] = weights[a++]!;
      }
      while (b < to) {
        scratchValues[c] = items[b++]!;
        scratchWeights[c++] = weight;
      }
      filled = c;
      [values, scratchValues] = [scratchValues, values];
      [weights, scratchWeights] = [scratchWeights, weights];
    }
    let subtotal = 0;
    for (let index = 0; index < filled; index++) {
      const weight = weights[index]!;
      weights[index] = subtotal;
      subtotal += weight;
    }
    this.values = values;
    this.cumulativeWeights = weights;
    this.totalWeight = subtotal;
  }

  /** First value whose exclusive cumulative weight ≥ trunc(rank · total), or the last value. */
  quantile(rank: number): number {
    const weight = Math.trunc(rank * this.totalWeight);
    let low = 0;
    let high = this.values.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulativeWeights[middle]! < weight) low = middle + 1;
      else high = middle;
    }
    if (low === this.values.length) return this.values[this.values.length - 1]!;
    return this.values[low]!;
  }
}
