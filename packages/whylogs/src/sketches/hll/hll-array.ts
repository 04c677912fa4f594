import type { AuxHashMap } from './aux-hash-map';
import { X_ARRAYS, Y_STRIDES } from './composite-interpolation-table';
import { interpolateWithYStride } from './cubic-interpolation';
import { bitMapEstimate } from './harmonic-numbers';
import {
  HLL_BYTE_ARRAY_START,
  HLL_FAMILY_ID,
  HLL_HIP_RSE_FACTOR,
  HLL_NON_HIP_RSE_FACTOR,
  HLL_PREAMBLE_INTS,
  HLL_SERIAL_VERSION,
  HllMode,
  type HllType,
  LG_AUX_ARRAY_INTS,
  MIN_LG_K,
  pairOf,
} from './hll-constants';
import { flagsByte, type HllImpl, modeByte } from './hll-impl';
import { relativeError } from './relative-error-tables';

const INVERSE_POWERS_OF_2 = Float64Array.from({ length: 64 }, (_, exponent) => 2 ** -exponent);

/** Register-array bytes for each target type. */
export function hllArrayBytes(targetType: HllType, lgConfigK: number): number {
  if (targetType === 0) return 1 << (lgConfigK - 1);
  if (targetType === 1) return (((1 << lgConfigK) * 3) >>> 2) + 1;
  return 1 << lgConfigK;
}

/**
 * HLL mode: k registers plus the HIP accumulator and the kxq sums. Port of the fork's `HllArray-internal.hpp`;
 * the subclasses store 4, 6 or 8 bits per register.
 */
export abstract class HllArray implements HllImpl {
  readonly mode = HllMode.Hll;
  readonly lgConfigK: number;
  readonly targetType: HllType;
  readonly startFullSize: boolean;
  hipAccum = 0;
  kxq0: number;
  kxq1 = 0;
  curMin = 0;
  numAtCurMin: number;
  outOfOrder = false;
  registers: Uint8Array;

  constructor(lgConfigK: number, targetType: HllType, startFullSize: boolean) {
    this.lgConfigK = lgConfigK;
    this.targetType = targetType;
    this.startFullSize = startFullSize;
    this.kxq0 = 1 << lgConfigK;
    this.numAtCurMin = 1 << lgConfigK;
    this.registers = new Uint8Array(hllArrayBytes(targetType, lgConfigK));
  }

  /** The actual register value of `slot` (curMin and aux map applied). */
  abstract getValue(slot: number): number;
  abstract internalCouponUpdate(coupon: number): void;
  abstract copy(): HllArray;

  auxMap(): AuxHashMap | null {
    return null;
  }

  couponUpdate(coupon: number): HllImpl {
    this.internalCouponUpdate(coupon);
    return this;
  }

  /** Copies the scalar state of `source` (used by copy()). */
  protected copyStateFrom(source: HllArray): void {
    this.hipAccum = source.hipAccum;
    this.kxq0 = source.kxq0;
    this.kxq1 = source.kxq1;
    this.curMin = source.curMin;
    this.numAtCurMin = source.numAtCurMin;
    this.outOfOrder = source.outOfOrder;
    this.registers = source.registers.slice();
  }

  /** Merges another array's registers through coupon updates (convertToHllN / mergeHll). */
  mergeHll(source: HllArray): void {
    for (const coupon of source.coupons()) this.internalCouponUpdate(coupon);
  }

  isEmpty(): boolean {
    return this.curMin === 0 && this.numAtCurMin === 1 << this.lgConfigK;
  }

  isOutOfOrder(): boolean {
    return this.outOfOrder;
  }

  setOutOfOrder(flag: boolean): void {
    this.outOfOrder = flag;
  }

  hipAndKxqIncrementalUpdate(oldValue: number, newValue: number): void {
    const configK = 1 << this.lgConfigK;
    if (!this.outOfOrder) this.hipAccum += configK / (this.kxq0 + this.kxq1);
    if (oldValue < 32) this.kxq0 -= INVERSE_POWERS_OF_2[oldValue]!;
    else this.kxq1 -= INVERSE_POWERS_OF_2[oldValue]!;
    if (newValue < 32) this.kxq0 += INVERSE_POWERS_OF_2[newValue]!;
    else this.kxq1 += INVERSE_POWERS_OF_2[newValue]!;
  }

  estimate(): number {
    return this.outOfOrder ? this.compositeEstimate() : this.hipAccum;
  }

  lowerBound(numStdDev: number): number {
    const configK = 1 << this.lgConfigK;
    const numNonZeros = this.curMin === 0 ? configK - this.numAtCurMin : configK;
    const estimate = this.outOfOrder ? this.compositeEstimate() : this.hipAccum;
    const rseFactor = this.outOfOrder ? HLL_NON_HIP_RSE_FACTOR : HLL_HIP_RSE_FACTOR;
    const relErr =
      this.lgConfigK > 12
        ? (numStdDev * rseFactor) / Math.sqrt(configK)
        : relativeError(false, this.outOfOrder, this.lgConfigK, numStdDev);
    return Math.max(estimate / (1.0 + relErr), numNonZeros);
  }

