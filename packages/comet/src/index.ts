export {
  COMET_ML_CUSTOM_TYPE_VALUE,
  COMET_ML_EXECUTION_TYPE_VALUE,
  cometMlLogin,
} from './comet-ml-login';
export {
  checkExperimentKey,
  isValidExperimentKey,
  repairDerivedExperimentKey,
} from './login/check-experiment-key';
export { deriveExperimentKey, experimentKeySuffix } from './login/experiment-key';
export { type CometMlLoginOptions, loginArguments } from './login/login-arguments';
export { login, resetLogin } from './settings/login-session';
export type { ExperimentSettingsInput } from './settings/resolve-settings';
export { VERSION } from './version';
