export {
  decideFault,
  type FaultDecision,
  type FaultPlan,
  seededRandom,
  type TestServerOutcome,
} from '@tasklens/core/testing';
export { parseWandbJson } from '../json/parse-wandb-json';
export { historyRows, type RecordedRun } from './recorded-run';
export {
  type RecordedRequest,
  WandbTestServer,
  type WandbTestServerOptions,
} from './wandb-test-server';
