/**
 * What a tracked run records, independent of the vendor (W&B, Comet, Neptune). Each client maps
 * these events to its own wire protocol and offline format. Times are unix seconds (float).
 */
export type TrackingEvent =
  /** Run parameters / config; `values` are merged into what was sent before. */
  | { readonly kind: 'config'; readonly values: Readonly<Record<string, unknown>> }
  /** One row of metrics at a step (W&B history row, Comet metric points sharing a step). */
  | {
      readonly kind: 'metrics';
      readonly step: number;
      readonly time: number;
      readonly values: Readonly<Record<string, unknown>>;
    }
  /** Explicit summary values (the run's final/best numbers). */
  | { readonly kind: 'summary'; readonly values: Readonly<Record<string, unknown>> }
  /** The full tag list (replaces the previous one). */
  | { readonly kind: 'tags'; readonly tags: readonly string[] }
  | { readonly kind: 'notes'; readonly notes: string }
  | { readonly kind: 'name'; readonly name: string }
  /** One line of console output. */
  | {
      readonly kind: 'console';
      readonly stream: 'stdout' | 'stderr';
      readonly time: number;
      readonly line: string;
    }
  /** A file to attach to the run (`name` inside the run, `path` on disk). */
  | { readonly kind: 'file'; readonly name: string; readonly path: string }
  /** The run ended; always the last event. */
  | { readonly kind: 'exit'; readonly exitCode: number; readonly time: number };

export type TrackingEventKind = TrackingEvent['kind'];
