import type { Literal, LiteralType } from '../protobuf/flyteidl';
import type { FileAccess } from '../storage/file-access';

/** What a literal conversion may use: the blob store and the task's raw-output prefix. */
export interface LiteralContext {
  /** Reads and writes blobs; `fileAccess.rawOutputPrefix` is where produced blobs go. */
  readonly fileAccess: FileAccess;
  /** Path of the value for error messages, e.g. `inputs.rows[2]`. */
  readonly path: string;
}

/**
 * The part of a `TypeDescriptor` a transformer sees. Declared here, not imported, so that
 * `type-descriptor.ts` (which names `LiteralTransformer`) and this file do not import each other.
 */
export interface TransformedDescriptor<T = any> {
  readonly kind: string;
  readonly typeName: string;
  validate(value: unknown, path: string): T;
}

/**
 * Converts values of one kind of TypeDescriptor to and from flyteidl literals (flytekit's
 * `TypeTransformer`). A descriptor either carries one (`descriptor.literal`) or its `kind` is
 * registered with `registerLiteralTransformer`.
 */
export interface LiteralTransformer<T = any> {
  /** The Flyte interface type (`LiteralType`) of the descriptor. */
  literalType(descriptor: TransformedDescriptor<T>): LiteralType;
  /** Native value to literal; may upload blobs under `context.fileAccess.rawOutputPrefix`. */
  toLiteral(value: T, descriptor: TransformedDescriptor<T>, context: LiteralContext): Promise<Literal>;
  /** Literal to native value; may download blobs. Throws `TaskInputError` naming `context.path`. */
  fromLiteral(literal: Literal, descriptor: TransformedDescriptor<T>, context: LiteralContext): Promise<T>;
  /**
   * flytekit's transformer name for this type, which tags its variant in a union (`int`, `str`,
   * `FlyteFilePath`); default the descriptor's kind.
   */
  readonly unionTag?: string;
}
