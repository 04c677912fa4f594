import { encodeUtf8, utf8Scratch } from './hash-values';
import { frequentItemsSlotHash } from './libstdcxx-hash';

const LOAD_FACTOR = 0.75;
const MAX_SAMPLE_SIZE = 1024;
const GOLDEN_RATIO_RECIPROCAL = 0.6180339887498949;

/** Probe start hash of a string key (libstdc++ std::hash of its UTF-8 bytes, then fmix64). */
export function slotHashOf(key: string): number {
  const length = encodeUtf8(key);
  return frequentItemsSlotHash(utf8Scratch(), length);
}

/**
 * The frequent-items table: linear probing with per-slot probe distance ("drift") for back-shift deletion,
 * doubling up to the maximum size and then purging by the median count. Port of the fork's
 * `reverse_purge_hash_map_impl.hpp`; counts are JS numbers (exact below 2^53).
 */
export class ReversePurgeHashMap {
  lgCurSize: number;
  readonly lgMaxSize: number;
  numActive = 0;
  /** ⌊size × load factor⌋, kept as a field: it is checked on every insert. */
  capacity: number;
  keys: (string | undefined)[];
  values: Float64Array;
  states: Uint16Array;
  hashes: Uint32Array;

  constructor(lgCurSize: number, lgMaxSize: number) {
    this.lgCurSize = lgCurSize;
    this.lgMaxSize = lgMaxSize;
    const size = 2 ** lgCurSize;
    this.capacity = Math.floor(size * LOAD_FACTOR);
    this.keys = new Array<string | undefined>(size);
    this.values = new Float64Array(size);
    this.states = new Uint16Array(size);
    this.hashes = new Uint32Array(size);
  }

  copy(): ReversePurgeHashMap {
    const copy = new ReversePurgeHashMap(this.lgCurSize, this.lgMaxSize);
    copy.numActive = this.numActive;
    copy.keys = this.keys.slice();
    copy.values = this.values.slice();
    copy.states = this.states.slice();
    copy.hashes = this.hashes.slice();
    return copy;
  }

  /** Adds `value` to `key`'s count (inserting it if new). Returns the purge offset (0 unless it purged). */
  adjustOrInsert(key: string, value: number, hash = slotHashOf(key)): number {
    const numActiveBefore = this.numActive;
    const index = this.internalAdjustOrInsert(key, value, hash);
    if (this.numActive > numActiveBefore) {
      this.keys[index] = key;
      this.hashes[index] = hash;
      return this.resizeOrPurgeIfNeeded();
    }
    return 0;
  }

  get(key: string): number {
    const mask = 2 ** this.lgCurSize - 1;
    let probe = slotHashOf(key) & mask;
    while (this.states[probe]! > 0) {
      if (this.keys[probe] === key) return this.values[probe]!;
      probe = (probe + 1) & mask;
    }
    return 0;
  }

  private internalAdjustOrInsert(key: string, value: number, hash: number): number {
    const mask = 2 ** this.lgCurSize - 1;
    let index = hash & mask;
    let drift = 1;
    while (this.states[index]! > 0) {
      if (this.keys[index] === key) {
        this.values[index] = this.values[index]! + value;
        return index;
      }
      index = (index + 1) & mask;
      drift++;
    }
    this.values[index] = value;
    this.states[index] = drift;
    this.numActive++;
    return index;
  }

  private resizeOrPurgeIfNeeded(): number {
    if (this.numActive > this.capacity) {
      if (this.lgCurSize < this.lgMaxSize) {
        this.resize(this.lgCurSize + 1);
      } else {
        return this.purge();
      }
    }
    return 0;
  }

  private resize(lgNewSize: number): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldStates = this.states;
    const oldHashes = this.hashes;
    const size = 2 ** lgNewSize;
    this.keys = new Array<string | undefined>(size);
    this.values = new Float64Array(size);
    this.states = new Uint16Array(size);
    this.hashes = new Uint32Array(size);
    this.numActive = 0;
    this.lgCurSize = lgNewSize;
    this.capacity = Math.floor(size * LOAD_FACTOR);
    for (let index = 0; index < oldStates.length; index++) {
      if (oldStates[index]! > 0) this.adjustOrInsert(oldKeys[index]!, oldValues[index]!, oldHashes[index]!);
    }
  }

  private purge(): number {
    const limit = Math.min(MAX_SAMPLE_SIZE, this.numActive);
    const samples = new Float64Array(limit);
    let count = 0;
    for (let index = 0; count < limit; index++) {
      if (this.states[index]! > 0) samples[count++] = this.values[index]!;
    }
    // std::nth_element's pick is the element of rank count/2; any selection finds the same value.
    const median = selectRank(samples, Math.floor(count / 2));
    this.subtractAndKeepPositiveOnly(median);
    return median;
  }

  private subtractAndKeepPositiveOnly(amount: number): void {
    const size = 2 ** this.lgCurSize;
    // From the back, find the first empty cell: it marks the high end of a cluster.
    let firstProbe = size - 1;
    while (this.states[firstProbe]! > 0) firstProbe--;
    for (let probe = firstProbe; probe-- > 0; ) this.subtractAt(probe, amount);
    // Then the first cluster, which wraps around the end of the table.
    for (let probe = size; probe-- > firstProbe; ) this.subtractAt(probe, amount);
  }

  private subtractAt(probe: number, amount: number): void {
    if (this.states[probe]! === 0) return;
    if (this.values[probe]! <= amount) {
      this.hashDelete(probe);
      this.numActive--;
    } else {
      this.values[probe] = this.values[probe]! - amount;
    }
  }

  private hashDelete(deleteIndex: number): void {
    this.states[deleteIndex] = 0;
    this.keys[deleteIndex] = undefined;
    let drift = 1;
    const mask = 2 ** this.lgCurSize - 1;
    let probe = (deleteIndex + drift) & mask;
    while (this.states[probe]! > 0) {
      if (this.states[probe]! > drift) {
        // Move this entry back into the hole.
        this.keys[deleteIndex] = this.keys[probe];
        this.values[deleteIndex] = this.values[probe]!;
        this.hashes[deleteIndex] = this.hashes[probe]!;
        this.states[deleteIndex] = this.states[probe]! - drift;
        this.states[probe] = 0;
        this.keys[probe] = undefined;
        drift = 0;
        deleteIndex = probe;
      }
      probe = (probe + 1) & mask;
      drift++;
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
