import { ByteReader } from '../common/byte-reader';
import { sketchError } from '../common/sketch-error';
import type { KllBuffers, KllState } from './kll-buffers';
import { computeTotalCapacity, KLL_MIN_WIDTH, sumSampleWeights } from './kll-helper';

const FAMILY = 15;
const SERIAL_VERSION_1 = 1;
const SERIAL_VERSION_2 = 2;
const PREAMBLE_INTS_SHORT = 2;
const PREAMBLE_INTS_UPSTREAM = 5;
const PREAMBLE_INTS_FORK_DOUBLES = 6;
const FLAG_EMPTY = 1;
const FLAG_LEVEL_ZERO_SORTED = 2;
const FLAG_SINGLE_ITEM = 4;
/** Deepest level count the level-capacity arithmetic supports (depth ≤ 60). */
const MAX_NUM_LEVELS = 61;

export interface KllSerializeOptions {
  /**
   * Preamble ints of a sketch with 2+ items: 6 (default; the fork whylogs ≥ 1.0.3 reads, data from byte 24) or
   * 5 (upstream DataSketches and whylogs ≤ 1.0.2, data from byte 20). No env var.
   */
  preambleInts?: 5 | 6;
}

/** Writes the fork's layout; see the spec §4.3 table. */
export function serializeKll(sketch: KllBuffers, options: KllSerializeOptions = {}): Uint8Array {
  const preambleInts = options.preambleInts ?? PREAMBLE_INTS_FORK_DOUBLES;
  if (preambleInts !== PREAMBLE_INTS_UPSTREAM && preambleInts !== PREAMBLE_INTS_FORK_DOUBLES) {
    throw sketchError('options.preambleInts', `must be 5 or 6, got ${String(preambleInts)}`);
  }
  const isEmpty = sketch.nItems === 0;
  const isSingleItem = sketch.nItems === 1;
  const retained = sketch.numRetained;
  let size: number;
  if (isEmpty) size = 8;
  else if (isSingleItem) size = 16;
  else
    size =
      (preambleInts === PREAMBLE_INTS_FORK_DOUBLES ? 24 : 20) + sketch.numLevels * 4 + (retained + 2) * 8;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes[0] = isEmpty || isSingleItem ? PREAMBLE_INTS_SHORT : preambleInts;
  bytes[1] = isSingleItem ? SERIAL_VERSION_2 : SERIAL_VERSION_1;
  bytes[2] = FAMILY;
  bytes[3] =
    (isEmpty ? FLAG_EMPTY : 0) |
    (sketch.isLevelZeroSorted ? FLAG_LEVEL_ZERO_SORTED : 0) |
    (isSingleItem ? FLAG_SINGLE_ITEM : 0);
  view.setUint16(4, sketch.k, true);
  bytes[6] = KLL_MIN_WIDTH;
  if (isEmpty) return bytes;
  let offset = 8;
  if (!isSingleItem) {
    view.setUint32(8, sketch.nItems >>> 0, true);
    view.setUint32(12, Math.floor(sketch.nItems / 0x100000000), true);
    view.setUint16(16, sketch.minK, true);
    bytes[18] = sketch.numLevels;
    offset = preambleInts === PREAMBLE_INTS_FORK_DOUBLES ? 24 : 20;
    for (let level = 0; level < sketch.numLevels; level++) {
      view.setUint32(offset, sketch.levels[level]!, true);
      offset += 4;
    }
    view.setFloat64(offset, sketch.minValue, true);
    view.setFloat64(offset + 8, sketch.maxValue, true);
    offset += 16;
  }
  for (let index = sketch.levels[0]!; index < sketch.levels[sketch.numLevels]!; index++) {
    view.setFloat64(offset, sketch.items[index]!, true);
    offset += 8;
  }
  return bytes;
}

/**
 * Reads any KLL layout the fork, upstream DataSketches (C++/Java) or old whylogs wrote. `itemSize` is 8 for
 * doubles and 4 for floats (widened to doubles). Validates every count against the remaining bytes before
 * allocating, and the total weight against n.
 */
