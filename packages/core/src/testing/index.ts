// Loads without vitest (a provider's test server may run under jest or a plain script); the
// vitest-based tracker conformance suite is `@tasklens/core/testing/conformance`.
export { type ConformanceChild, pollUntil, startConformanceChild } from './conformance-child';
export { decideFault, type FaultDecision, type FaultPlan, seededRandom } from './fault-plan';
export { type HoldingServer, startHoldingServer } from './holding-server';
export { localTaskContext } from './local-task-context';
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
