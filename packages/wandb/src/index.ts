export { decodeWandbFile, readWandbFile, type WandbRecord } from './offline/decode-wandb-records';
export type { LevelDbLogDamage as WandbFileDamage } from './offline/leveldb-log';
export type { FilePolicy } from './offline/wandb-records';
export { wandbRun } from './run/current-run';
export type { LogOptions } from './run/history-writer';
export { type InitOptions, init } from './run/init-run';
export { WandbRun } from './run/wandb-run';
export type { WandbRunResult } from './run/wandb-run-result';
export { appUrlFor, runUrlFor } from './settings/app-url';
export type { LoginOptions } from './settings/login-options';
export type { WandbMode } from './settings/resolve-settings';
export { login } from './settings/wandb-session';
export { VERSION } from './version';
export {
  type Downloadable,
  WANDB_CUSTOM_TYPE_VALUE,
  WANDB_EXECUTION_TYPE_VALUE,
  type WandbInitOptions,
  wandbInit,
} from './wandb-init';
