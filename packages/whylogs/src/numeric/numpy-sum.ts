/** numpy's reduction buffer size: `np.add.reduce` sums each 8192-element block pairwise, then adds blocks in order. */
const NUMPY_BUFFER_SIZE = 8192;
/** numpy's `PW_BLOCKSIZE`: below it, eight interleaved partial sums; above it, recursive halving. */
const PAIRWISE_BLOCK_SIZE = 128;

/** numpy's `pairwise_sum_DOUBLE` over `values[start, start + count)`. */
function pairwiseSum(values: ArrayLike<number>, start: number, count: number): number {
  if (count < 8) {
    // numpy starts from -0.0 so that a sum of only -0.0 stays -0.0.
    let result = -0;
    for (let index = 0; index < count; index++) result += values[start + index]!;
    return result;
  }
  if (count <= PAIRWISE_BLOCK_SIZE) {
    let r0 = values[start]!;
    let r1 = values[start + 1]!;
    let r2 = values[start + 2]!;
    let r3 = values[start + 3]!;
    let r4 = values[start + 4]!;
    let r5 = values[start + 5]!;
    let r6 = values[start + 6]!;
    let r7 = values[start + 7]!;
    const blockEnd = count - (count % 8);
    let index = 8;
    for (; index < blockEnd; index += 8) {
      const base = start + index;
      r0 += values[base]!;
      r1 += values[base + 1]!;
      r2 += values[base + 2]!;
      r3 += values[base + 3]!;
      r4 += values[base + 4]!;
      r5 += values[base + 5]!;
      r6 += values[base + 6]!;
      r7 += values[base + 7]!;
    }
    let result = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; index < count; index++) result += values[start + index]!;
    return result;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half);
}

/** `np.add.reduce(values)` for a float64 array, bit for bit (buffered blocks of pairwise sums). */
export function numpySum(values: ArrayLike<number>): number {
  let total = 0;
  for (let start = 0; start < values.length; start += NUMPY_BUFFER_SIZE) {
    total += pairwiseSum(values, start, Math.min(NUMPY_BUFFER_SIZE, values.length - start));
  }
  return total;
}

/** `arr.mean()` for a float64 (or int64 cast to float64) array. */
export function numpyMean(values: ArrayLike<number>): number {
  return numpySum(values) / values.length;
}

/**
 * `arr.var(ddof=1) * (n - 1)`, exactly as whylogs computes a batch's m2 (including the round trip). `mean` is
 * `numpyMean(values)`, passed by callers that already have it.
 */
export function numpyM2(values: ArrayLike<number>, scratch?: Float64Array, mean = numpyMean(values)): number {
  const count = values.length;
  const squares = scratch && scratch.length >= count ? scratch.subarray(0, count) : new Float64Array(count);
  writeSquaredDeviations(values, mean, squares);
  return (numpySum(squares) / (count - 1)) * (count - 1);
}

// A loop of its own: optimized on its own, so the caller's code after it is not compiled without feedback.
function writeSquaredDeviations(values: ArrayLike<number>, mean: number, squares: Float64Array): void {
  for (let index = 0; index < squares.length; index++) {
    const deviation = values[index]! - mean;
    squares[index] = deviation * deviation;
  }
}
