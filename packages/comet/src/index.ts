export {
  COMET_ML_CUSTOM_TYPE_VALUE,
  COMET_ML_EXECUTION_TYPE_VALUE,
  cometMlLogin,
  trackerMetadataAttribute,
} from './comet-ml-login';
export {
  Artifact,
  type ArtifactFile,
  type ArtifactFileOptions,
  type ArtifactOptions,
  type LoggedArtifact,
} from './experiment/artifact';
export {
  type AssetOptions,
  CometExperiment,
  type ExperimentResult,
  type LogOptions,
} from './experiment/comet-experiment';
export { cometExperiment, cometExperimentAttribute, getExperiment } from './experiment/current-experiment';
export { start } from './experiment/start-experiment';
export type { StartOptions } from './experiment/start-options';
export {
  checkExperimentKey,
  isValidExperimentKey,
  repairDerivedExperimentKey,
} from './login/check-experiment-key';
export type { CometMlLoginOptions } from './login/comet-ml-login-options';
export { deriveExperimentKey, experimentKeySuffix } from './login/experiment-key';
export { loginArguments } from './login/login-arguments';
export type { OfflineExperimentMetadata } from './offline/offline-archive-writer';
export type { OfflineMessage } from './offline/offline-message';
export { type OfflineArchive, readOfflineArchive } from './offline/read-offline-archive';
export { recoverOfflineArchives } from './offline/recover-offline-archives';
export type { ExperimentSettingsInput } from './settings/experiment-settings-input';
export { login, resetLogin } from './settings/login-session';
export { VERSION } from './version';
