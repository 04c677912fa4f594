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
  let a = startA;
  let b = startB;
  let c = startC;
  // The item-by-item merge (take A's head if it is below B's, else B's), taken a run at a time: each inner
  // loop's test is the item-by-item test against the other run's fixed head, so the output is the same item
  // for item (NaN and ±0 included), but the branch repeats until a run ends instead of flipping unpredictably
  // (KLL levels of low-cardinality columns are long runs of equal values). In place (`mergeSortedInPlace`) C
  // stays behind B's next item and past A, as before.
  while (a < limitA && b < limitB) {
    const headA = bufferA[a]!;
    while (b < limitB && !(headA < bufferB[b]!)) bufferC[c++] = bufferB[b++]!;
    if (b === limitB) break;
    const headB = bufferB[b]!;
    while (a < limitA && bufferA[a]! < headB) bufferC[c++] = bufferA[a++]!;
  }
  // The leftover run is copied whole, not item by item: in a fresh process V8 compiles this function on-stack
  // inside the loop above, and a tail loop that had not run by then (no type feedback) deoptimized it. Either
  // way the bytes are the same: in place, C is at or before the run it copies (memmove semantics).
  copyTail(bufferA, a, limitA, bufferC, c);
  copyTail(bufferB, b, limitB, bufferC, c + (limitA - a));
}

function copyTail(source: Float64Array, start: number, end: number, target: Float64Array, at: number): void {
  if (start >= end) return;
  if (source === target) target.copyWithin(at, start, end);
  else target.set(source.subarray(start, end), at);
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

/** [min, max] found by the last `findExtremes` call. */
export const extremes = new Float64Array(2);

/**
 * Stores the extremes of values[start, end) (start < end) in `extremes`, the first of equal extremes winning as
 * with strict comparisons in order; returns false, leaving `extremes` unspecified, if the range holds NaN.
 */
export function findExtremes(values: Float64Array, start: number, end: number): boolean {
  let min = values[start]!;
  let max = min;
  for (let index = start; index < end; index++) {
    const value = values[index]!;
    if (value < min) min = value;
    else if (max < value) max = value;
    else if (Number.isNaN(value)) return false;
  }
  if (Number.isNaN(min)) return false;
  extremes[0] = min;
  extremes[1] = max;
  return true;
}

/** Level 0 is filled downward: source[from, from + count) goes to target[below - count, below) reversed. */
export function copyReversed(
  source: Float64Array,
  from: number,
  count: number,
  target: Float64Array,
  below: number,
): void {
  for (let offset = 0; offset < count; offset++) target[below - 1 - offset] = source[from + offset]!;
}
