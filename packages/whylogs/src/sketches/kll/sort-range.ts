// The sort behind every KLL level-0 compaction (the sketch's main cost), with the fork's order for mixed zeros.
import { countIntegers } from './count-integers';
import { libstdcxxSort } from './libstdcxx-sort';

/** Partitions up to this long are insertion-sorted. */
const INSERTION_SORT_LIMIT = 16;
/** Ranges at least this long go through the distribution pass first. */
const DISTRIBUTION_SORT_MINIMUM = 48;
/** Crowded buckets are distributed again up to this depth, then quicksorted. */
const DISTRIBUTION_MAX_DEPTH = 3;
/** Integer ranges whose span is at most this many times their length (plus a floor) are counting-sorted. */
export const COUNTING_SPAN_PER_ITEM = 2;
export const COUNTING_SPAN_FLOOR = 64;

/**
 * Sorts buffer[begin, end) ascending in place. Where −0 and +0 meet, they end in the order libstdc++'s
 * `std::sort` leaves them (the fork's order, which decides the zero a query or compaction picks); otherwise the
 * result is exactly `Float64Array.prototype.sort`'s (NaN last): without NaN and mixed zeros every correct sort
 * gives the same array, so the method is free. KLL sorts level 0 (tens to hundreds of items) at every level-0
 * compaction. One scan classifies the range: integers in a short span (low-cardinality int columns) are
 * counted, not compared; other ranges are distributed into value buckets first (`distributeByValue`) because
 * comparison sorts of random doubles are bound by branch mispredictions; short ranges go to the quicksort.
 */
export function sortRange(buffer: Float64Array, begin: number, end: number): void {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let zeroSigns = 0;
  let integral = true;
  for (let index = begin; index < end; index++) {
    const value = buffer[index]!;
    if (value < min) min = value;
    if (value > max) max = value;
    if (value === 0) zeroSigns |= 1 / value < 0 ? 1 : 2;
    else if (Number.isNaN(value)) {
      // NaN: the builtin's order (NaN last, −0 before +0), which the fork's NaN handling is checked against.
      buffer.subarray(begin, end).sort();
      return;
    } else if (integral && Math.floor(value) !== value) integral = false;
  }
  if (zeroSigns === 3) {
    // Which zero lands where is the only thing two correct sorts can disagree on; do what the fork does.
    libstdcxxSort(buffer, begin, end);
    return;
  }
  const length = end - begin;
  // All equal (one zero sign at most): already sorted.
  if (!(min < max)) return;
  const span = max - min;
  if (
    integral &&
    length > INSERTION_SORT_LIMIT &&
    span <= COUNTING_SPAN_PER_ITEM * length + COUNTING_SPAN_FLOOR
  ) {
    countingSort(buffer, begin, end, min, span, zeroSigns === 1 ? -0 : 0);
  } else if (length >= DISTRIBUTION_SORT_MINIMUM && distributeByValue(buffer, begin, end, 0, min, max)) {
    insertionSort(buffer, begin, end - 1);
  } else {
    quicksortRange(buffer, begin, end);
  }
}

/** Counting sort of integers in [min, min + span]; the range's zeros (all of one sign) are written as `zero`. */
function countingSort(
  buffer: Float64Array,
  begin: number,
  end: number,
  min: number,
  span: number,
  zero: number,
): void {
  const counts = countIntegers(buffer, begin, end, min, span);
  let target = begin;
  for (let offset = 0; offset <= span; offset++) {
    const count = counts[offset]!;
    if (count === 0) continue;
    counts[offset] = 0;
    const sum = min + offset;
    const value = sum === 0 ? zero : sum;
    for (const limit = target + count; target < limit; target++) buffer[target] = value;
  }
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
 * `knownMin`/`knownMax`: the range's extremes when the caller has them (then it holds no NaN).
 */
function distributeByValue(
  buffer: Float64Array,
  begin: number,
  end: number,
  depth: number,
  knownMin?: number,
  knownMax?: number,
): boolean {
  const length = end - begin;
  let min = buffer[begin]!;
  let max = min;
  if (knownMin !== undefined && knownMax !== undefined) {
    // The caller scanned the range already (and found no NaN).
    min = knownMin;
    max = knownMax;
  } else {
    for (let index = begin + 1; index < end; index++) {
      const value = buffer[index]!;
      if (value < min) min = value;
      else if (value > max) max = value;
      else if (Number.isNaN(value)) return false;
    }
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

/** Iterative quicksort on plain `<` with insertion sort for short partitions (no NaN, zeros of one sign). */
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
