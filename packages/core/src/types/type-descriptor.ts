import type { LiteralTransformer } from '../type-engine/literal-transformer';

/**
 * A runtime description of one task input or output type. The TypeScript type of a task's inputs
 * and outputs is inferred from these; the type engine turns them into Flyte literal types.
 * Packages add their own types (whylogs' profile blob) by implementing this interface.
 */
export interface TypeDescriptor<T = unknown> {
  /** Stable name of the type, e.g. `integer`, `list`, `whylogs.dataset-profile-view`. */
  readonly kind: string;
  /** Phantom member carrying the value type for inference; never set at run time. */
  readonly '~value'?: T;
  /**
   * Checks a value and returns it (possibly normalised). Throws `TaskInputError` naming `path`
   * (e.g. `inputs.rows[2]`) when the value does not fit.
   */
  validate(value: unknown, path: string): T;
  /** Human-readable type name used in error messages, e.g. `list<integer>`. */
  readonly typeName: string;
  /** HTML for the Input/Output decks; the default renders escaped JSON. */
  toHtml?(value: T): string;
  /**
   * Literal conversion carried by the descriptor (package-defined types, e.g. via `defineBlobType`);
   * default: the transformer registered for `kind`, else the built-in one.
   */
  readonly literal?: LiteralTransformer<T>;
  /** Value used when the input is not given (`types.withDefault`); none by default. */
  readonly default?: { readonly value: T };
}

/** The value type a descriptor stands for. */
export type InferType<Descriptor> = Descriptor extends TypeDescriptor<infer Value> ? Value : never;

/** A record of named descriptors, as in `task({ inputs: { x: types.integer() } })`. */
export type TypeRecord = Record<string, TypeDescriptor<any>>;

/** The object type of a record of descriptors. */
export type InferRecord<Record extends TypeRecord> = { [Name in keyof Record]: InferType<Record[Name]> };
