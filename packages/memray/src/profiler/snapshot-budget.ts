/** What the sidecar knows when it considers a forced full GC (a peak snapshot or the adaptive switch). */
export interface SnapshotBudgetState {
  /** Wall time the run's forced GCs (peak snapshots and the switch) have taken so far. */
  spentMs: number;
  /** Wall time since the run started. */
  elapsedMs: number;
  /** Share of the run the forced GCs may take (0.02: 2 %). */
  share: number;
  /** Added to the share, so a short task can still get its first snapshot. */
  allowanceMs: number;
  /**
   * What the last peak snapshot cost per byte it left live (its duration over the heap used just
   * after it); 0 before the first, when 1 ms per MiB stands in (the switch's time also restarts the
   * sampler and serialises its profile, so it is counted but gives no rate).
   */
  millisecondsPerByte: number;
  /** JS heap used at the latest reading (NaN before the first). */
  heapBytes: number;
}

/**
 * Whether a forced full GC fits the budget now. Each one (a peak snapshot, or the adaptive switch,
 * which reads the first sampler's profile) stops the task's thread for a full, non-incremental GC
 * that marks the whole live heap there, so its cost grows with the heap: it is predicted as the
 * last peak snapshot's cost per live byte times the heap used now (an upper bound on what it will mark), and
 * taken only if the time spent plus that prediction stays within the share. Before the first, 1 ms
 * per MiB stands in: what forced GCs cost the task's thread per MiB left live on the bench's
 * workloads (0.35–1.35 ms: papaparse, marked, the TypeScript checker, a 2-core EPYC). Two cheaper predictions
 * went wrong before: the first snapshot was free, and later ones scaled the last one's duration by
 * the heap used *before* it, garbage included; a papaparse snapshot on a 380 MB heap holding 71 MB
 * took 25 ms, so one at 400 MB all live was predicted at 26 ms and took 329 ms (11 % of the call).
 * The sidecar thread gets this function with `String()`, so it must stay self-contained.
 */
export function snapshotFitsBudget(state: SnapshotBudgetState): boolean {
  const perByte = state.millisecondsPerByte > 0 ? state.millisecondsPerByte : 1 / (1024 * 1024);
  const predictedMs = Number.isFinite(state.heapBytes) ? perByte * state.heapBytes : 0;
  return state.spentMs + predictedMs <= state.share * state.elapsedMs + state.allowanceMs;
}
