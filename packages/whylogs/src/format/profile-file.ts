import type { DatasetProperties } from '../wire/dataset-profile-header';
import type { MetricComponentMessage } from '../wire/metric-component-message';

/** A whylogs v1 `.bin` profile at the wire level: properties and, per column, components keyed by path. */
export interface ProfileFile {
  properties: DatasetProperties;
  /** Column name → component path (`counts/n`, `distribution/kll`, …) → component. */
  columns: Map<string, Map<string, MetricComponentMessage>>;
}

/** The 4-byte magic that starts every whylogs v1 profile. */
export const WHYLOGS_MAGIC = 'WHY1';

/** `ChunkHeader.type` of a column chunk. */
export const CHUNK_TYPE_COLUMN = 2;
