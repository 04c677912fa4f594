export { type ConformanceChild, pollUntil, startConformanceChild } from './conformance-child';
export { ConformanceContext } from './conformance-context';
export {
  describeTrackerConformance,
  type TrackerConformanceCase,
  type TrackerConformanceOptions,
  trackerConformanceCases,
} from './describe-tracker-conformance';
export { decideFault, type FaultDecision, type FaultPlan, seededRandom } from './fault-plan';
export {
  type FaultBodies,
  TestServer,
  type TestServerAnswer,
  type TestServerExchange,
  type TestServerOptions,
  type TestServerOutcome,
  type TestServerRequest,
} from './test-server';
export type {
  ConformanceChildCommand,
  ConformanceChildScenario,
  ConformanceFaultKind,
  ConformanceFaultPlan,
  ConformanceRow,
  ConformanceRun,
  ConformanceRunOptions,
  ConformanceRunView,
  ConformanceServer,
  TrackerConformanceAdapter,
} from './tracker-conformance-adapter';
