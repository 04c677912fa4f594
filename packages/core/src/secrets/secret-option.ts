import { InvalidOptionError } from '../errors/invalid-option-error';
import type { OptionDeclaration } from '../options/option-declaration';
import type { Secret } from './secret';
import type { SecretLookup } from './secrets-manager';

/** Where a tracker decorator's key comes from remotely: a Flyte `Secret`, or a function returning it. */
export type SecretSource = Secret | (() => string | Promise<string>);

/**
 * A `Secret` recognised by its shape (an object with a `key`), not by `instanceof`: a `Secret` made
 * by another copy of `@tasklens/core` installed beside this one (two majors, a bundled copy) is one too.
 */
function isSecretShaped(value: unknown): value is Secret {
  return typeof value === 'object' && value !== null && 'key' in value;
}

/**
 * A decorator's `secret` option (flytekit's `secret: Union[Secret, Callable]`): a `Secret`, or a
 * function returning `what` ("the API key"). No default: the decorator says whether it is required.
 */
export function secretOption(what: string): OptionDeclaration<SecretSource, undefined> {
  const expected = `a Secret or a function returning ${what}`;
  return {
    expected,
    defaultValue: undefined,
    validate(value, option) {
      if (typeof value !== 'function' && !isSecretShaped(value)) {
        throw new InvalidOptionError({
          option,
          message: `${option} must be ${expected}, got ${typeof value}`,
        });
      }
      return value as SecretSource;
    },
  };
}

/**
 * flytekit's `_get_secret`: a function is called with no arguments; a `Secret` (of any copy of core)
 * is looked up by key and group only, as flytekit drops its version.
 */
export async function readSecretSource(
  source: SecretSource,
  secrets: { get(lookup: SecretLookup): string },
): Promise<string> {
  return typeof source === 'function'
    ? await source()
    : secrets.get({ key: source.key, group: source.group });
}
