import { createDecorator, type Decorate, type ExecutionContext, registerSecretValue } from '@tasklens/core';
import { experimentKeySuffix } from './login/experiment-key';
import { type CometMlLoginOptions, loginArguments } from './login/login-arguments';
import { login } from './settings/login-session';

/** Link type when the key is derived from the pod name (flytekit's `COMET_ML_EXECUTION_TYPE_VALUE`). */
export const COMET_ML_EXECUTION_TYPE_VALUE = 'comet-ml-execution-id';
/** Link type when a custom experiment key is given (flytekit's `COMET_ML_CUSTOM_TYPE_VALUE`). */
export const COMET_ML_CUSTOM_TYPE_VALUE = 'comet-ml-custom-id';

/**
 * flytekit's `comet_ml_login`: logs in to Comet around the task function with flytekit's
 * arguments (remotely: the API key from `secret`, the experiment key derived from the pod name)
 * and contributes the console-link config. Like flytekit it validates none of its arguments.
 */
export function cometMlLogin(options: CometMlLoginOptions): Decorate {
  const { projectName, workspace, experimentKey, host = 'https://www.comet.com' } = options;
  return createDecorator({
    name: 'cometMlLogin',
    async execute<Result>(context: ExecutionContext, next: (child?: ExecutionContext) => Promise<Result>) {
      const settings = await loginArguments(options, context);
      if (settings.apiKey !== undefined) registerSecretValue(settings.apiKey);
      login(settings);
      return next();
    },
    extraConfig() {
      const config: Record<string, string> = { project_name: projectName, workspace, host };
      // `is None` in flytekit: an empty key still counts as custom here (unlike at run time).
      if (experimentKey === undefined || experimentKey === null) {
        config.link_suffix = experimentKeySuffix(projectName, workspace);
        config.link_type = COMET_ML_EXECUTION_TYPE_VALUE;
      } else {
        config.experiment_key = experimentKey;
        config.link_type = COMET_ML_CUSTOM_TYPE_VALUE;
      }
      return config;
    },
  });
}
