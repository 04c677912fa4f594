export {
  decideFault,
  type FaultDecision,
  type FaultPlan,
  seededRandom,
  type TestServerOutcome,
} from '@tasklens/core/testing';
export { applyOperation, type LegacyRecordedRun, type RecordedPoint } from './legacy-recorded-run';
export { backendSwagger, leaderboardSwagger } from './legacy-swagger';
export {
  type LegacyRecordedRequest,
  LegacyTestServer,
  type LegacyTestServerOptions,
} from './legacy-test-server';
export type { ScaleStoredFile } from './scale-file-storage';
export { applySnapshot, plainValue, type ScalePoint, type ScaleRecordedRun } from './scale-recorded-run';
export { type ScaleRecordedRequest, ScaleTestServer, type ScaleTestServerOptions } from './scale-test-server';
