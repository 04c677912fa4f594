/**
 * A provider's run as the vendor-neutral tracker interface sees it (after ZenML's experiment
 * tracker): what it is, where to look at it, and the two calls every tracker has. Providers
 * (wandb, comet, neptune) register one with `registerTrackerRun` when a run starts.
 */
export interface TrackerRun {
  /** Provider name, e.g. `wandb`. */
  readonly provider: string;
  /** The vendor's run id. */
  readonly runId: string;
  /** The run's page (online runs); undefined offline. */
  readonly url: string | undefined;
  /** Where the run's offline files are (offline runs, or an online run that spilled); else undefined. */
  readonly offlinePath: string | undefined;
  /** The vendor command that uploads the offline files, e.g. `wandb sync <dir>`; else undefined. */
  readonly syncCommand: string | undefined;
  /** Logs one row of metrics (at `step` when given); may throw a typed error naming a bad key. */
  logMetrics(values: Readonly<Record<string, unknown>>, step?: number): void;
  /** Logs params / config values; may throw a typed error naming a bad key. */
  logParams(values: Readonly<Record<string, unknown>>): void;
  /** The last value logged for each metric (bookkeeping keys left out). */
  lastMetrics(): Readonly<Record<string, unknown>>;
}
