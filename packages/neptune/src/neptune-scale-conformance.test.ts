import { describeTrackerConformance } from '@tasklens/core/testing/conformance';
import { neptuneScaleConformanceAdapter } from './__fixtures__/neptune-scale-conformance-adapter';

// Core's tracker conformance suite, every case, against the Scale (protobuf ingestion) test server
// and run_operations.sqlite3 databases, with the 10,000-row fault scenario (faults ~24 s,
// outage ~14 s on the shared 2-core machine).
describeTrackerConformance(neptuneScaleConformanceAdapter(), { rows: 10_000 });
