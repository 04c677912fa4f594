// Level arithmetic and compaction for the KLL sketch, ported from the whylogs-sketching fork's
// `kll_helper_impl.hpp` so that, given the same coin flips, our buffers match the C++ ones item for item.

/** The minimum level width ("m"); fixed at 8 in every DataSketches implementation. */
export const KLL_MIN_WIDTH = 8;

const POWERS_OF_THREE = [
  1, 3, 9, 27, 81, 243, 729, 2187, 6561, 19683, 59049, 177147, 531441, 1594323, 4782969, 14348907, 43046721,
  129140163, 387420489, 1162261467, 3486784401, 10460353203, 31381059609, 94143178827, 282429536481,
  847288609443, 2541865828329, 7625597484987, 22876792454961, 68630377364883, 205891132094649,
];

/** Source of compaction coin flips: returns 0 or 1. */
export type RandomBit = () => number;

function capacityOfDepthAtMost30(k: number, depth: number): number {
  // The C++ pre-multiplies by 2 and rounds with (x + 1) >> 1; all values stay below 2^53 here.
  const scaled = Math.floor((2 * k * 2 ** depth) / POWERS_OF_THREE[depth]!);
  return Math.floor((scaled + 1) / 2);
}

function capacityOfDepth(k: number, depth: number): number {
  if (depth <= 30) return capacityOfDepthAtMost30(k, depth);
  const half = Math.floor(depth / 2);
  return capacityOfDepthAtMost30(capacityOfDepthAtMost30(k, half), depth - half);
}

/** Nominal capacity of level `height` in a sketch with `numLevels` levels: max(m, round(k·(2/3)^depth)). */
export function levelCapacity(
  k: number,
  numLevels: number,
  height: number,
  minWidth = KLL_MIN_WIDTH,
): number {
  return Math.max(minWidth, capacityOfDepth(k, numLevels - height - 1));
}

/** Σ of the level capacities: the size of the item buffer. */
export function computeTotalCapacity(k: number, minWidth: number, numLevels: number): number {
  let total = 0;
  for (let height = 0; height < numLevels; height++) total += levelCapacity(k, numLevels, height, minWidth);
  return total;
}

/** Upper bound on the number of levels a sketch of n items can need. */
export function upperBoundOnNumLevels(n: number): number {
  if (n === 0) return 1;
  return 1 + floorLog2(n);
}

function floorLog2(n: number): number {
  let count = 0;
  let denominator = 1;
  while (denominator * 2 <= n) {
    denominator *= 2;
    count++;
  }
  return count;
}

/** Σ weight × population over levels; equals n for a consistent sketch. */
export function sumSampleWeights(numLevels: number, levels: Uint32Array): number {
  let total = 0;
  let weight = 1;
  for (let level = 0; level < numLevels; level++) {
    total += weight * (levels[level + 1]! - levels[level]!);
    weight *= 2;
  }
  return total;
}

/** Keeps every other item of buf[start, start+length), packed toward the top. */
export function randomlyHalveUp(
  buffer: Float64Array,
  start: number,
  length: number,
  randomBit: RandomBit,
): void {
  const halfLength = length / 2;
  const offset = randomBit();
  let source = start + length - 1 - offset;
  for (let target = start + length - 1; target >= start + halfLength; target--) {
    buffer[target] = buffer[source]!;
    source -= 2;
  }
}

/** Keeps every other item of buf[start, start+length), packed toward the bottom. */
export function randomlyHalveDown(
  buffer: Float64Array,
  start: number,
  length: number,
  randomBit: RandomBit,
): void {
  const halfLength = length / 2;
  const offset = randomBit();
  let source = start + offset;
  for (let target = start; target < start + halfLength; target++) {
    buffer[target] = buffer[source]!;
    source += 2;
  }
}

/** Merges two sorted runs of one buffer into a third position of the same buffer (ties take the second run). */
export function mergeSortedInPlace(
  buffer: Float64Array,
  startA: number,
  lengthA: number,
  startB: number,
  lengthB: number,
  startC: number,
): void {
  mergeSortedTwoBuffers(buffer, startA, lengthA, buffer, startB, lengthB, buffer, startC);
}

