// `@tasklens/neptune/legacy`: the Neptune 1.x client (`initRun`, `neptuneInitRun`) without the
// Scale client. Importing it does not load SQLite (WASM) or the Scale protobuf descriptors, as
// `import neptune` in Python does not load `neptune_scale`; a fresh process that only starts
// legacy runs starts faster (see the package README). Everything here is also exported by
// `@tasklens/neptune`.
export { neptuneRun } from '../current-run';
export { NEPTUNE_RUN_VALUE, type NeptuneInitRunOptions, neptuneInitRun } from '../neptune-init-run';
export type { NeptuneSecret } from '../resolve-neptune-secret';
export { VERSION } from '../version';
export { type DecodedApiToken, decodeApiToken, encodeApiToken } from './api-token';
export type { UploadFilesOptions } from './file-set-operation';
export { initRun } from './init-run';
export type { InitRunOptions, NeptuneMode } from './init-run-options';
export type { LegacyOperation } from './legacy-operation';
export type { NeptuneRunResult } from './legacy-sink';
export { type LogOptions, NeptuneRun } from './neptune-run';
export { listOfflineRuns, type OfflineRun, readOfflineRun } from './read-offline-run';
