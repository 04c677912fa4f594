import type { TrackingStatus } from '../tracking/tracking-status';

/**
 * Faults a provider's local test server injects into the requests that carry run data (metrics,
 * params, finish). Each `…Rate` is a probability per request, drawn from a seeded random source
 * so a failing run can be replayed; rates add up to at most 1.
 */
export interface ConformanceFaultPlan {
  /** Share of requests answered with HTTP 500; default 0. */
  readonly errorRate?: number;
  /** Share answered with HTTP 429 and a `Retry-After` header; default 0. */
  readonly rateLimitRate?: number;
  /** `Retry-After` seconds sent with a 429 (fractions allowed); default 1. */
  readonly retryAfterSeconds?: number;
  /** Share of connections destroyed without an answer (before or after the request is applied); default 0. */
  readonly dropRate?: number;
  /** Share answered with a redirect (`redirectStatus`) to the same path; the request is NOT applied; default 0. */
  readonly redirectRate?: number;
  /** Status of an injected redirect; default 302. */
  readonly redirectStatus?: number;
  /** Share answered with HTTP 500 and a body of `hugeBodyBytes` streamed in chunks; default 0. */
  readonly hugeBodyRate?: number;
  /** Size of an injected huge body in bytes; default 256 MiB. */
  readonly hugeBodyBytes?: number;
  /** Seed of the random source that picks faults; default 7. */
  readonly seed?: number;
}

/** Every kind of fault a server can report through `faultsInjected()`. */
export type ConformanceFaultKind = 'error' | 'rate-limit' | 'drop' | 'redirect' | 'huge-body' | 'down';

/** One logged row of metrics as the service or the offline files hold it. */
export interface ConformanceRow {
  /** The step the row was logged at. */
  readonly step: number;
  /** The metric values (vendor bookkeeping keys such as `_step`, `_runtime` removed). */
  readonly values: Readonly<Record<string, unknown>>;
}

/** What a run looks like from the outside: on the test server, or in the offline files. */
export interface ConformanceRunView {
  /** Metric rows in the order the vendor stores them; a row stored twice appears twice. */
  readonly rows: readonly ConformanceRow[];
  /** Params / config as the vendor stores them (merged). */
  readonly params: Readonly<Record<string, unknown>>;
  /** True once the run was marked finished (W&B `complete`, Comet end, Neptune sys/state). */
  readonly finished: boolean;
  /** The exit code the run was finished with, when the vendor records one. */
  readonly exitCode: number | undefined;
  /** Offline files only: where reading stopped at damage (e.g. a cut-off last record), else undefined. */
  readonly damage?: string | undefined;
}

/** A provider's local server speaking the vendor protocol (validated against the vendor SDK). */
export interface ConformanceServer {
  /** Base URL to point a run at; always a 127.0.0.1 address. */
  readonly url: string;
  /** Replaces the fault plan from now on (`{}` = no faults). */
  setFaults(plan: ConformanceFaultPlan): void;
  /** Refuses every request for `seconds` (Infinity = for good), as an outage window. */
  goDown(seconds: number): void;
  /** The run `runId` as the server stored it so far, or undefined if it never arrived. */
  received(runId: string): ConformanceRunView | undefined;
  /** The kinds of faults actually injected so far (to prove a scenario exercised them). */
  faultsInjected(): ReadonlySet<ConformanceFaultKind>;
  /** Every request line and body the server saw, as text (header values excluded), for secret checks. */
  transcript(): string;
  /** Stops the server and drops its connections; idempotent. */
  close(): Promise<void>;
}

/** How a conformance run is started; every value is chosen by the suite. */
export interface ConformanceRunOptions {
  /** Run id to use (lowercase letters, digits, dashes), so the server and offline files can be found. */
  readonly runId: string;
  /** `online` (talk to `serverUrl`, spill offline on outage) or `offline` (write offline files only). */
  readonly mode: 'online' | 'offline';
  /** Directory under which the provider writes its offline files / journal (its `dir` option). */
  readonly directory: string;
  /** The test server's base URL (online runs). */
  readonly serverUrl?: string | undefined;
  /** The API key to send (a sentinel secret in the secret test). */
  readonly apiKey: string;
  /** Batching delay of the transport in ms (scaled down for tests). */
  readonly flushIntervalMs: number;
  /** Retry back-off of the transport (scaled down for tests). */
  readonly retry: { readonly initialDelayMs: number; readonly maxDelayMs: number };
  /** Continuous-failure time after which the run goes offline, in ms. */
  readonly offlineDeadlineMs: number;
  /** Longest time a logged row may stay only in memory before it is on disk, in ms. */
  readonly durableFlushMs: number;
}