/** Merges sorted runs of two buffers into a third buffer (ties take the second buffer, as in the C++). */
export function mergeSortedTwoBuffers(
  bufferA: Float64Array,
  startA: number,
  lengthA: number,
  bufferB: Float64Array,
  startB: number,
  lengthB: number,
  bufferC: Float64Array,
  startC: number,
): void {
  const limitA = startA + lengthA;
  const limitB = startB + lengthB;
  const limitC = startC + lengthA + lengthB;
  let a = startA;
  let b = startB;
  for (let c = startC; c < limitC; c++) {
    if (a === limitA) bufferC[c] = bufferB[b++]!;
    else if (b === limitB) bufferC[c] = bufferA[a++]!;
    else if (bufferA[a]! < bufferB[b]!) bufferC[c] = bufferA[a++]!;
    else bufferC[c] = bufferB[b++]!;
  }
}

export interface CompressResult {
  finalNumLevels: number;
  finalCapacity: number;
  finalNumItems: number;
}

/**
 * `general_compress`: compacts every level that is over capacity while the whole sketch is over capacity,
 * adding levels as needed. Levels above 0 must be sorted; level 0 is sorted here when it is compacted.
 * `inLevels` needs room for numLevelsIn + 2 entries and `outLevels` for the final levels + 1.
 */
export function generalCompress(
  k: number,
  minWidth: number,
  numLevelsIn: number,
  items: Float64Array,
  inLevels: Uint32Array,
  outLevels: Uint32Array,
  isLevelZeroSorted: boolean,
  randomBit: RandomBit,
): CompressResult {
  const startingItemCount = inLevels[numLevelsIn]! - inLevels[0]!;
  let currentNumLevels = numLevelsIn;
  let currentItemCount = startingItemCount;
  let targetItemCount = computeTotalCapacity(k, minWidth, currentNumLevels);
  let done = false;
  outLevels[0] = 0;
  let currentLevel = 0;
  while (!done) {
    // At the current top level, add an empty level above it for convenience.
    if (currentLevel === currentNumLevels - 1) inLevels[currentLevel + 2] = inLevels[currentLevel + 1]!;

    const rawBegin = inLevels[currentLevel]!;
    const rawLimit = inLevels[currentLevel + 1]!;
    const rawPopulation = rawLimit - rawBegin;

    if (
      currentItemCount < targetItemCount ||
      rawPopulation < levelCapacity(k, currentNumLevels, currentLevel, minWidth)
    ) {
      items.copyWithin(outLevels[currentLevel]!, rawBegin, rawLimit);
      outLevels[currentLevel + 1] = outLevels[currentLevel]! + rawPopulation;
    } else {
      const populationAbove = inLevels[currentLevel + 2]! - rawLimit;
      const oddPopulation = (rawPopulation & 1) === 1;
      const adjustedBegin = oddPopulation ? rawBegin + 1 : rawBegin;
      const adjustedPopulation = oddPopulation ? rawPopulation - 1 : rawPopulation;
      const halfAdjustedPopulation = adjustedPopulation / 2;

      if (oddPopulation) {
        items[outLevels[currentLevel]!] = items[rawBegin]!;
        outLevels[currentLevel + 1] = outLevels[currentLevel]! + 1;
      } else {
        outLevels[currentLevel + 1] = outLevels[currentLevel]!;
      }

      if (currentLevel === 0 && !isLevelZeroSorted) {
        items.subarray(adjustedBegin, adjustedBegin + adjustedPopulation).sort();
      }

      if (populationAbove === 0) {
        randomlyHalveUp(items, adjustedBegin, adjustedPopulation, randomBit);
      } else {
        randomlyHalveDown(items, adjustedBegin, adjustedPopulation, randomBit);
        mergeSortedInPlace(
          items,
          adjustedBegin,
          halfAdjustedPopulation,
          rawLimit,
          populationAbove,
          adjustedBegin + halfAdjustedPopulation,
        );
      }

      currentItemCount -= halfAdjustedPopulation;
      inLevels[currentLevel + 1] = inLevels[currentLevel + 1]! - halfAdjustedPopulation;

      if (currentLevel === currentNumLevels - 1) {
        currentNumLevels++;
        targetItemCount += levelCapacity(k, currentNumLevels, 0, minWidth);
      }
    }

    if (currentLevel === currentNumLevels - 1) done = true;
    currentLevel++;
  }

  return {
    finalNumLevels: currentNumLevels,
    finalCapacity: targetItemCount,
    finalNumItems: currentItemCount,
  };
}

/** The coin flips of the fork's KLL_VALIDATION build: 0, 1, 0, 1, … (a fresh sequence per call). */
export function createAlternatingBits(): RandomBit {
  let next = 0;
  return () => {
    const bit = next;
    next = 1 - next;
    return bit;
  };
}

