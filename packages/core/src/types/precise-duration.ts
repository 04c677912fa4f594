import { floorDivide } from './precise-date';

/**
 * A signed span of time with nanosecond precision and the full protobuf Duration range (±10 000
 * years), for Flyte `duration` values a millisecond `number` cannot hold exactly (Python's
 * `timedelta(days=100000, microseconds=1)`).
 */
export class PreciseDuration {
  /** Total nanoseconds (negative for a negative duration). */
  readonly totalNanoseconds: bigint;

  constructor(totalNanoseconds: bigint) {
    this.totalNanoseconds = totalNanoseconds;
  }

  /** From protobuf Duration fields (seconds and nanos carry the same sign). */
  static fromParts(seconds: bigint, nanoseconds: number): PreciseDuration {
    return new PreciseDuration(seconds * 1_000_000_000n + BigInt(nanoseconds));
  }

  /** From milliseconds (fractions down to the nanosecond are kept). */
  static fromMilliseconds(milliseconds: number): PreciseDuration {
    if (!Number.isFinite(milliseconds)) throw new RangeError(`not a finite duration: ${milliseconds}`);
    const whole = Math.trunc(milliseconds);
    return new PreciseDuration(BigInt(whole) * 1_000_000n + BigInt(Math.round((milliseconds - whole) * 1e6)));
  }

  /** Whole seconds, truncated towards zero (protobuf's `seconds`). */
  get seconds(): bigint {
    return this.totalNanoseconds / 1_000_000_000n;
  }

  /** Nanoseconds past `seconds`, with the sign of the duration (protobuf's `nanos`). */
  get nanoseconds(): number {
    return Number(this.totalNanoseconds % 1_000_000_000n);
  }

  /** Milliseconds as a number (may round for very long durations). */
  toMilliseconds(): number {
    const whole = floorDivide(this.totalNanoseconds, 1_000_000n);
    return Number(whole) + Number(this.totalNanoseconds - whole * 1_000_000n) / 1e6;
  }

  equals(other: PreciseDuration): boolean {
    return other.totalNanoseconds === this.totalNanoseconds;
  }

  toString(): string {
    return `${this.totalNanoseconds}ns`;
  }

  toJSON(): string {
    return this.toString();
  }
}
