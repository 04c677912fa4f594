import { describeTrackerConformance } from '@tasklens/core/testing/conformance';
import { cometConformanceAdapter } from './__fixtures__/comet-conformance-adapter';

// Every case of core's suite. For `outage` (and the redirect half of `redirect-and-huge-body`),
// the adapter reads a spilled online run as `comet upload` leaves it: the part Comet received
// online, then the archive of the undelivered rest (see readOffline in the adapter) — every row
// exactly once.
describeTrackerConformance(cometConformanceAdapter());
