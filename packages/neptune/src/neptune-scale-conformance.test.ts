import { describeTrackerConformance } from '@tasklens/core/testing';
import { neptuneScaleConformanceAdapter } from './__fixtures__/neptune-scale-conformance-adapter';

// Core's tracker conformance suite against the Scale (protobuf ingestion) test server and
// run_operations.sqlite3 databases, with the 10,000-row fault scenario.
describeTrackerConformance(neptuneScaleConformanceAdapter(), {
  rows: 10_000,
  cases: ['faults', 'outage', 'sentinel-secret', 'unloggable-values', 'kill-9', 'sigterm', 'spill-failure'],
});
