import { InvalidOptionError } from '../errors/invalid-option-error';
import { coreSlot } from '../globals/core-slot';
import type { LiteralTransformer } from './literal-transformer';

/** Registered transformers by descriptor kind, shared by every copy of core of the same major. */
export const transformerRegistrySlot = coreSlot<Map<string, LiteralTransformer>>('type-engine.transformers');

function registry(): Map<string, LiteralTransformer> {
  return transformerRegistrySlot.getOrCreate(() => new Map());
}

/**
 * Registers the literal conversion of a descriptor kind defined by another package (e.g. whylogs'
 * profile). Built-in kinds cannot be replaced; registering the same kind again replaces the entry.
 */
export function registerLiteralTransformer(kind: string, transformer: LiteralTransformer): void {
  if (typeof kind !== 'string' || kind.trim() === '') {
    throw new InvalidOptionError({
      option: 'kind',
      message: 'registerLiteralTransformer: kind must be a non-empty string',
    });
  }
  registry().set(kind, transformer);
}

/** The transformer registered for `kind`, if any. */
export function findRegisteredTransformer(kind: string): LiteralTransformer | undefined {
  return registry().get(kind);
}