/** A started run, driven by the suite through the vendor-neutral calls every tracker has. */
export interface ConformanceRun {
  /** Logs one row of metrics at `step` (W&B `log`, Comet `logMetrics`, Neptune `append`); may throw a typed error for a bad value. */
  logMetrics(step: number, values: Readonly<Record<string, unknown>>): void;
  /** Logs params / config values; may throw a typed error for a bad value. */
  logParams(values: Readonly<Record<string, unknown>>): void;
  /** Events still waiting in memory for delivery (to check the queue stays bounded). */
  readonly queuedEvents: number;
  /** Finishes the run with exit code 0; resolves with the transport's status; must never reject. */
  finish(): Promise<TrackingStatus>;
}

/** What a child-process script must do; the suite runs it and watches its stdout. */
export type ConformanceChildScenario =
  | {
      /**
       * Start a run with `run`, log `steps` rows (step i: `{ value: i }`), print a line `ready`
       * on stdout, then stay alive without finishing (the suite kills it with SIGKILL).
       */
      readonly kind: 'log-then-idle';
      readonly run: ConformanceRunOptions;
      readonly steps: number;
    }
  | {
      /**
       * Run `tasklens execute --inputs <inputsPath> --output-prefix <outputPrefix>
       * --raw-output-data-prefix <rawOutputPrefix> --task-module … --task-name …` on a task that
       * the provider's decorator wraps with a run from `run`; the task logs `steps` rows (step i:
       * `{ value: i }`), prints `ready`, then waits forever (the suite sends SIGTERM).
       */
      readonly kind: 'execute-task';
      readonly run: ConformanceRunOptions;
      readonly steps: number;
      readonly inputsPath: string;
      readonly outputPrefix: string;
      readonly rawOutputPrefix: string;
    };

/** A command line for a child process (run with `spawn(command, args, { env })`). */
export interface ConformanceChildCommand {
  /** Executable, usually `process.execPath`. */
  readonly command: string;
  /** Its arguments. */
  readonly args: readonly string[];
  /** Extra environment variables, merged over `process.env`. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * What a tracker package implements to run the conformance suite (`describeTrackerConformance`).
 * Everything vendor-specific lives here; the suite itself only knows rows, params and files.
 */
export interface TrackerConformanceAdapter {
  /** Provider name for test titles and messages, e.g. `wandb`. */
  readonly name: string;
  /** Starts the provider's local test server on 127.0.0.1 with `faults` (none by default). */
  startServer(options: {
    readonly faults?: ConformanceFaultPlan;
    readonly apiKey?: string;
  }): Promise<ConformanceServer>;
  /** Starts a run; online runs must already be registered with the server when this resolves. */
  startRun(options: ConformanceRunOptions): Promise<ConformanceRun>;
  /**
   * Reads the offline files of run `runId` under `directory` (after a finish, a spill or a kill):
   * every whole record before any damage, which is reported in `damage` instead of throwing.
   * Resolves undefined when there are no offline files for the run.
   */
  readOffline(directory: string, runId: string): Promise<ConformanceRunView | undefined>;
  /**
   * Optional (interop only, needs the oracle venv): uploads the offline run with the vendor's
   * own CLI (`wandb sync`, `comet upload`, `neptune sync`) to `server`. Absent → the suite skips
   * the vendor-CLI halves of its cases.
   */
  syncWithVendorCli?(directory: string, runId: string, server: ConformanceServer): Promise<void>;
  /** Builds the child-process command for a scenario (it may bundle or write files under `scratch`). */
  childCommand(scenario: ConformanceChildScenario, scratch: string): Promise<ConformanceChildCommand>;
  /**
   * Makes every further write of run `runId`'s offline spill under `directory` fail, as a full
   * disk or a read-only volume would (the suite may run as root, so permissions alone may not
   * do: e.g. redirect the writes to /dev/full). Called right after `startRun`.
   */
  breakSpillLocation(directory: string, runId: string): Promise<void>;
}
