/** What the sidecar knows when it considers a peak snapshot. */
export interface SnapshotBudgetState {
  /** Wall time the run's snapshots have taken so far. */
  spentMs: number;
  /** Wall time since the run started. */
  elapsedMs: number;
  /** Share of the run the snapshots may take (0.02: 2 %). */
  share: number;
  /** Added to the share, so a short task can still get its first snapshot. */
  allowanceMs: number;
  /** How long the last snapshot took (0 before the first). */
  lastDurationMs: number;
  /** JS heap used when the last snapshot was taken (0 before the first). */
  lastHeapBytes: number;
  /** JS heap used now. */
  heapBytes: number;
}

/**
 * Whether a peak snapshot fits the budget now. Each snapshot forces a full, non-incremental GC on
 * the task's thread, which marks the whole live heap there (V8's own major GCs mark concurrently),
 * so its cost grows with the heap: the next one is predicted as the last one's duration scaled by
 * the heap's growth, and taken only if the time spent plus that prediction stays within the share.
 * Checking the time spent alone let one large snapshot overshoot the budget (marked, 8 M
 * characters: a second snapshot at 130 MB cost 4.5x the first, at 34 MB). The sidecar thread gets
 * this function with `String()`, so it must stay self-contained.
 */
export function snapshotFitsBudget(state: SnapshotBudgetState): boolean {
  const predictedMs =
    state.lastHeapBytes > 0 && Number.isFinite(state.heapBytes)
      ? state.lastDurationMs * Math.max(1, state.heapBytes / state.lastHeapBytes)
      : 0;
  return state.spentMs + predictedMs <= state.share * state.elapsedMs + state.allowanceMs;
}
