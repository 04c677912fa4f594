// Named allocation sites with predictable sizes for the accuracy tests (design notes §7).
// Plain CommonJS loaded by Node itself, so V8's line numbers are this file's lines.
// Objects escape into preallocated sinks so neither escape analysis nor growth distorts totals.

'use strict';
const retainedSink = new Array(10_000).fill(null);
let sinkIndex = 0;
const temporarySlot = { value: null };

function keep(value) {
  retainedSink[sinkIndex++ % retainedSink.length] = value;
}

function clearSinks() {
  retainedSink.fill(null);
  sinkIndex = 0;
  temporarySlot.value = null;
}

/** 2000 arrays of 1000 doubles (~16 MB), retained. */
function allocateRetainedArrays(count = 2000, length = 1000) {
  for (let index = 0; index < count; index++) keep(new Array(length).fill(index + 0.5));
}

/** 40 flat one-byte strings of 500 000 chars (~20 MB), retained. */
function allocateRetainedStrings(count = 40, length = 500_000) {
  for (let index = 0; index < count; index++) {
    keep(Buffer.alloc(length, 97 + (index % 26)).toString('latin1'));
  }
}

/** Arrays that die immediately: ~160 MB allocated, nothing retained. */
function allocateTemporaryArrays(count = 20_000, length = 1000) {
  let checksum = 0;
  for (let index = 0; index < count; index++) {
    const array = new Array(length).fill(index + 0.5);
    checksum += array[index % length];
    // Escapes (so it is really allocated) but is dropped on the next iteration.
    temporarySlot.value = array;
  }
  return checksum;
}

/** 20 Buffers of 1 MiB: off-heap, so only the external/arrayBuffers series sees them. */
function allocateRetainedBuffers(count = 20, size = 1024 * 1024) {
  for (let index = 0; index < count; index++) keep(Buffer.alloc(size, index));
}

module.exports = {
  retainedSink,
  clearSinks,
  allocateRetainedArrays,
  allocateRetainedStrings,
  allocateTemporaryArrays,
  allocateRetainedBuffers,
};
