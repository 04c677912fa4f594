import type { TrackingStatus } from '@tasklens/core/plugin';
import type { NeptuneRunResult } from '../legacy/legacy-sink';
import type { NeptuneScaleRunResult } from '../scale/scale-operation';

/**
 * A legacy or Scale run's result as the conformance suite reads it: an online run's transport
 * status as is; an offline run (no transport) as spilled to disk, or lost when writing failed.
 */
export function conformanceStatusOf(result: NeptuneRunResult | NeptuneScaleRunResult): TrackingStatus {
  if (result.transport !== undefined) return result.transport;
  return {
    outcome: result.outcome === 'lost' ? 'lost' : 'spilled',
    deliveredEvents: 0,
    spilledEvents: result.storedOperations,
    droppedEvents: result.droppedOperations ?? 0,
    offlineReason: 'offline mode',
    warnings: result.warnings,
  };
}
