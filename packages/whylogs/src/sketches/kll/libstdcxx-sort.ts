// A port of libstdc++'s `std::sort` (bits/stl_algo.h, bits/stl_heap.h: introsort, median-of-three pivot,
// heap sort past the depth limit, final insertion sort with threshold 16) on `<`, used when the exact
// permutation matters: `<` cannot tell −0 from +0, so the order the fork's KLL leaves them in (and so which
// zero a quantile query or a compaction picks) is whatever this algorithm makes of the input order.

const THRESHOLD = 16;

function swap(buffer: Float64Array, left: number, right: number): void {
  const value = buffer[left]!;
  buffer[left] = buffer[right]!;
  buffer[right] = value;
}

function moveMedianToFirst(buffer: Float64Array, result: number, a: number, b: number, c: number): void {
  if (buffer[a]! < buffer[b]!) {
    if (buffer[b]! < buffer[c]!) swap(buffer, result, b);
    else if (buffer[a]! < buffer[c]!) swap(buffer, result, c);
    else swap(buffer, result, a);
  } else if (buffer[a]! < buffer[c]!) swap(buffer, result, a);
  else if (buffer[b]! < buffer[c]!) swap(buffer, result, c);
  else swap(buffer, result, b);
}

function unguardedPartition(buffer: Float64Array, first: number, last: number, pivot: number): number {
  for (;;) {
    while (buffer[first]! < buffer[pivot]!) first++;
    last--;
    while (buffer[pivot]! < buffer[last]!) last--;
    if (!(first < last)) return first;
    swap(buffer, first, last);
    first++;
  }
}

function pushHeap(buffer: Float64Array, first: number, hole: number, top: number, value: number): void {
  let parent = Math.floor((hole - 1) / 2);
  while (hole > top && buffer[first + parent]! < value) {
    buffer[first + hole] = buffer[first + parent]!;
    hole = parent;
    parent = Math.floor((hole - 1) / 2);
  }
  buffer[first + hole] = value;
}

function adjustHeap(buffer: Float64Array, first: number, hole: number, length: number, value: number): void {
  const top = hole;
  let child = hole;
  while (child < Math.floor((length - 1) / 2)) {
    child = 2 * (child + 1);
    if (buffer[first + child]! < buffer[first + child - 1]!) child--;
    buffer[first + hole] = buffer[first + child]!;
    hole = child;
  }
  if ((length & 1) === 0 && child === Math.floor((length - 2) / 2)) {
    child = 2 * (child + 1);
    buffer[first + hole] = buffer[first + child - 1]!;
    hole = child - 1;
  }
  pushHeap(buffer, first, hole, top, value);
}

/** `std::__partial_sort(first, last, last)`: make_heap then sort_heap. */
function heapSort(buffer: Float64Array, first: number, last: number): void {
  const length = last - first;
  if (length >= 2) {
    for (let parent = Math.floor((length - 2) / 2); ; parent--) {
      adjustHeap(buffer, first, parent, length, buffer[first + parent]!);
      if (parent === 0) break;
    }
  }
  while (last - first > 1) {
    last--;
    const value = buffer[last]!;
    buffer[last] = buffer[first]!;
    adjustHeap(buffer, first, 0, last - first, value);
  }
}

function introsortLoop(buffer: Float64Array, first: number, last: number, depthLimit: number): void {
  while (last - first > THRESHOLD) {
    if (depthLimit === 0) {
      heapSort(buffer, first, last);
      return;
    }
    depthLimit--;
    const middle = first + Math.floor((last - first) / 2);
    moveMedianToFirst(buffer, first, first + 1, middle, last - 1);
    const cut = unguardedPartition(buffer, first + 1, last, first);
    introsortLoop(buffer, cut, last, depthLimit);
    last = cut;
  }
}

function unguardedLinearInsert(buffer: Float64Array, last: number): void {
  const value = buffer[last]!;
  let next = last - 1;
  while (value < buffer[next]!) {
    buffer[last] = buffer[next]!;
    last = next;
    next--;
  }
  buffer[last] = value;
}

function insertionSort(buffer: Float64Array, first: number, last: number): void {
  if (first === last) return;
  for (let index = first + 1; index < last; index++) {
    const value = buffer[index]!;
    if (value < buffer[first]!) {
      buffer.copyWithin(first + 1, first, index);
      buffer[first] = value;
    } else unguardedLinearInsert(buffer, index);
  }
}

/** `std::sort(buffer + begin, buffer + end)` as libstdc++ does it, element for element. */
export function libstdcxxSort(buffer: Float64Array, begin: number, end: number): void {
  if (end - begin < 2) return;
  introsortLoop(buffer, begin, end, 2 * Math.floor(Math.log2(end - begin)));
  if (end - begin > THRESHOLD) {
    insertionSort(buffer, begin, begin + THRESHOLD);
    for (let index = begin + THRESHOLD; index < end; index++) unguardedLinearInsert(buffer, index);
  } else insertionSort(buffer, begin, end);
}
