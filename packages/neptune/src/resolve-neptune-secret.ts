import { type ExecutionContext, Secret } from '@tasklens/core';
import { registerSecretValue } from '@tasklens/core/plugin';

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
