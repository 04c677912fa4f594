import { ByteReader } from '../common/byte-reader';
import { encodeUtf8, utf8Scratch } from '../common/hash-values';
import { sketchError } from '../common/sketch-error';
import { MAX_SAFE_INTEGER_TEXT_LENGTH } from './canonical-integer';
import { ReversePurgeHashMap } from './reverse-purge-hash-map';

const SERIAL_VERSION = 1;
const FAMILY_ID = 10;
const PREAMBLE_LONGS_EMPTY = 1;
const PREAMBLE_LONGS_NONEMPTY = 4;
const LG_MIN_MAP_SIZE = 3;
const MAX_LG_MAP_SIZE = 30;
const EPSILON_FACTOR = 3.5;

/** whylogs' `fi_lg_max_k` and `max_frequent_item_size`. */
export const WHYLOGS_FI_LG_MAX_MAP_SIZE = 10;
export const WHYLOGS_MAX_FREQUENT_ITEM_SIZE = 128;

/** Which error the item list avoids: whylogs summaries use NO_FALSE_POSITIVES. */
export type FrequentItemsErrorType = 'NO_FALSE_POSITIVES' | 'NO_FALSE_NEGATIVES';

/** One frequent item: estimate = count + offset, bounds [count, count + offset]. */
export interface FrequentItemRow {
  item: string;
  estimate: number;
  lowerBound: number;
  upperBound: number;
}

export interface FrequentStringsSketchOptions {
  /** log2 of the maximum map size, 3…30. Default 10 (whylogs' `fi_lg_max_k`: 1024 slots, 768 items). No env var. */
  lgMaxMapSize?: number;
  /**
   * `update()` keeps only the first this-many code points of an item, as whylogs truncates before the sketch.
   * Default 128 (`max_frequent_item_size`); `Infinity` disables it. Merges and deserialization never truncate.
   * No env var.
   */
  maxItemCodePoints?: number;
}

