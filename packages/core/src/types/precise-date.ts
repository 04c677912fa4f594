/**
 * A `Date` that also keeps the nanoseconds below its millisecond, so a Flyte `datetime` (protobuf
 * Timestamp, microseconds from Python) survives a round trip through a TypeScript task. It is a
 * real `Date`: code written for `Date` keeps working; the setters of `Date` reset the extra part.
 */
export class PreciseDate extends Date {
  /** Nanoseconds past `getTime()`'s millisecond, 0–999 999. */
  readonly nanosecondsPastMillisecond: number;

  constructor(epochMilliseconds: number, nanosecondsPastMillisecond = 0) {
    super(epochMilliseconds);
    if (
      !Number.isInteger(nanosecondsPastMillisecond) ||
      nanosecondsPastMillisecond < 0 ||
      nanosecondsPastMillisecond > 999_999
    ) {
      throw new RangeError(
        `nanosecondsPastMillisecond must be an integer 0–999999, got ${nanosecondsPastMillisecond}`,
      );
    }
    this.nanosecondsPastMillisecond = Number.isNaN(this.getTime()) ? 0 : nanosecondsPastMillisecond;
  }

  /** The instant `nanoseconds` after 1970-01-01T00:00:00Z (negative before). */
  static fromEpochNanoseconds(nanoseconds: bigint): PreciseDate {
    const milliseconds = floorDivide(nanoseconds, 1_000_000n);
    return new PreciseDate(Number(milliseconds), Number(nanoseconds - milliseconds * 1_000_000n));
  }

  /** A `PreciseDate` of any `Date` (a plain `Date` has no sub-millisecond part). */
  static from(date: Date): PreciseDate {
    if (date instanceof PreciseDate) return date;
    return new PreciseDate(date.getTime());
  }

  /** Nanoseconds since the epoch. */
  get epochNanoseconds(): bigint {
    return BigInt(this.getTime()) * 1_000_000n + BigInt(this.nanosecondsPastMillisecond);
  }

  /** ISO 8601 in UTC with the sub-millisecond digits, e.g. `2020-01-01T01:01:59.123456Z`. */
  toPreciseISOString(): string {
    const base = this.toISOString().slice(0, -1);
    if (this.nanosecondsPastMillisecond === 0) return `${base}Z`;
    const digits = String(this.nanosecondsPastMillisecond).padStart(6, '0');
    return `${base}${digits.endsWith('000') ? digits.slice(0, 3) : digits}Z`;
  }
}

/** Division rounding towards negative infinity (bigint `/` truncates). */
export function floorDivide(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  return dividend % divisor !== 0n && dividend < 0n !== divisor < 0n ? quotient - 1n : quotient;
}
