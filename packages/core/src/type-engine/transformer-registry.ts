import { InvalidOptionError } from '../errors/invalid-option-error';
import type { LiteralTransformer } from './literal-transformer';

const registryKey = Symbol.for('tasklens.type-engine.transformers');

/** Registered transformers by descriptor kind, shared by every copy of core in the process. */
function registry(): Map<string, LiteralTransformer> {
  const holder = globalThis as typeof globalThis & { [registryKey]?: Map<string, LiteralTransformer> };
  holder[registryKey] ??= new Map();
  return holder[registryKey];
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
