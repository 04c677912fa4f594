// `@tasklens/core/testing/conformance`: the tracker conformance suite. Its own entry because it
// registers vitest tests; `@tasklens/core/testing` (test servers, fault plans, pollUntil) loads
// without vitest so a provider's test server works from jest or a plain script.

export {
  type ConformanceChildProgram,
  type ConformanceExecuteScenario,
  conformanceChildCommand,
  conformanceChildScript,
  executeArgumentsFor,
} from './conformance-child-script';
export { ConformanceContext } from './conformance-context';
export {
  describeTrackerConformance,
  type TrackerConformanceCase,
  type TrackerConformanceOptions,
  trackerConformanceCases,
} from './describe-tracker-conformance';
export {
  type ConformanceServerStartOptions,
  injectedFaultKinds,
  startConformanceServer,
} from './start-conformance-server';
