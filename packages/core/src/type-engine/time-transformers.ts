import { create } from '@bufbuild/protobuf';
import { DurationSchema, TimestampSchema } from '@bufbuild/protobuf/wkt';
import { TaskInputError } from '../errors/task-input-error';
import { type Literal, SimpleType } from '../protobuf/flyteidl';
import { PreciseDate } from '../types/precise-date';
import { PreciseDuration } from '../types/precise-duration';
import { primitiveLiteral, primitiveOf, simpleLiteralType } from './literal-builders';
import { literalMismatch } from './literal-mismatch';
import type { LiteralContext, LiteralTransformer, TransformedDescriptor } from './literal-transformer';

/** The protobuf Timestamp of a date (seconds floor, non-negative nanos, as protobuf requires). */
export function timestampLiteral(value: Date): Literal {
  const nanoseconds = PreciseDate.from(value).epochNanoseconds;
  let seconds = nanoseconds / 1_000_000_000n;
  if (nanoseconds % 1_000_000_000n < 0n) seconds -= 1n;
  return primitiveLiteral({
    case: 'datetime',
    value: create(TimestampSchema, { seconds, nanos: Number(nanoseconds - seconds * 1_000_000_000n) }),
  });
}

function durationLiteral(value: PreciseDuration): Literal {
  return primitiveLiteral({
    case: 'duration',
    value: create(DurationSchema, { seconds: value.seconds, nanos: value.nanoseconds }),
  });
}

function durationOf(
  literal: Literal,
  descriptor: TransformedDescriptor,
  context: LiteralContext,
): PreciseDuration {
  const primitive = primitiveOf(literal);
  if (primitive?.case !== 'duration') literalMismatch(context, descriptor, literal);
  return PreciseDuration.fromParts(primitive.value.seconds, primitive.value.nanos);
}

/** Datetimes keep every nanosecond of the Timestamp (a `PreciseDate`; Python sends microseconds). */
export const datetimeTransformer: LiteralTransformer<Date> = {
  unionTag: 'datetime',
  literalType: () => simpleLiteralType(SimpleType.DATETIME),
  toLiteral: async (value) => timestampLiteral(value),
  async fromLiteral(literal, descriptor, context) {
    const primitive = primitiveOf(literal);
    if (primitive?.case !== 'datetime') literalMismatch(context, descriptor, literal);
    const { seconds, nanos } = primitive.value;
    return PreciseDate.fromEpochNanoseconds(seconds * 1_000_000_000n + BigInt(nanos));
  },
};

/**
 * Millisecond-number durations. A Duration a number cannot hold exactly (beyond ~285 years with
 * microseconds) is a typed error naming the input rather than a silently rounded value.
 */
export const durationTransformer: LiteralTransformer<number> = {
  unionTag: 'timedelta',
  literalType: () => simpleLiteralType(SimpleType.DURATION),
  toLiteral: async (value) => durationLiteral(PreciseDuration.fromMilliseconds(value)),
  async fromLiteral(literal, descriptor, context) {
    const precise = durationOf(literal, descriptor, context);
    const milliseconds = precise.toMilliseconds();
    if (!PreciseDuration.fromMilliseconds(milliseconds).equals(precise)) {
      throw new TaskInputError({
        path: context.path,
        message: `${context.path}: duration of ${precise} cannot be held exactly as a number of milliseconds; declare it as types.preciseDuration()`,
      });
    }
    return milliseconds;
  },
};

/** Nanosecond-exact durations (`types.preciseDuration()`). */
export const preciseDurationTransformer: LiteralTransformer<PreciseDuration> = {
  unionTag: 'timedelta',
  literalType: () => simpleLiteralType(SimpleType.DURATION),
  toLiteral: async (value) => durationLiteral(value),
  fromLiteral: async (literal, descriptor, context) => durationOf(literal, descriptor, context),
};
