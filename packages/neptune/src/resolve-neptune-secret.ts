import { type ExecutionContext, InvalidOptionError, Secret } from '@tasklens/core';
import { declareOption, registerSecretValue } from '@tasklens/core/plugin';

/** A Neptune API token source: a Flyte `Secret`, or a function returning the token. */
export type NeptuneSecret = Secret | (() => string | Promise<string>);

/**
 * flytekit's `_get_secret`: a `Secret` is looked up by key and group (the version is not passed);
 * anything else is called with no arguments. The value is registered for redaction at once.
 */
export async function resolveNeptuneSecret(
  context: ExecutionContext,
  secret: NeptuneSecret,
): Promise<string> {
  const token =
    secret instanceof Secret ? context.secrets.get({ key: secret.key, group: secret.group }) : await secret();
  registerSecretValue(token);
  return token;
}

/** The declaration of a decorator's `secret` option (required; remotely the token comes from it). */
export const neptuneSecretOption = declareOption<NeptuneSecret, undefined>({
  expected: 'a Secret or a function returning the API token',
  defaultValue: undefined,
  validate(value, option) {
    if (typeof value !== 'function' && !(value instanceof Secret)) {
      throw new InvalidOptionError({
        option,
        message: `${option} must be a Secret or a function returning the API token, got ${typeof value}`,
      });
    }
    return value as NeptuneSecret;
  },
});
