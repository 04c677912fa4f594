import type { Literal, LiteralType } from '../protobuf/flyteidl';
import type { FileAccess } from '../storage/file-access';
import type { TypeDescriptor } from '../types/type-descriptor';

/** What a literal conversion may use: the blob store and the task's raw-output prefix. */
export interface LiteralContext {
  /** Reads and writes blobs; `fileAccess.rawOutputPrefix` is where produced blobs go. */
  readonly fileAccess: FileAccess;
  /** Path of the value for error messages, e.g. `inputs.rows[2]`. */
  readonly path: string;
}

/**
 * Converts values of one kind of TypeDescriptor to and from flyteidl literals (flytekit's
 * `TypeTransformer`). A descriptor either carries one (`descriptor.literal`) or its `kind` is
 * registered with `registerLiteralTransformer`.
 */
export interface LiteralTransformer<T = any> {
  /** The Flyte interface type (`LiteralType`) of the descriptor. */
  literalType(descriptor: TypeDescriptor<T>): LiteralType;
  /** Native value to literal; may upload blobs under `context.fileAccess.rawOutputPrefix`. */
  toLiteral(value: T, descriptor: TypeDescriptor<T>, context: LiteralContext): Promise<Literal>;
  /** Literal to native value; may download blobs. Throws `TaskInputError` naming `context.path`. */
  fromLiteral(literal: Literal, descriptor: TypeDescriptor<T>, context: LiteralContext): Promise<T>;
}
