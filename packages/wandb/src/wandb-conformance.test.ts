import { describeTrackerConformance } from '@tasklens/core/testing/conformance';
import { wandbConformanceAdapter } from './__fixtures__/wandb-conformance-adapter';

// Core's tracker conformance suite against the W&B test server and `.wandb` files. The halves
// that need `wandb sync` (the Python CLI) run in interop/conformance.test.ts.
describeTrackerConformance(wandbConformanceAdapter());
