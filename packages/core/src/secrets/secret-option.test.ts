import { describe, expect, test } from 'vitest';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { resolveDeclaredOptions } from '../options/option-declaration';
import { Secret } from './secret';
import { readSecretSource, secretOption } from './secret-option';
import { SecretsManager } from './secrets-manager';

/** `Secret` as a second installed copy of core defines it: the same class, loaded as another module. */
async function secretClassOfAnotherCopy(): Promise<typeof Secret> {
  const module = (await import(/* @vite-ignore */ `./secret.ts?another-copy=${Date.now()}`)) as {
    Secret: typeof Secret;
  };
  return module.Secret;
}

function errorOf(run: () => unknown): InvalidOptionError {
  try {
    run();
  } catch (error) {
    if (InvalidOptionError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidOptionError');
}

describe('secretOption: a decorator secret declared once', () => {
  const declarations = { secret: secretOption('the API key') };

  test('a Secret and a function returning the key are kept as given', () => {
    const secret = new Secret({ group: 'comet', key: 'api-key' });
    const read = () => 'key';
    expect(resolveDeclaredOptions(declarations, { secret }, 'cometMlLogin').secret).toBe(secret);
    expect(resolveDeclaredOptions(declarations, { secret: read }, 'cometMlLogin').secret).toBe(read);
    expect(resolveDeclaredOptions(declarations, {}, 'cometMlLogin').secret).toBeUndefined();
  });

  test('anything else is an InvalidOptionError naming the option and what it must return', () => {
    const error = errorOf(() => resolveDeclaredOptions(declarations, { secret: 'plain-key' }, 'wandbInit'));
    expect(error.option).toBe('wandbInit.secret');
    expect(error.message).toBe(
      'wandbInit.secret must be a Secret or a function returning the API key, got string',
    );
    expect(declarations.secret.expected).toBe('a Secret or a function returning the API key');
    const token = secretOption('the API token');
    expect(errorOf(() => token.validate(42, 'neptuneInitRun.secret', {})).message).toBe(
      'neptuneInitRun.secret must be a Secret or a function returning the API token, got number',
    );
    expect(errorOf(() => token.validate(null, 'secret', {})).message).toBe(
      'secret must be a Secret or a function returning the API token, got object',
    );
  });

  test('a Secret made by another copy of core is accepted and read by key and group', async () => {
    const OtherSecret = await secretClassOfAnotherCopy();
    const foreign = new OtherSecret({ group: 'neptune', key: 'token' });
    // The test is only meaningful if the two classes really differ.
    expect(OtherSecret).not.toBe(Secret);
    expect(foreign instanceof Secret).toBe(false);
    expect(secretOption('the API token').validate(foreign, 'secret', {})).toBe(foreign);
    const secrets = new SecretsManager({
      environment: { _FSEC_NEPTUNE_TOKEN: 'from-the-pod' },
      isLocal: false,
    });
    await expect(readSecretSource(foreign, secrets)).resolves.toBe('from-the-pod');
  });

  test('readSecretSource calls a function with no arguments, awaiting a promise', async () => {
    const secrets = new SecretsManager({ environment: {}, isLocal: false });
    const seen: unknown[][] = [];
    await expect(
      readSecretSource(async (...given: unknown[]) => {
        seen.push(given);
        return 'called';
      }, secrets),
    ).resolves.toBe('called');
    expect(seen).toEqual([[]]);
  });
});