/** The first `maxCodePoints` code points of `text` (Python slicing semantics, not UTF-16 units). */
export function truncateCodePoints(text: string, maxCodePoints: number): string {
  if (text.length <= maxCodePoints) return text;
  let codePoints = 0;
  for (let index = 0; index < text.length; index++) {
    if (codePoints === maxCodePoints) return text.slice(0, index);
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    codePoints++;
  }
  return text;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Frequent strings (Misra-Gries with a reverse-purge hash map), compatible with the whylogs-sketching fork's
 * `frequent_strings_sketch`. Slot order emulates the Linux wheels (libstdc++ `std::hash`), so serialized bytes
 * match Linux Python given the same updates; compare macOS-written sketches as maps.
 */
export class FrequentStringsSketch {
  /** @internal */ map: ReversePurgeHashMap;
  /** @internal */ totalWeightValue = 0;
  /** @internal */ offset = 0;
  private readonly maxItemCodePoints: number;

  private constructor(map: ReversePurgeHashMap, maxItemCodePoints: number) {
    this.map = map;
    this.maxItemCodePoints = maxItemCodePoints;
  }

  static create(options: FrequentStringsSketchOptions = {}): FrequentStringsSketch {
    const lgMaxMapSize = options.lgMaxMapSize ?? WHYLOGS_FI_LG_MAX_MAP_SIZE;
    if (!Number.isInteger(lgMaxMapSize) || lgMaxMapSize < LG_MIN_MAP_SIZE || lgMaxMapSize > MAX_LG_MAP_SIZE) {
      throw sketchError(
        'options.lgMaxMapSize',
        `must be an integer from 3 to ${MAX_LG_MAP_SIZE}, got ${lgMaxMapSize}`,
      );
    }
    const maxItemCodePoints = options.maxItemCodePoints ?? WHYLOGS_MAX_FREQUENT_ITEM_SIZE;
    if (!(maxItemCodePoints >= 1)) {
      throw sketchError('options.maxItemCodePoints', `must be a positive number, got ${maxItemCodePoints}`);
    }
    return new FrequentStringsSketch(
      new ReversePurgeHashMap(LG_MIN_MAP_SIZE, lgMaxMapSize),
      maxItemCodePoints,
    );
  }

  get isEmpty(): boolean {
    return this.map.numActive === 0;
  }

  get numActiveItems(): number {
    return this.map.numActive;
  }

  /** Sum of all update weights (including purged ones). */
  get totalWeight(): number {
    return this.totalWeightValue;
  }

  /** Maximum error of any estimate (the accumulated purge offset). */
  get maximumError(): number {
    return this.offset;
  }

  get lgMaxMapSize(): number {
    return this.map.lgMaxSize;
  }

  get lgCurMapSize(): number {
    return this.map.lgCurSize;
  }

  /** ε = 3.5 / 2^lgMaxMapSize: the a-priori error is ε · total weight. */
  get epsilon(): number {
    return EPSILON_FACTOR / 2 ** this.map.lgMaxSize;
  }

  /** Adds `weight` (a non-negative integer, default 1) to `item`, truncated to `maxItemCodePoints`. */
  update(item: string, weight = 1): void {
    if (typeof item !== 'string') throw sketchError('item', `expected a string, got ${typeof item}`);
    this.internalUpdate(truncateCodePoints(item, this.maxItemCodePoints), weight);
  }

  /** @internal `item` cut to `maxItemCodePoints`, as `update` stores it. */
  truncateItem(item: string): string {
    return truncateCodePoints(item, this.maxItemCodePoints);
  }

  /** @internal True when `update(String(n))` never truncates a safe integer n. */
  get keepsIntegerTexts(): boolean {
    return this.maxItemCodePoints >= MAX_SAFE_INTEGER_TEXT_LENGTH;
  }

  /**
   * @internal `update(String(integer), weight)` for a safe integer, given `slotHashOfSafeInteger(integer)`; only
   * valid when `keepsIntegerTexts` (the text is not truncated). `weight` must be a positive safe integer.
   */
  updateSafeInteger(integer: number, slotHash: number, weight = 1): void {
    this.totalWeightValue += weight;
    this.offset += this.map.adjustOrInsertSafeInteger(integer, weight, slotHash);
  }

  /**
   * @internal New items that can still be inserted without a purge. Until a purge, the sketch's state does not
   * depend on how an item's weight is split over updates, only on the order in which items first appear.
   */
  get insertionsBeforePurge(): number {
    return this.map.maxCapacity - this.map.numActive;
  }

  private internalUpdate(item: string, weight: number): void {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw sketchError('weight', `must be a non-negative integer, got ${weight}`);
    }
    if (weight === 0) return;
    this.totalWeightValue += weight;
    this.offset += this.map.adjustOrInsert(item, weight);
  }

  /** count + offset for a tracked item, else 0. */
  getEstimate(item: string): number {
    const weight = this.map.get(item);
    return weight > 0 ? weight + this.offset : 0;
  }

  getLowerBound(item: string): number {
    return this.map.get(item);
  }

  getUpperBound(item: string): number {
    return this.map.get(item) + this.offset;
  }

  /**
   * Items whose lower bound (NO_FALSE_POSITIVES) or upper bound (NO_FALSE_NEGATIVES) exceeds `threshold`
   * (default: the maximum error, as whylogs calls it), sorted by estimate descending. The C++ sort is not
   * stable, so Python's order among equal estimates is unspecified; ours keeps the map's iteration order.
   */
  getFrequentItems(errorType: FrequentItemsErrorType, threshold?: number): FrequentItemRow[] {
    if (errorType !== 'NO_FALSE_POSITIVES' && errorType !== 'NO_FALSE_NEGATIVES') {
      throw sketchError(
        'errorType',
        `must be 'NO_FALSE_POSITIVES' or 'NO_FALSE_NEGATIVES', got ${String(errorType)}`,
      );
    }
    // The Python binding treats threshold 0 as "use the maximum error".
    const limit = threshold === undefined || threshold === 0 ? this.offset : threshold;
    const rows: FrequentItemRow[] = [];
    for (const slot of this.map.activeSlots()) {
      const lowerBound = this.map.values[slot]!;
      const upperBound = lowerBound + this.offset;
      if (errorType === 'NO_FALSE_NEGATIVES' ? upperBound > limit : lowerBound > limit) {
        rows.push({ item: this.map.keyAt(slot), estimate: upperBound, lowerBound, upperBound });
      }
    }
    return rows.sort((left, right) => right.estimate - left.estimate);
  }

  /** Adds `other`'s items (in its iteration order) with their counts, then its offset and total weight. */
  merge(other: FrequentStringsSketch): void {
    if (!(other instanceof FrequentStringsSketch))
      throw sketchError('other', 'expected a FrequentStringsSketch');
    if (other.isEmpty) return;
    const source = other === this ? this.copy() : other;
    const mergedTotalWeight = this.totalWeightValue + source.totalWeightValue;
    for (const slot of source.map.activeSlots())
      this.internalUpdate(source.map.keyAt(slot), source.map.values[slot]!);
    this.offset += source.offset;
    this.totalWeightValue = mergedTotalWeight;
  }

  copy(): FrequentStringsSketch {
    const copy = new FrequentStringsSketch(this.map.copy(), this.maxItemCodePoints);
    copy.totalWeightValue = this.totalWeightValue;
    copy.offset = this.offset;
    return copy;
  }

  /** The fork's layout: 8 bytes when empty, else 32-byte preamble, counts, then (uint32 length + UTF-8) items. */
  serialize(): Uint8Array {
    if (this.isEmpty) {
      return Uint8Array.of(
        PREAMBLE_LONGS_EMPTY,
        SERIAL_VERSION,
        FAMILY_ID,
        this.map.lgMaxSize,
        this.map.lgCurSize,
        1,
        0,
        0,
      );
    }
    const slots = [...this.map.activeSlots()];
    const encoded = slots.map((slot) => {
      const length = encodeUtf8(this.map.keyAt(slot));
      return utf8Scratch().slice(0, length);
    });
    const itemBytes = encoded.reduce((sum, bytes) => sum + 4 + bytes.length, 0);
    const bytes = new Uint8Array(32 + slots.length * 8 + itemBytes);
    const view = new DataView(bytes.buffer);
    bytes.set([
      PREAMBLE_LONGS_NONEMPTY,
      SERIAL_VERSION,
      FAMILY_ID,
      this.map.lgMaxSize,
      this.map.lgCurSize,
      0,
    ]);
    view.setUint32(8, slots.length, true);
    writeUint64(view, 16, this.totalWeightValue);
    writeUint64(view, 24, this.offset);
    let offset = 32;
    for (const slot of slots) {
      writeUint64(view, offset, this.map.values[slot]!);
      offset += 8;
    }
    for (const item of encoded) {
      view.setUint32(offset, item.length, true);
      bytes.set(item, offset + 4);
      offset += 4 + item.length;
    }
    return bytes;
  }

  /**
   * Reads a frequent-strings sketch (fork, C++ or Java string serde). Items are re-inserted in file order, as the
   * fork does, so any slot order reads back equal. Throws a typed error on corrupt input or invalid UTF-8.
   */
  static deserialize(
    bytes: Uint8Array,
    options: Pick<FrequentStringsSketchOptions, 'maxItemCodePoints'> = {},
  ): FrequentStringsSketch {
    const reader = new ByteReader(bytes, 'frequentItems');
    const preambleLongs = reader.uint8('preambleLongs');
    const serialVersion = reader.uint8('serialVersion');
    const family = reader.uint8('family');
    const lgMaxSize = reader.uint8('lgMaxMapSize');
    const lgCurSize = reader.uint8('lgCurMapSize');
    const flags = reader.uint8('flags');
    reader.skip(2, 'unused');
    const isEmpty = (flags & 1) !== 0;
    if (family !== FAMILY_ID)
      throw reader.error('family', `expected ${FAMILY_ID} (frequent items), got ${family}`);
    if (serialVersion !== SERIAL_VERSION)
      throw reader.error('serialVersion', `expected 1, got ${serialVersion}`);
    const expectedPreamble = isEmpty ? PREAMBLE_LONGS_EMPTY : PREAMBLE_LONGS_NONEMPTY;
    if (preambleLongs !== expectedPreamble) {
      throw reader.error(
        'preambleLongs',
        `expected ${expectedPreamble} for ${isEmpty ? 'an empty' : 'a non-empty'} sketch, got ${preambleLongs}`,
      );
    }
    if (lgCurSize > lgMaxSize)
      throw reader.error('lgCurMapSize', `must be ≤ lgMaxMapSize ${lgMaxSize}, got ${lgCurSize}`);
    if (lgCurSize < LG_MIN_MAP_SIZE) throw reader.error('lgCurMapSize', `must be ≥ 3, got ${lgCurSize}`);
    if (lgMaxSize > MAX_LG_MAP_SIZE)
      throw reader.error('lgMaxMapSize', `must be ≤ ${MAX_LG_MAP_SIZE}, got ${lgMaxSize}`);
    let numItems = 0;
    let totalWeight = 0;
    let offset = 0;
    if (!isEmpty) {
      numItems = reader.uint32('numActive');
      reader.skip(4, 'unused');
      totalWeight = reader.uint64('totalWeight');
      offset = reader.uint64('offset');
      // Each item takes at least 8 (count) + 4 (length) bytes.
      reader.require(numItems * 12, 'items');
      if (numItems > Math.floor(2 ** lgMaxSize * 0.75)) {
        throw reader.error('numActive', `${numItems} items do not fit a map of 2^${lgMaxSize}`);
      }
    }
    // The map is 2^lgCur slots: refuse sizes the input cannot justify (an honest map is ≥ 3/8 full or small).
    if (2 ** lgCurSize > Math.max(4096, 4 * numItems)) {
      throw reader.error('lgCurMapSize', `2^${lgCurSize} slots for ${numItems} items`);
    }
    const sketch = new FrequentStringsSketch(
      new ReversePurgeHashMap(lgCurSize, lgMaxSize),
      options.maxItemCodePoints ?? WHYLOGS_MAX_FREQUENT_ITEM_SIZE,
    );
    if (isEmpty) return sketch;
    const weights = new Float64Array(numItems);
    for (let index = 0; index < numItems; index++) {
      weights[index] = reader.uint64('weights');
      if (weights[index] === 0) throw reader.error('weights', 'an item count cannot be 0');
    }
    for (let index = 0; index < numItems; index++) {
      const length = reader.uint32('itemLength');
      let item: string;
      try {
        item = decoder.decode(reader.subarray(length, 'item'));
      } catch (error) {
        if ((error as Error).name === 'TasklensInvalidOptionError') throw error;
        throw reader.error('item', `item ${index} is not valid UTF-8`);
      }
      sketch.internalUpdate(item, weights[index]!);
    }
    if (sketch.map.numActive !== numItems) throw reader.error('items', 'duplicate items');
    sketch.totalWeightValue = totalWeight;
    sketch.offset = offset;
    return sketch;
  }
}

function writeUint64(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, value >>> 0, true);
  view.setUint32(offset + 4, Math.floor(value / 0x100000000), true);
}