/** Default coin: Math.random, as the fork uses an mt19937 seeded from the clock. */
export function mathRandomBit(): number {
  return Math.random() < 0.5 ? 0 : 1;
}

import { libstdcxxSort } from './libstdcxx-sort';

/** Partitions up to this long are insertion-sorted. */
const INSERTION_SORT_LIMIT = 16;
/** Ranges at least this long go through the distribution pass first. */
const DISTRIBUTION_SORT_MINIMUM = 48;
/** Crowded buckets are distributed again up to this depth, then quicksorted. */
const DISTRIBUTION_MAX_DEPTH = 3;

/**
 * Sorts buffer[begin, end) ascending in place. Where −0 and +0 meet, they end in the order libstdc++'s
 * `std::sort` leaves them (the fork's order, which decides the zero a query or compaction picks); otherwise the
 * result is exactly `Float64Array.prototype.sort`'s (NaN last). KLL sorts level 0 (tens to hundreds of items) at every level-0 compaction,
 * which makes this the sketch's main cost. Comparison sorts of random doubles are bound by branch
 * mispredictions, so longer ranges are first distributed into value buckets (`distributeByValue`), leaving an
 * almost sorted range; short or unsuitable ranges go straight to the quicksort.
 */
export function sortRange(buffer: Float64Array, begin: number, end: number): void {
  if (mixesZeros(buffer, begin, end)) {
    // Which zero lands where is the only thing two correct sorts can disagree on; do what the fork does.
    libstdcxxSort(buffer, begin, end);
    return;
  }
  if (end - begin >= DISTRIBUTION_SORT_MINIMUM && distributeByValue(buffer, begin, end, 0)) {
    insertionSort(buffer, begin, end - 1);
  } else {
    quicksortRange(buffer, begin, end);
  }
  fixZerosAndNaN(buffer, begin, end);
}

/** Whether buffer[begin, end) holds both −0 and +0 and no NaN (NaN keeps the builtin's NaN-last order). */
function mixesZeros(buffer: Float64Array, begin: number, end: number): boolean {
  let signs = 0;
  for (let index = begin; index < end; index++) {
    const value = buffer[index]!;
    if (value === 0) signs |= 1 / value < 0 ? 1 : 2;
    else if (Number.isNaN(value)) return false;
  }
  return signs === 3;
}

let bucketOfItem = new Uint32Array(0);
let bucketPositions = new Uint32Array(0);
let distributed = new Float64Array(0);

/**
 * Moves buffer[begin, end) into value order by bucket: the bucket of v is ⌊(v − min)·scale⌋, monotone in v (each
 * rounded step is), so every item of a lower bucket is ≤ every item of a higher one. Buckets with more than a
 * few items (skewed data) are distributed again by their own range or quicksorted here; the rest need the
 * caller's insertion sort, which then only fixes inversions inside small buckets. Returns false (buffer
 * untouched) when the range holds NaN or an infinity or has a single value, which the quicksort handles.
 */
function distributeByValue(buffer: Float64Array, begin: number, end: number, depth: number): boolean {
  const length = end - begin;
  let min = buffer[begin]!;
  let max = min;
  for (let index = begin + 1; index < end; index++) {
    const value = buffer[index]!;
    if (value < min) min = value;
    else if (value > max) max = value;
    else if (Number.isNaN(value)) return false;
  }
  const span = max - min;
  if (!(span > 0 && span < Number.POSITIVE_INFINITY) || Number.isNaN(min)) return false;
  if (bucketOfItem.length < length) {
    bucketOfItem = new Uint32Array(length * 2);
    bucketPositions = new Uint32Array(length * 2 + 1);
    distributed = new Float64Array(length * 2);
  }
  const bucketCount = length;
  const last = bucketCount - 1;
  const scale = bucketCount / span;
  const positions = bucketPositions;
  positions.fill(0, 0, bucketCount + 1);
  for (let index = 0; index < length; index++) {
    const bucket = Math.min(((buffer[begin + index]! - min) * scale) | 0, last);
    bucketOfItem[index] = bucket;
    positions[bucket + 1]!++;
  }
  let largest = 0;
  for (let bucket = 1; bucket <= bucketCount; bucket++) {
    const count = positions[bucket]!;
    if (count > largest) largest = count;
    positions[bucket] = positions[bucket - 1]! + count;
  }
  // positions[b] is now the start of bucket b; scattering advances it to the start of bucket b + 1.
  for (let index = 0; index < length; index++) {
    const bucket = bucketOfItem[index]!;
    distributed[positions[bucket]!++] = buffer[begin + index]!;
  }
  buffer.set(distributed.subarray(0, length), begin);
  if (largest > INSERTION_SORT_LIMIT) {
    // The bucket of each item is recomputed (same arithmetic): a nested call reuses the scratch arrays.
    let start = begin;
    let current = 0;
    for (let index = begin; index <= end; index++) {
      const bucket = index === end ? -1 : Math.min(((buffer[index]! - min) * scale) | 0, last);
      if (bucket === current) continue;
      if (index - start > INSERTION_SORT_LIMIT) sortCrowdedBucket(buffer, start, index, depth);
      start = index;
      current = bucket;
    }
  }
  return true;
}

