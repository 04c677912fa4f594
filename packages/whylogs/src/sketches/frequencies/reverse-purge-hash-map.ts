import { encodeUtf8, utf8Scratch } from '../common/hash-values';
import { frequentItemsSlotHash } from '../common/libstdcxx-hash';
import { canonicalIntegerOf, writeSafeIntegerText } from './canonical-integer';

const LOAD_FACTOR = 0.75;
const MAX_SAMPLE_SIZE = 1024;
const GOLDEN_RATIO_RECIPROCAL = 0.6180339887498949;

/** Probe start hash of a string key (libstdc++ std::hash of its UTF-8 bytes, then fmix64). */
export function slotHashOf(key: string): number {
  const length = encodeUtf8(key);
  return frequentItemsSlotHash(utf8Scratch(), length);
}

const integerText = new Uint8Array(24);

/** `slotHashOf(String(value))` for a safe integer, without building the string. */
export function slotHashOfSafeInteger(value: number): number {
  const length = writeSafeIntegerText(value, integerText);
  return frequentItemsSlotHash(integerText, length);
}

/**
 * The frequent-items table: linear probing with per-slot probe distance ("drift") for back-shift deletion,
 * doubling up to the maximum size and then purging by the median count. Port of the fork's
 * `reverse_purge_hash_map_impl.hpp`; counts are JS numbers (exact below 2^53).
 *
 * A key that spells a safe integer canonically (`String(n)`) is stored as the number n in `integerKeys` (its
 * text, built on first read, in `keys`); any other key as a string with NaN in `integerKeys`. Two keys are
 * equal exactly when their texts are, so integer columns probe and move float64 keys, not strings.
 */
export class ReversePurgeHashMap {
  lgCurSize: number;
  readonly lgMaxSize: number;
  numActive = 0;
  /** ⌊size × load factor⌋, kept as a field: it is checked on every insert. */
  capacity: number;
  /** Key texts; for an integer key undefined until `keyAt` builds it. */
  keys: (string | undefined)[];
  /** The key as a safe integer, or NaN for a key that is not a canonical integer text. */
  integerKeys: Float64Array;
  values: Float64Array;
  states: Uint16Array;
  hashes: Uint32Array;
  /** Scratch for the purge's count sample. */
  private samples = new Float64Array(0);

  constructor(lgCurSize: number, lgMaxSize: number) {
    this.lgCurSize = lgCurSize;
    this.lgMaxSize = lgMaxSize;
    const size = 2 ** lgCurSize;
    this.capacity = Math.floor(size * LOAD_FACTOR);
    this.keys = new Array<string | undefined>(size);
    this.integerKeys = new Float64Array(size);
    this.values = new Float64Array(size);
    this.states = new Uint16Array(size);
    this.hashes = new Uint32Array(size);
  }

  /** Active keys the map can hold at its maximum size before an insertion purges. */
  get maxCapacity(): number {
    return Math.floor(2 ** this.lgMaxSize * LOAD_FACTOR);
  }

  /** The key text of an active slot. */
  keyAt(slot: number): string {
    const key = this.keys[slot];
    if (key !== undefined) return key;
    const text = String(this.integerKeys[slot]!);
    this.keys[slot] = text;
    return text;
  }

  copy(): ReversePurgeHashMap {
    const copy = new ReversePurgeHashMap(this.lgCurSize, this.lgMaxSize);
    copy.numActive = this.numActive;
    copy.keys = this.keys.slice();
    copy.integerKeys = this.integerKeys.slice();
    copy.values = this.values.slice();
    copy.states = this.states.slice();
    copy.hashes = this.hashes.slice();
    return copy;
  }

  /** Adds `value` to `key`'s count (inserting it if new). Returns the purge offset (0 unless it purged). */
  adjustOrInsert(key: string, value: number, hash = slotHashOf(key)): number {
    const integer = canonicalIntegerOf(key);
    if (!Number.isNaN(integer)) return this.adjustOrInsertSafeInteger(integer, value, hash);
    const mask = 2 ** this.lgCurSize - 1;
    let index = hash & mask;
    let drift = 1;
    // A non-integer key never equals an integer slot's text, so comparing `keys` (undefined or an integer's
    // text for integer slots) is enough.
    while (this.states[index]! > 0) {
      if (this.keys[index] === key) {
        this.values[index] = this.values[index]! + value;
        return 0;
      }
      index = (index + 1) & mask;
      drift++;
    }
    this.keys[index] = key;
    this.integerKeys[index] = Number.NaN;
    return this.insertAt(index, drift, value, hash);
  }

  /**
   * `adjustOrInsert(String(integer), value, hash)` for a safe integer, with `hash = slotHashOfSafeInteger`.
   * Returns the purge offset (0 unless it purged).
   */
  adjustOrInsertSafeInteger(integer: number, value: number, hash: number): number {
    const states = this.states;
    const integerKeys = this.integerKeys;
    const mask = states.length - 1;
    let index = hash & mask;
    let drift = 1;
    while (states[index]! > 0) {
      // NaN (a text key) never equals; −0 equals 0, as String(−0) is "0".
      if (integerKeys[index] === integer) {
        this.values[index] = this.values[index]! + value;
        return 0;
      }
      index = (index + 1) & mask;
      drift++;
    }
    this.keys[index] = undefined;
    integerKeys[index] = integer;
    return this.insertAt(index, drift, value, hash);
  }

  private insertAt(index: number, drift: number, value: number, hash: number): number {
    this.values[index] = value;
    this.states[index] = drift;
    this.hashes[index] = hash;
    this.numActive++;
    return this.numActive > this.capacity ? this.resizeOrPurge() : 0;
  }