export function deserializeKll(bytes: Uint8Array, itemSize: 4 | 8): KllState {
  const reader = new ByteReader(bytes, 'kll');
  const readItem = itemSize === 8 ? () => reader.float64('items') : () => reader.float32('items');
  const preambleInts = reader.uint8('preambleInts');
  const serialVersion = reader.uint8('serialVersion');
  const family = reader.uint8('family');
  const flags = reader.uint8('flags');
  const k = reader.uint16('k');
  const minWidth = reader.uint8('m');
  reader.skip(1, 'unused');

  if (family !== FAMILY) throw reader.error('family', `expected ${FAMILY} (KLL), got ${family}`);
  if (serialVersion !== SERIAL_VERSION_1 && serialVersion !== SERIAL_VERSION_2) {
    throw reader.error('serialVersion', `expected 1 or 2, got ${serialVersion}`);
  }
  if (minWidth !== KLL_MIN_WIDTH) throw reader.error('m', `expected ${KLL_MIN_WIDTH}, got ${minWidth}`);
  if (k < KLL_MIN_WIDTH) throw reader.error('k', `must be at least ${KLL_MIN_WIDTH}, got ${k}`);

  const isEmpty = (flags & FLAG_EMPTY) !== 0;
  const isSingleItem = (flags & FLAG_SINGLE_ITEM) !== 0 || (serialVersion === SERIAL_VERSION_2 && !isEmpty);
  const isLevelZeroSorted = (flags & FLAG_LEVEL_ZERO_SORTED) !== 0;

  if (preambleInts === PREAMBLE_INTS_SHORT) {
    if (isEmpty) {
      if (reader.remaining !== 0)
        throw reader.error('length', `an empty sketch is 8 bytes, got ${bytes.length}`);
      return emptyKllState(k);
    }
    if (!isSingleItem) {
      throw reader.error(
        'flags',
        'preamble ints 2 needs the empty or single-item flag (or serial version 2)',
      );
    }
    reader.require(itemSize, 'item');
    const item = readItem();
    if (reader.remaining !== 0) throw reader.error('length', `trailing bytes after a single-item sketch`);
    const capacity = computeTotalCapacity(k, minWidth, 1);
    const items = new Float64Array(capacity);
    items[capacity - 1] = item;
    return {
      k,
      minK: k,
      n: 1,
      numLevels: 1,
      levels: Uint32Array.of(capacity - 1, capacity),
      items,
      minValue: item,
      maxValue: item,
      isLevelZeroSorted,
    };
  }
  if (preambleInts !== PREAMBLE_INTS_UPSTREAM && preambleInts !== PREAMBLE_INTS_FORK_DOUBLES) {
    throw reader.error('preambleInts', `expected 2, 5 or 6, got ${preambleInts}`);
  }
  if (isEmpty) {
    // Some writers keep the full preamble for an empty sketch; there is nothing after it.
    return emptyKllState(k);
  }

  const n = reader.uint64('n');
  const minK = reader.uint16('minK');
  const numLevels = reader.uint8('numLevels');
  reader.skip(preambleInts === PREAMBLE_INTS_FORK_DOUBLES ? 5 : 1, 'unused');
  if (numLevels < 1 || numLevels > MAX_NUM_LEVELS) {
    throw reader.error('numLevels', `must be 1…${MAX_NUM_LEVELS}, got ${numLevels}`);
  }
  reader.require(numLevels * 4 + 2 * itemSize, 'levels');
  const capacity = computeTotalCapacity(k, minWidth, numLevels);
  const levels = new Uint32Array(numLevels + 1);
  for (let level = 0; level < numLevels; level++) {
    levels[level] = reader.uint32('levels');
    if (levels[level]! > capacity || (level > 0 && levels[level]! < levels[level - 1]!)) {
      throw reader.error('levels', `level offsets must increase and stay within capacity ${capacity}`);
    }
  }
  levels[numLevels] = capacity;
  const minValue = readItem();
  const maxValue = readItem();
  const retained = capacity - levels[0]!;
  if (reader.remaining !== retained * itemSize) {
    throw reader.error(
      'items',
      `expected ${retained} items (${retained * itemSize} bytes) after the header, found ${reader.remaining} bytes`,
    );
  }
  if (sumSampleWeights(numLevels, levels) !== n) {
    throw reader.error('n', `n = ${n} does not match the retained items' total weight`);
  }
  const items = new Float64Array(capacity);
  for (let index = levels[0]!; index < capacity; index++) items[index] = readItem();
  return { k, minK, n, numLevels, levels, items, minValue, maxValue, isLevelZeroSorted };
}

/** The state of an empty sketch with accuracy k. */
export function emptyKllState(k: number): KllState {
  return {
    k,
    minK: k,
    n: 0,
    numLevels: 1,
    levels: Uint32Array.of(k, k),
    items: new Float64Array(k),
    minValue: Number.NaN,
    maxValue: Number.NaN,
    isLevelZeroSorted: false,
  };
}
