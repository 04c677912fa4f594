import type { TrackingEvent } from '@tasklens/core';
import type { EncodedItem } from '../json/encoded-item';

/**
 * A tracking event plus its values already encoded as W&B JSON, computed once when logged, so
 * the journal and the file_stream sender never encode twice.
 */
export type WandbEvent = TrackingEvent & {
  readonly encoded?: readonly EncodedItem[];
  /** Summary keys removed (`delete run.summary.key`). */
  readonly removed?: readonly string[];
};
