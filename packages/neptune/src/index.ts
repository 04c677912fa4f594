export { neptuneRun } from './current-run';
export { type DecodedApiToken, decodeApiToken, encodeApiToken } from './legacy/api-token';
export type { UploadFilesOptions } from './legacy/file-set-operation';
export { initRun } from './legacy/init-run';
export type { InitRunOptions, NeptuneMode } from './legacy/init-run-options';
export type { LegacyOperation } from './legacy/legacy-operation';
export type { NeptuneRunResult } from './legacy/legacy-sink';
export { type LogOptions, NeptuneRun } from './legacy/neptune-run';
export { listOfflineRuns, type OfflineRun, readOfflineRun } from './legacy/read-offline-run';
export { NEPTUNE_RUN_VALUE, type NeptuneInitRunOptions, neptuneInitRun } from './neptune-init-run';
export {
  NEPTUNE_SCALE_CUSTOM_VALUE,
  NEPTUNE_SCALE_RUN_VALUE,
  type NeptuneScaleRunOptions,
  neptuneScaleRun,
} from './neptune-scale-run';
export type { NeptuneSecret } from './resolve-neptune-secret';
export { createScaleRun } from './scale/create-scale-run';
export type { CreateScaleRunOptions } from './scale/create-scale-run-options';
export type { ScaleFile, ScaleFileSource } from './scale/files/prepare-file-uploads';
export { type LogMetricsOptions, NeptuneScaleRun } from './scale/neptune-scale-run';
export type { NeptuneScaleRunResult, ScaleConfigValue } from './scale/scale-operation';
export { VERSION } from './version';
