import { describeTrackerConformance } from '@tasklens/core/testing/conformance';
import { neptuneConformanceAdapter } from './__fixtures__/neptune-conformance-adapter';

// Core's tracker conformance suite, every case, against the legacy (1.x protocol) test server and
// offline run directories, with the 10,000-row fault scenario (faults ~14 s, outage ~10 s
// on the shared 2-core machine).
describeTrackerConformance(neptuneConformanceAdapter(), { rows: 10_000 });
