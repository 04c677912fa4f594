import { TaskInputError } from '../errors/task-input-error';
import type { Literal } from '../protobuf/flyteidl';
import { describeLiteral } from './literal-builders';
import type { LiteralContext, TransformedDescriptor } from './literal-transformer';

/** The standard "expected X, got Y" conversion error. */
export function literalMismatch(
  context: LiteralContext,
  descriptor: TransformedDescriptor,
  literal: Literal,
): never {
  throw new TaskInputError({
    path: context.path,
    message: `${context.path}: expected a ${descriptor.typeName} literal, got ${describeLiteral(literal)}`,
  });
}
