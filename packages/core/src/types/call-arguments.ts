import type { InferType, TypeDescriptor, TypeRecord } from './type-descriptor';

/** A descriptor made by `types.withDefault`: the default is part of its type. */
export type WithDefault<Descriptor extends TypeDescriptor<any>> = Descriptor & {
  readonly default: { readonly value: InferType<Descriptor> };
};

// An input a caller may leave out: it has a default, or its type takes null (`types.optional`,
// `types.none`) — the same inputs `inputs.pb`, `tasklens run` and Python callers may omit.
type OmittableNames<Inputs extends TypeRecord> = {
  [Name in keyof Inputs]: Inputs[Name] extends { readonly default: { readonly value: unknown } }
    ? Name
    : null extends InferType<Inputs[Name]>
      ? Name
      : never;
}[keyof Inputs];

/**
 * The inputs object a caller passes to a task or declared workflow: like `InferRecord`, with the
 * inputs that have a default or an optional type as optional properties.
 */
export type InferCallRecord<Inputs extends TypeRecord> = {
  [Name in Exclude<keyof Inputs, OmittableNames<Inputs>>]: InferType<Inputs[Name]>;
} & { [Name in OmittableNames<Inputs>]?: InferType<Inputs[Name]> };

/** The argument list of a task or declared workflow: the inputs object may be left out when every input may be. */
export type CallArguments<Inputs extends TypeRecord> =
  Exclude<keyof Inputs, OmittableNames<Inputs>> extends never
    ? [inputs?: InferCallRecord<Inputs>]
    : [inputs: InferCallRecord<Inputs>];
