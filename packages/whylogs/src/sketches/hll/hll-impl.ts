import type { HllMode, HllType } from './hll-constants';

/** One representation of an HLL sketch (coupon list/set or register array), like the fork's HllSketchImpl. */
export interface HllImpl {
  readonly lgConfigK: number;
  readonly targetType: HllType;
  readonly mode: HllMode;
  readonly startFullSize: boolean;
  /** Applies a coupon; returns the implementation to use from now on (a promotion returns a new one). */
  couponUpdate(coupon: number): HllImpl;
  estimate(): number;
  compositeEstimate(): number;
  lowerBound(numStdDev: number): number;
  upperBound(numStdDev: number): number;
  isEmpty(): boolean;
  isOutOfOrder(): boolean;
  setOutOfOrder(flag: boolean): void;
  serialize(compact: boolean): Uint8Array;
  copy(): HllImpl;
  /** Non-empty coupons (LIST/SET) or (slot, value) pairs of non-zero registers (HLL), in container order. */
  coupons(): IterableIterator<number>;
}

/** The flags byte every representation writes. */
export function flagsByte(impl: HllImpl, compact: boolean): number {
  return (
    (impl.isEmpty() ? 4 : 0) |
    (compact ? 8 : 0) |
    (impl.isOutOfOrder() ? 16 : 0) |
    (impl.startFullSize ? 32 : 0)
  );
}

/** The mode byte: current mode in bits 0-1, target type in bits 2-3. */
export function modeByte(impl: HllImpl): number {
  return impl.mode | (impl.targetType << 2);
}
