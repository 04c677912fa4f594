import { ByteReader } from '../common/byte-reader';
import { AuxHashMap } from './aux-hash-map';
import { CouponList, findInSet } from './coupon-list';
import { hllArrayBytes } from './hll-array';
import { newHllArray } from './hll-array-factory';
import {
  AUX_TOKEN,
  COMPACT_FLAG_MASK,
  computeLgArrayInts,
  EMPTY_FLAG_MASK,
  FULL_SIZE_FLAG_MASK,
  HLL_FAMILY_ID,
  HLL_PREAMBLE_INTS,
  HLL_SERIAL_VERSION,
  HllMode,
  type HllType,
  LG_INIT_SET_SIZE,
  LIST_PREAMBLE_INTS,
  MAX_LG_K,
  MIN_LG_K,
  OUT_OF_ORDER_FLAG_MASK,
  SET_PREAMBLE_INTS,
} from './hll-constants';
import type { HllImpl } from './hll-impl';
import type { Hll4Array } from './hll4-array';

/**
 * Reads any HLL image DataSketches (C++, Java, the whylogs fork) writes: LIST, SET and HLL_4/6/8, compact or
 * updatable. Every count is checked against the bytes present before anything is allocated.
 */
export function deserializeHll(bytes: Uint8Array): HllImpl {
  const reader = new ByteReader(bytes, 'hll');
  reader.require(8, 'preamble');
  const preambleInts = reader.uint8('preambleInts');
  const serialVersion = reader.uint8('serialVersion');
  const family = reader.uint8('family');
  const lgK = reader.uint8('lgK');
  const lgArray = reader.uint8('lgArray');
  const flags = reader.uint8('flags');
  const countOrCurMin = reader.uint8('count');
  const modeByte = reader.uint8('mode');

  if (family !== HLL_FAMILY_ID)
    throw reader.error('family', `expected ${HLL_FAMILY_ID} (HLL), got ${family}`);
  if (serialVersion !== HLL_SERIAL_VERSION) {
    throw reader.error('serialVersion', `expected ${HLL_SERIAL_VERSION}, got ${serialVersion}`);
  }
  if (lgK < MIN_LG_K || lgK > MAX_LG_K)
    throw reader.error('lgK', `must be ${MIN_LG_K}…${MAX_LG_K}, got ${lgK}`);
  const mode = modeByte & 3;
  const targetType = (modeByte >>> 2) & 3;
  if (mode === 3) throw reader.error('mode', 'invalid current mode 3');
  if (targetType === 3) throw reader.error('mode', 'invalid target type 3');
  const compact = (flags & COMPACT_FLAG_MASK) !== 0;
  const outOfOrder = (flags & OUT_OF_ORDER_FLAG_MASK) !== 0;
  const empty = (flags & EMPTY_FLAG_MASK) !== 0;

  if (preambleInts === LIST_PREAMBLE_INTS) {
    if (mode !== HllMode.List) throw reader.error('mode', 'a LIST preamble needs LIST mode');
    const list = new CouponList(lgK, targetType as HllType, HllMode.List);
    const count = countOrCurMin;
    if (count >= list.coupons_.length)
      throw reader.error('count', `a LIST holds at most 7 coupons, got ${count}`);
    list.outOfOrder = outOfOrder;
    if (!empty) {
      reader.require((compact ? count : list.coupons_.length) * 4, 'coupons');
      for (let index = 0; index < count; index++) {
        const coupon = reader.uint32('coupons');
        if (coupon === 0) throw reader.error('coupons', 'a LIST coupon cannot be 0');
        list.coupons_[index] = coupon;
      }
      list.couponCount = count;
    }
    return list;
  }

  if (preambleInts === SET_PREAMBLE_INTS) {
    if (mode !== HllMode.Set) throw reader.error('mode', 'a SET preamble needs SET mode');
    if (lgK <= 7) throw reader.error('lgK', `a SET needs lgK > 7, got ${lgK}`);
    const count = reader.uint32('count');
    // A SET promotes to HLL once 4·count > 3·2^(lgK−3).
    if (4 * count > 3 * (1 << (lgK - 3))) throw reader.error('count', `${count} coupons do not fit a SET`);
    let impl: HllImpl = new CouponList(lgK, targetType as HllType, HllMode.Set);
    if (compact) {
      reader.require(count * 4, 'coupons');
      for (let index = 0; index < count; index++) {
        const coupon = reader.uint32('coupons');
        if (coupon === 0) throw reader.error('coupons', 'a SET coupon cannot be 0');
        impl = impl.couponUpdate(coupon);
      }
      if (impl.mode !== HllMode.Set || (impl as CouponList).couponCount !== count) {
        throw reader.error('coupons', 'duplicate coupons in a compact SET');
      }
    } else {
      const lgArrayInts = lgArray < LG_INIT_SET_SIZE ? computeLgArrayInts(HllMode.Set, count, lgK) : lgArray;
      if (lgArrayInts > lgK - 3)
        throw reader.error('lgArray', `a SET table of 2^${lgArrayInts} is too large`);
      const size = 1 << lgArrayInts;
      reader.require(size * 4, 'coupons');
      const table = new Uint32Array(size);
      let nonZero = 0;
      for (let index = 0; index < size; index++) {
        table[index] = reader.uint32('coupons');
        if (table[index] !== 0) nonZero++;
      }
      if (nonZero !== count || 4 * count > 3 * size)
        throw reader.error('count', 'SET count does not match its table');
      const set = impl as CouponList;
      set.coupons_ = table;
      set.couponCount = count;
      for (const coupon of table) {
        if (coupon !== 0 && findInSet(table, lgArrayInts, coupon) < 0) {
          throw reader.error('coupons', 'SET table entry is not where hashing puts it');
        }
      }
    }
    (impl as CouponList).outOfOrder = outOfOrder;
    return impl;
  }

  if (preambleInts !== HLL_PREAMBLE_INTS) {
    throw reader.error('preambleInts', `expected 2 (LIST), 3 (SET) or 10 (HLL), got ${preambleInts}`);
  }
  if (mode !== HllMode.Hll) throw reader.error('mode', 'an HLL preamble needs HLL mode');
  const arrayBytes = hllArrayBytes(targetType as HllType, lgK);
  reader.require(32 + arrayBytes, 'registers');
  const hip = reader.float64('hipAccum');
  const kxq0 = reader.float64('kxq0');
  const kxq1 = reader.float64('kxq1');
  const numAtCurMin = reader.uint32('numAtCurMin');
  const auxCount = reader.uint32('auxCount');
  const configK = 1 << lgK;
  if (numAtCurMin > configK) throw reader.error('numAtCurMin', `must be ≤ ${configK}, got ${numAtCurMin}`);
  if (countOrCurMin > 63) throw reader.error('curMin', `must be ≤ 63, got ${countOrCurMin}`);
  const array = newHllArray(lgK, targetType as HllType, (flags & FULL_SIZE_FLAG_MASK) !== 0);
  array.curMin = countOrCurMin;
  array.outOfOrder = outOfOrder;
  // A union result carries a stale accumulator; the fork ignores it when the out-of-order flag is set.
  if (!outOfOrder) array.hipAccum = hip;
  array.kxq0 = kxq0;
  array.kxq1 = kxq1;
  array.numAtCurMin = numAtCurMin;
  array.registers.set(reader.subarray(arrayBytes, 'registers'));
  if (auxCount > 0) {
    if (targetType !== 0) throw reader.error('auxCount', 'only HLL_4 sketches have an aux map');
    if (auxCount > configK) throw reader.error('auxCount', `must be ≤ ${configK}, got ${auxCount}`);
    const lgAux = compact ? AuxHashMap.lgSizeForCompact(auxCount, lgK) : lgArray;
    if (lgAux > lgK) throw reader.error('lgArray', `aux table 2^${lgAux} is larger than k`);
    const pairCount = compact ? auxCount : 1 << lgAux;
    reader.require(pairCount * 4, 'auxPairs');
    const pairs = new Uint32Array(pairCount);
    for (let index = 0; index < pairCount; index++) pairs[index] = reader.uint32('auxPairs');
    try {
      (array as Hll4Array).aux = AuxHashMap.fromPairs(pairs, lgK, auxCount, lgAux);
    } catch (error) {
      throw reader.error('auxPairs', `corrupt aux map (${(error as Error).message})`);
    }
  }
  if (targetType === 0) checkAuxTokens(array as Hll4Array, reader);
  else if (countOrCurMin !== 0) throw reader.error('curMin', 'HLL_6 and HLL_8 keep curMin at 0');
  // Later updates rely on numAtCurMin (curMin shifts), so it must match the registers.
  let atCurMin = 0;
  for (let slot = 0; slot < configK; slot++) if (array.getValue(slot) === array.curMin) atCurMin++;
  if (atCurMin !== numAtCurMin) {
    throw reader.error('numAtCurMin', `header says ${numAtCurMin} registers at curMin, found ${atCurMin}`);
  }
  return array;
}

/** Every nibble of 15 must have an aux entry, or later reads would fail. */
function checkAuxTokens(array: Hll4Array, reader: ByteReader): void {
  const configK = 1 << array.lgConfigK;
  let tokens = 0;
  for (let slot = 0; slot < configK; slot++) {
    if (array.getSlot(slot) === AUX_TOKEN) {
      tokens++;
      if (array.aux === null) throw reader.error('registers', `slot ${slot} points to a missing aux map`);
      try {
        array.aux.mustFindValueFor(slot);
      } catch {
        throw reader.error('auxPairs', `slot ${slot} has no aux entry`);
      }
    }
  }
  if (tokens !== (array.aux?.auxCount ?? 0))
    throw reader.error('auxCount', 'aux entries do not match the registers');
}
