import type { ExecutionContext } from '@tasklens/core';
import { readSecretSource } from '@tasklens/core/plugin';
import type { StartOptions } from '../experiment/start-options';
import type { CometMlLoginOptions } from './comet-ml-login-options';
import { deriveExperimentKey } from './experiment-key';

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
  result.apiKey = await readSecretSource(secret, context.secrets);
  result.experimentKey = experimentKey
    ? experimentKey
    : deriveExperimentKey(context.defaultRunId, projectName, workspace);
  return result;
}
