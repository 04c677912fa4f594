export {
  decideFault,
  type FaultDecision,
  type FaultPlan,
  seededRandom,
  type TestServerOutcome,
} from '@tasklens/core/testing';
export type { LegacyRecordedRun, RecordedPoint } from './legacy-recorded-run';
export {
  type LegacyRecordedRequest,
  LegacyTestServer,
  type LegacyTestServerOptions,
} from './legacy-test-server';
export type { ScaleStoredFile } from './scale-file-storage';
export type { ScalePoint, ScaleRecordedRun } from './scale-recorded-run';
export { type ScaleRecordedRequest, ScaleTestServer, type ScaleTestServerOptions } from './scale-test-server';
