// Named allocation sites with predictable sizes for the accuracy tests (design notes §7).
// Objects escape into preallocated sinks so neither escape analysis nor growth distorts totals.

export const retainedSink: unknown[] = new Array(10_000).fill(null);
let sinkIndex = 0;

function keep(value: unknown): void {
  retainedSink[sinkIndex++ % retainedSink.length] = value;
}

export function clearSinks(): void {
  retainedSink.fill(null);
  sinkIndex = 0;
}

/** 2000 arrays of 1000 doubles (~16 MB), retained. */
export function allocateRetainedArrays(count = 2000, length = 1000): void {
  for (let index = 0; index < count; index++) keep(new Array(length).fill(index + 0.5));
}

/** 40 flat one-byte strings of 500 000 chars (~20 MB), retained. */
export function allocateRetainedStrings(count = 40, length = 500_000): void {
  for (let index = 0; index < count; index++) {
    keep(Buffer.alloc(length, 97 + (index % 26)).toString('latin1'));
  }
}

/** Arrays that die immediately: ~160 MB allocated, nothing retained. */
export function allocateTemporaryArrays(count = 20_000, length = 1000): number {
  let checksum = 0;
  for (let index = 0; index < count; index++) {
    const array = new Array(length).fill(index + 0.5);
    checksum += array[index % length];
    keep(null);
  }
  return checksum;
}

/** 20 Buffers of 1 MiB: off-heap, so only the external/arrayBuffers series sees them. */
export function allocateRetainedBuffers(count = 20, size = 1024 * 1024): void {
  for (let index = 0; index < count; index++) keep(Buffer.alloc(size, index));
}