function sortCrowdedBucket(buffer: Float64Array, begin: number, end: number, depth: number): void {
  if (
    depth + 1 < DISTRIBUTION_MAX_DEPTH &&
    end - begin >= DISTRIBUTION_SORT_MINIMUM &&
    distributeByValue(buffer, begin, end, depth + 1)
  )
    return;
  quicksortRange(buffer, begin, end);
}

function insertionSort(buffer: Float64Array, low: number, high: number): void {
  for (let index = low + 1; index <= high; index++) {
    const value = buffer[index]!;
    let target = index - 1;
    while (target >= low && buffer[target]! > value) {
      buffer[target + 1] = buffer[target]!;
      target--;
    }
    buffer[target + 1] = value;
  }
}

/** Iterative quicksort on plain `<` with insertion sort for short partitions; the caller fixes zeros and NaN. */
function quicksortRange(buffer: Float64Array, begin: number, end: number): void {
  let low = begin;
  let high = end - 1;
  let depth = 0;
  const stack = sortStack;
  for (;;) {
    if (high - low < INSERTION_SORT_LIMIT) {
      insertionSort(buffer, low, high);
      if (depth === 0) break;
      high = stack[--depth]!;
      low = stack[--depth]!;
      continue;
    }
    const first = buffer[low]!;
    const middle = buffer[(low + high) >>> 1]!;
    const last = buffer[high]!;
    // Median of three.
    const pivot = Math.max(Math.min(first, middle), Math.min(Math.max(first, middle), last));
    let left = low;
    let right = high;
    while (left <= right) {
      while (buffer[left]! < pivot) left++;
      while (buffer[right]! > pivot) right--;
      if (left <= right) {
        const swap = buffer[left]!;
        buffer[left] = buffer[right]!;
        buffer[right] = swap;
        left++;
        right--;
      }
    }
    // Recurse (via the stack) into the larger side later; continue with the smaller one.
    if (depth + 2 > stack.length) {
      // Pathological depth (cannot happen with a median-of-three pivot on realistic input): use the builtin.
      buffer.subarray(low, high + 1).sort();
      if (depth === 0) break;
      high = stack[--depth]!;
      low = stack[--depth]!;
      continue;
    }
    if (right - low < high - left) {
      stack[depth++] = left;
      stack[depth++] = high;
      high = right;
    } else {
      stack[depth++] = low;
      stack[depth++] = right;
      low = left;
    }
  }
}

/** Explicit stack of (low, high) partitions for `sortRange`; the smaller side first keeps it ≤ 2·log2(n). */
const sortStack = new Int32Array(128);

/**
 * `<` treats −0 and +0 as equal and cannot place NaN, so after the quicksort the zeros (contiguous) may be
 * interleaved and NaNs misplaced: rewrite the zeros negatives first; if there is any NaN, redo with the builtin.
 */
function fixZerosAndNaN(buffer: Float64Array, begin: number, end: number): void {
  let zeroBegin = -1;
  let negativeZeros = 0;
  for (let index = begin; index < end; index++) {
    const value = buffer[index]!;
    if (value === 0) {
      if (zeroBegin < 0) zeroBegin = index;
      if (1 / value < 0) negativeZeros++;
    } else if (Number.isNaN(value)) {
      buffer.subarray(begin, end).sort();
      return;
    }
  }
  for (let index = 0; index < negativeZeros; index++) buffer[zeroBegin + index] = -0;
  // The zeros after the negatives must be +0 (a −0 may have been moved past them).
  for (let index = zeroBegin + negativeZeros; zeroBegin >= 0 && index < end && buffer[index] === 0; index++)
    buffer[index] = 0;
}