  upperBound(numStdDev: number): number {
    const configK = 1 << this.lgConfigK;
    const estimate = this.outOfOrder ? this.compositeEstimate() : this.hipAccum;
    const rseFactor = this.outOfOrder ? HLL_NON_HIP_RSE_FACTOR : HLL_HIP_RSE_FACTOR;
    const relErr =
      this.lgConfigK > 12
        ? (-1.0 * (numStdDev * rseFactor)) / Math.sqrt(configK)
        : relativeError(true, this.outOfOrder, this.lgConfigK, numStdDev);
    return estimate / (1.0 + relErr);
  }

  /** The non-HIP estimator: bias-corrected raw HLL estimate pasted with linear counting for small n. */
  compositeEstimate(): number {
    const rawEstimate = this.rawEstimate();
    const xArray = X_ARRAYS[this.lgConfigK - MIN_LG_K]!;
    const yStride = Y_STRIDES[this.lgConfigK - MIN_LG_K]!;
    if (rawEstimate < xArray[0]!) return 0;
    const lastIndex = xArray.length - 1;
    if (rawEstimate > xArray[lastIndex]!) {
      const finalY = yStride * lastIndex;
      const factor = finalY / xArray[lastIndex]!;
      return rawEstimate * factor;
    }
    const adjustedEstimate = interpolateWithYStride(xArray, yStride, rawEstimate);
    if (adjustedEstimate > 3 << this.lgConfigK) return adjustedEstimate;
    const linearEstimate = this.bitMapEstimate();
    const averageEstimate = (adjustedEstimate + linearEstimate) / 2.0;
    let crossOver = 0.64;
    if (this.lgConfigK === 4) crossOver = 0.718;
    else if (this.lgConfigK === 5) crossOver = 0.672;
    return averageEstimate > crossOver * (1 << this.lgConfigK) ? adjustedEstimate : linearEstimate;
  }

  private bitMapEstimate(): number {
    const configK = 1 << this.lgConfigK;
    const numUnhitBuckets = this.curMin === 0 ? this.numAtCurMin : 0;
    if (numUnhitBuckets === 0) return configK * Math.log(configK / 0.5);
    return bitMapEstimate(configK, configK - numUnhitBuckets);
  }

  private rawEstimate(): number {
    const configK = 1 << this.lgConfigK;
    let correctionFactor: number;
    if (this.lgConfigK === 4) correctionFactor = 0.673;
    else if (this.lgConfigK === 5) correctionFactor = 0.697;
    else if (this.lgConfigK === 6) correctionFactor = 0.709;
    else correctionFactor = 0.7213 / (1.0 + 1.079 / configK);
    return (correctionFactor * configK * configK) / (this.kxq0 + this.kxq1);
  }

  *coupons(): IterableIterator<number> {
    const configK = 1 << this.lgConfigK;
    for (let slot = 0; slot < configK; slot++) {
      const value = this.getValue(slot);
      if (value !== 0) yield pairOf(slot, value);
    }
  }

  serialize(compact: boolean): Uint8Array {
    const auxMap = this.auxMap();
    const arrayBytes = this.registers.length;
    let auxBytes = 0;
    if (this.targetType === 0) {
      if (compact) auxBytes = auxMap === null ? 0 : auxMap.auxCount * 4;
      else auxBytes = 4 << (auxMap === null ? LG_AUX_ARRAY_INTS[this.lgConfigK]! : auxMap.lgAuxArrayInts);
    }
    const bytes = new Uint8Array(HLL_BYTE_ARRAY_START + arrayBytes + auxBytes);
    const view = new DataView(bytes.buffer);
    bytes[0] = HLL_PREAMBLE_INTS;
    bytes[1] = HLL_SERIAL_VERSION;
    bytes[2] = HLL_FAMILY_ID;
    bytes[3] = this.lgConfigK;
    bytes[4] = auxMap === null ? 0 : auxMap.lgAuxArrayInts;
    bytes[5] = flagsByte(this, compact);
    bytes[6] = this.curMin;
    bytes[7] = modeByte(this);
    view.setFloat64(8, this.hipAccum, true);
    view.setFloat64(16, this.kxq0, true);
    view.setFloat64(24, this.kxq1, true);
    view.setUint32(32, this.numAtCurMin, true);
    view.setUint32(36, auxMap === null ? 0 : auxMap.auxCount, true);
    bytes.set(this.registers, HLL_BYTE_ARRAY_START);
    if (auxMap !== null) {
      let offset = HLL_BYTE_ARRAY_START + arrayBytes;
      if (compact) {
        for (const pair of auxMap.pairs()) {
          view.setUint32(offset, pair, true);
          offset += 4;
        }
      } else {
        for (const entry of auxMap.entries) {
          view.setUint32(offset, entry, true);
          offset += 4;
        }
      }
    }
    return bytes;
  }
}