  get(key: string): number {
    const mask = 2 ** this.lgCurSize - 1;
    let probe = slotHashOf(key) & mask;
    const integer = canonicalIntegerOf(key);
    while (this.states[probe]! > 0) {
      if (!Number.isNaN(integer) ? this.integerKeys[probe] === integer : this.keys[probe] === key)
        return this.values[probe]!;
      probe = (probe + 1) & mask;
    }
    return 0;
  }

  private resizeOrPurge(): number {
    if (this.lgCurSize < this.lgMaxSize) {
      this.resize(this.lgCurSize + 1);
      return 0;
    }
    return this.purge();
  }

  private resize(lgNewSize: number): void {
    const oldKeys = this.keys;
    const oldIntegerKeys = this.integerKeys;
    const oldValues = this.values;
    const oldStates = this.states;
    const oldHashes = this.hashes;
    const size = 2 ** lgNewSize;
    this.keys = new Array<string | undefined>(size);
    this.integerKeys = new Float64Array(size);
    this.values = new Float64Array(size);
    this.states = new Uint16Array(size);
    this.hashes = new Uint32Array(size);
    this.lgCurSize = lgNewSize;
    this.capacity = Math.floor(size * LOAD_FACTOR);
    const mask = size - 1;
    // Keys are distinct, so re-inserting in slot order is a probe to the first empty slot.
    for (let oldIndex = 0; oldIndex < oldStates.length; oldIndex++) {
      if (oldStates[oldIndex]! === 0) continue;
      const hash = oldHashes[oldIndex]!;
      let index = hash & mask;
      let drift = 1;
      while (this.states[index]! > 0) {
        index = (index + 1) & mask;
        drift++;
      }
      this.keys[index] = oldKeys[oldIndex];
      this.integerKeys[index] = oldIntegerKeys[oldIndex]!;
      this.values[index] = oldValues[oldIndex]!;
      this.states[index] = drift;
      this.hashes[index] = hash;
    }
  }

  private purge(): number {
    const limit = Math.min(MAX_SAMPLE_SIZE, this.numActive);
    if (this.samples.length < limit) this.samples = new Float64Array(MAX_SAMPLE_SIZE);
    const samples = this.samples.subarray(0, limit);
    const states = this.states;
    const values = this.values;
    let count = 0;
    for (let index = 0; count < limit; index++) {
      if (states[index]! > 0) samples[count++] = values[index]!;
    }
    // std::nth_element's pick is the element of rank count/2; any selection finds the same value.
    const median = selectRank(samples, Math.floor(count / 2));
    this.subtractAndKeepPositiveOnly(median);
    return median;
  }

  private subtractAndKeepPositiveOnly(amount: number): void {
    const states = this.states;
    const values = this.values;
    const size = states.length;
    // From the back, find the first empty cell: it marks the high end of a cluster.
    let firstProbe = size - 1;
    while (states[firstProbe]! > 0) firstProbe--;
    let deleted = 0;
    // Slots firstProbe-1 … 0, then the first cluster, which wraps around the end of the table: size-1 … firstProbe.
    for (let step = 0; step < size; step++) {
      const probe = step < firstProbe ? firstProbe - 1 - step : size - 1 - (step - firstProbe);
      if (states[probe]! === 0) continue;
      const value = values[probe]!;
      if (value <= amount) {
        this.hashDelete(probe);
        deleted++;
      } else {
        values[probe] = value - amount;
      }
    }
    this.numActive -= deleted;
  }

  private hashDelete(deleteIndex: number): void {
    const { states, keys, integerKeys, values, hashes } = this;
    const mask = states.length - 1;
    states[deleteIndex] = 0;
    keys[deleteIndex] = undefined;
    let drift = 1;
    let probe = (deleteIndex + 1) & mask;
    let state = states[probe]!;
    while (state > 0) {
      if (state > drift) {
        // Move this entry back into the hole.
        keys[deleteIndex] = keys[probe];
        integerKeys[deleteIndex] = integerKeys[probe]!;
        values[deleteIndex] = values[probe]!;
        hashes[deleteIndex] = hashes[probe]!;
        states[deleteIndex] = state - drift;
        states[probe] = 0;
        keys[probe] = undefined;
        drift = 0;
        deleteIndex = probe;
      }
      probe = (probe + 1) & mask;
      drift++;
      state = states[probe]!;
    }
  }

  /** Active slots in the fork's iteration order: from the lowest active slot, stride ⌊size·φ⁻¹⌋|1. */
  *activeSlots(): IterableIterator<number> {
    if (this.numActive === 0) return;
    const size = 2 ** this.lgCurSize;
    const mask = size - 1;
    const stride = Math.floor(size * GOLDEN_RATIO_RECIPROCAL) | 1;
    let index = 0;
    while (this.states[index]! === 0) index++;
    for (let count = 0; count < this.numActive; count++) {
      if (count > 0) {
        do index = (index + stride) & mask;
        while (this.states[index]! === 0);
      }
      yield index;
    }
  }
}

/** The value of rank `rank` (0-based) in ascending order; reorders `values` (Hoare quickselect). */
function selectRank(values: Float64Array, rank: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1]!;
    let left = low;
    let right = high;
    while (left <= right) {
      while (values[left]! < pivot) left++;
      while (values[right]! > pivot) right--;
      if (left <= right) {
        const swap = values[left]!;
        values[left] = values[right]!;
        values[right] = swap;
        left++;
        right--;
      }
    }
    if (rank <= right) high = right;
    else if (rank >= left) low = left;
    else return values[rank]!;
  }
  return values[rank]!;
}
