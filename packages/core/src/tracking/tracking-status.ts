/** How a run's events ended up, returned by `TrackingTransport.finish()`. Never thrown. */
export interface TrackingStatus {
  /**
   * `delivered`: every event reached the service. `spilled`: some or all went to the offline
   * spill (sync them later). `lost`: some events could be neither sent nor spilled.
   */
  readonly outcome: 'delivered' | 'spilled' | 'lost';
  readonly deliveredEvents: number;
  readonly spilledEvents: number;
  readonly droppedEvents: number;
  /** Why the transport went offline, if it did. */
  readonly offlineReason: string | undefined;
  /** Warnings logged along the way (already redacted). */
  readonly warnings: readonly string[];
}
