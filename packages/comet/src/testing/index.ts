export {
  decideFault,
  type FaultDecision,
  type FaultPlan,
  seededRandom,
  type TestServerOutcome,
} from '@tasklens/core/testing';
export { CometTestServer, type CometTestServerOptions } from './comet-test-server';
export { type FormPart, parseMultipartForm } from './multipart-form';
export {
  othersOf,
  type RecordedAsset,
  type RecordedExperiment,
  type RecordedMetric,
} from './recorded-experiment';
export type { RecordedRequest } from './recorded-request';
