// Public API of `@tasklens/whylogs/sketches`: the DataSketches (whylogs-sketching fork) sketches whylogs uses.

export { DEFAULT_HASH_SEED, type MurmurHash3Result, murmurHash3x64_128 } from './common/murmur-hash3';
export { SketchStateError } from './common/sketch-state-error';
export {
  type FrequentItemRow,
  type FrequentItemsErrorType,
  FrequentStringsSketch,
  type FrequentStringsSketchOptions,
  truncateCodePoints,
  WHYLOGS_FI_LG_MAX_MAP_SIZE,
  WHYLOGS_MAX_FREQUENT_ITEM_SIZE,
} from './frequencies/frequent-strings-sketch';
export {
  type HllCurrentMode,
  HllSketch,
  type HllSketchOptions,
  type HllTargetType,
  WHYLOGS_HLL_LG_K,
} from './hll/hll-sketch';
export { HllUnion } from './hll/hll-union';
export { KllDoublesSketch, type KllDoublesSketchOptions, WHYLOGS_KLL_K } from './kll/kll-doubles-sketch';
export { createAlternatingBits, type RandomBit } from './kll/kll-helper';
export type { KllSerializeOptions } from './kll/kll-serialization';
