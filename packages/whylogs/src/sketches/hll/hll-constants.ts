// Constants of the DataSketches HLL format (`HllUtil.hpp` in the whylogs-sketching fork).

export const HLL_SERIAL_VERSION = 1;
export const HLL_FAMILY_ID = 7;
export const EMPTY_FLAG_MASK = 4;
export const COMPACT_FLAG_MASK = 8;
export const OUT_OF_ORDER_FLAG_MASK = 16;
export const FULL_SIZE_FLAG_MASK = 32;

export const LIST_PREAMBLE_INTS = 2;
export const SET_PREAMBLE_INTS = 3;
export const HLL_PREAMBLE_INTS = 10;
export const LIST_INT_ARRAY_START = 8;
export const SET_INT_ARRAY_START = 12;
export const HLL_BYTE_ARRAY_START = 40;

export const KEY_MASK_26 = (1 << 26) - 1;
export const AUX_TOKEN = 15;
export const MIN_LG_K = 4;
export const MAX_LG_K = 21;
export const LG_INIT_LIST_SIZE = 3;
export const LG_INIT_SET_SIZE = 5;
export const HLL_HIP_RSE_FACTOR = 0.8325546; // sqrt(ln(2))
export const HLL_NON_HIP_RSE_FACTOR = 1.03896; // sqrt((3 * ln(2)) - 1)
export const COUPON_RSE = 0.409 / (1 << 13);

/** Current mode: 0 LIST, 1 SET, 2 HLL (the low two bits of the mode byte). */
export const HllMode = { List: 0, Set: 1, Hll: 2 } as const;
export type HllMode = (typeof HllMode)[keyof typeof HllMode];

/** Register width: 0 HLL_4, 1 HLL_6, 2 HLL_8 (bits 2-3 of the mode byte; whylogs compares these values). */
export const HllType = { Hll4: 0, Hll6: 1, Hll8: 2 } as const;
export type HllType = (typeof HllType)[keyof typeof HllType];

/** log2 of the initial aux-map size per lgK 0…26 (only 4…21 are used). */
export const LG_AUX_ARRAY_INTS = [
  0, 2, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
];

export function couponValue(coupon: number): number {
  return coupon >>> 26;
}

export function couponLow26(coupon: number): number {
  return coupon & KEY_MASK_26;
}

export function pairOf(slot: number, value: number): number {
  return ((value << 26) | (slot & KEY_MASK_26)) >>> 0;
}

/** Smallest power of two ≥ n (1 for n ≤ 1). */
export function ceilingPowerOf2(n: number): number {
  if (n <= 1) return 1;
  return 2 ** Math.ceil(Math.log2(n));
}

/** `computeLgArrInts`: the table size to use for `count` entries when a serialized image omits it. */
export function computeLgArrayInts(mode: HllMode, count: number, lgConfigK: number): number {
  if (mode === HllMode.List) return LG_INIT_LIST_SIZE;
  let ceilingPower = ceilingPowerOf2(count);
  if (4 * count > 3 * ceilingPower) ceilingPower *= 2;
  const lg = Math.round(Math.log2(ceilingPower));
  if (mode === HllMode.Set) return Math.max(LG_INIT_SET_SIZE, lg);
  return Math.max(LG_AUX_ARRAY_INTS[lgConfigK]!, lg);
}
