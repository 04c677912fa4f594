import type { ExecutionContext } from '@tasklens/core';
import {
  readSecretSource,
  registerSecretValue,
  type SecretSource,
  secretOption,
} from '@tasklens/core/plugin';

/** A Neptune API token source: a Flyte `Secret`, or a function returning the token. */
export type NeptuneSecret = SecretSource;

/**
 * flytekit's `_get_secret`: a `Secret` (of any copy of core) is looked up by key and group (the
 * version is not passed); a function is called with no arguments. The value is registered for
 * redaction at once.
 */
export async function resolveNeptuneSecret(
  context: ExecutionContext,
  secret: NeptuneSecret,
): Promise<string> {
  const token = await readSecretSource(secret, context.secrets);
  registerSecretValue(token);
  return token;
}

/** The declaration of a decorator's `secret` option (required; remotely the token comes from it). */
export const neptuneSecretOption = secretOption('the API token');
