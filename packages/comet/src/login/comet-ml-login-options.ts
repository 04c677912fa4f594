import { InvalidOptionError } from '@tasklens/core';
import {
  type DeclaredOptions,
  declareOption,
  resolveDeclaredOptions,
  secretOption,
} from '@tasklens/core/plugin';
import type { StartOptions } from '../experiment/start-options';
import { textOption } from '../settings/comet-option-declaration';

/** flytekit's own arguments of `comet_ml_login`, each declared once (type, default, validation). */
export const cometMlLoginDeclarations = {
  /** Comet project the experiment goes to (required; no env var: flytekit requires it). */
  projectName: textOption({ defaultValue: undefined }),
  /** Comet workspace the project belongs to (required; no env var: flytekit requires it). */
  workspace: textOption({ defaultValue: undefined }),
  /** The API key for remote runs: a `Secret`, or a function returning the key (required; no env var: remotely the key comes from the secret). */
  secret: secretOption('the API key'),
  /** Experiment key (checked when the task runs, so flytekit's link config works for any key); default none locally (a random one), pod name + suffix remotely; no env var. */
  experimentKey: declareOption<string, undefined>({
    expected: 'a string',
    defaultValue: undefined,
    validate(value, option) {
      // `is None` in flytekit: a JavaScript caller's null counts as not given.
      if (value === null) return undefined as unknown as string;
      if (typeof value !== 'string') {
        throw new InvalidOptionError({ option, message: `${option} must be a string, got ${typeof value}` });
      }
      return value;
    },
  }),
  /** Comet UI URL, used only for console links; default `https://www.comet.com`; no env var. */
  host: textOption({ defaultValue: 'https://www.comet.com' }),
};

type LoginDeclared = DeclaredOptions<typeof cometMlLoginDeclarations>;

/** The ones flytekit requires (typed `str` / `Secret` with no default). */
const requiredLoginOptions = ['projectName', 'workspace', 'secret'] as const;
type RequiredLoginOptions = {
  [Name in (typeof requiredLoginOptions)[number]]-?: NonNullable<LoginDeclared[Name]>;
};

/** What `cometMlLogin` takes: flytekit's arguments, and the rest is passed to the client like `**login_kwargs`. */
export type CometMlLoginOptions = Omit<StartOptions, keyof LoginDeclared | 'environment'> &
  LoginDeclared &
  RequiredLoginOptions;

/** flytekit's arguments validated when the decorator is written (as its constructor checks them). */
export function resolveCometMlLoginOptions(
  options: CometMlLoginOptions,
): RequiredLoginOptions & { experimentKey: string | undefined; host: string } {
  const { projectName, workspace, secret, experimentKey, host } = options;
  const resolved = resolveDeclaredOptions(
    cometMlLoginDeclarations,
    { projectName, workspace, secret, experimentKey, host },
    'cometMlLogin',
  );
  for (const name of requiredLoginOptions) {
    if (resolved[name] === undefined) {
      throw new InvalidOptionError({
        option: `cometMlLogin.${name}`,
        message: `cometMlLogin.${name} is required (${cometMlLoginDeclarations[name].expected})`,
      });
    }
  }
  return resolved as RequiredLoginOptions & typeof resolved;
}
