export { type ConformanceChild, pollUntil, startConformanceChild } from './conformance-child';
export { ConformanceContext } from './conformance-context';
export {
  describeTrackerConformance,
  type TrackerConformanceCase,
  type TrackerConformanceOptions,
  trackerConformanceCases,
} from './describe-tracker-conformance';
export { type HoldingServer, startHoldingServer } from './holding-server';
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
