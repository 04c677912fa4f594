import { describeTrackerConformance } from '@tasklens/core/testing';
import { neptuneConformanceAdapter } from './__fixtures__/neptune-conformance-adapter';

// Core's tracker conformance suite against the legacy (1.x protocol) test server and offline run
// directories, with the 10,000-row fault scenario. Not yet wired: redirect-and-huge-body
// (the legacy test server injects neither; core's shared test-server base will).
describeTrackerConformance(neptuneConformanceAdapter(), {
  rows: 10_000,
  cases: ['faults', 'outage', 'sentinel-secret', 'unloggable-values', 'kill-9', 'sigterm', 'spill-failure'],
});
