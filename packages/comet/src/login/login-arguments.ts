import type { ExecutionContext, Secret } from '@tasklens/core';
import type { StartOptions } from '../experiment/start-experiment';
import { deriveExperimentKey } from './experiment-key';

/** What `cometMlLogin` takes: flytekit's arguments, and the rest is passed to the client like `**login_kwargs`. */
export interface CometMlLoginOptions extends Omit<StartOptions, 'projectName' | 'workspace' | 'environment'> {
  /** Comet project the experiment goes to (required; no env var: flytekit requires it). */
  projectName: string;
  /** Comet workspace the project belongs to (required). */
  workspace: string;
  /** The API key for remote runs: a `Secret`, or a function returning the key (required). */
  secret: Secret | (() => string | Promise<string>);
  /** Experiment key; default: none locally (a random one), pod name + suffix remotely. */
  experimentKey?: string | undefined;
  /** Comet UI URL, used only for console links; default `https://www.comet.com`. */
  host?: string;
}

/**
 * The keyword arguments flytekit's `comet_ml_login` hands to `comet_ml.login()`, in its order:
 * `projectName`, `workspace`, the pass-through options, then (remote only) `apiKey` from the
 * secret and `experimentKey` (the given one if truthy, else derived from `HOSTNAME`, or the
 * execution name when the variable does not exist). Locally a truthy `experimentKey` is kept and
 * the secret is not touched.
 */
export async function loginArguments(
  options: CometMlLoginOptions,
  context: ExecutionContext,
): Promise<StartOptions> {
  const { projectName, workspace, secret, experimentKey, host: _host, ...passThrough } = options;
  const result: StartOptions = { projectName, workspace, ...passThrough };
  if (context.isLocal) {
    if (experimentKey) result.experimentKey = experimentKey;
    return result;
  }
  // flytekit looks the secret up with key and group only (group_version is dropped).
  result.apiKey =
    typeof secret === 'function'
      ? await secret()
      : context.secrets.get({ key: secret.key, group: secret.group });
  result.experimentKey = experimentKey
    ? experimentKey
    : deriveExperimentKey(context.defaultRunId, projectName, workspace);
  return result;
}
