export { parseWandbJson } from '../json/parse-wandb-json';
export { decideFault, type FaultDecision, type FaultPlan, seededRandom } from './fault-plan';
export { historyRows, type RecordedRun } from './recorded-run';
export {
  type RecordedRequest,
  WandbTestServer,
  type WandbTestServerOptions,
} from './wandb-test-server';
