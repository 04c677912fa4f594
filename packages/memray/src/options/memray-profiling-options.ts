import { InvalidOptionError } from '@tasklens/core';
import { parseReporterArgs, type ReporterName, type ReportSettings } from './reporter-settings';

/** Options of `memrayProfiling`, mirroring flytekit's `memray_profiling` plus Node-only knobs. */
export interface MemrayProfilingOptions {
  /** Show V8 builtins and VM-state frames and add an `(external …)` node for Buffer/ArrayBuffer memory; default false; no env var. */
  nativeTraces?: boolean | undefined;
  /** Finer sampling: every 32 KiB instead of 1 MiB (more accurate, slower on allocation-heavy code); default false; no env var. */
  tracePythonAllocators?: boolean | undefined;
  /** Also profile child Node processes (injected through NODE_OPTIONS --require); default false; no env var. */
  followFork?: boolean | undefined;
  /** Period of the memory-over-time sampler in milliseconds; default 10; no env var. */
  memoryIntervalMs?: number | undefined;
  /** Report kind: 'flamegraph' (deck "Memray Flamegraph") or 'table' (deck "Memray Table"); default 'flamegraph'; no env var. */
  memrayHtmlReporter?: ReporterName | undefined;
  /** memray reporter flags in `--flag` or `--flag=value` form (see README for the Node meaning); default []; no env var. */
  memrayReporterArgs?: readonly string[] | null | undefined;
  /** Mean bytes between heap samples; overrides tracePythonAllocators; default 1048576 (1 MiB: V8's per-sample stack walk stays within the overhead budget); env TASKLENS_MEMRAY_SAMPLING_INTERVAL. */
  samplingIntervalBytes?: number | undefined;
  /** Where captures and reports go, relative to the process working directory; default 'memray_bin'; env TASKLENS_MEMRAY_DIR. */
  captureDirectory?: string | undefined;
  /** A peak snapshot is taken when the heap exceeds this factor times the best one so far; default 1.25; no env var. */
  peakGrowthFactor?: number | undefined;
  /** Most memory-over-time points embedded in a report (stride-downsampled beyond); default 10000; no env var. */
  maxMemoryRecords?: number | undefined;
  /** Profile worker threads started by the task (through the inspector's NodeWorker domain); default true; no env var. */
  followWorkers?: boolean | undefined;
  /** Still write the report deck when the task throws (flytekit makes none); default true; no env var. */
  reportOnFailure?: boolean | undefined;
  /** Count garbage collections and their pauses by kind for the summary (~20 µs per GC on the main thread); default false; env TASKLENS_MEMRAY_TRACK_GC. */
  trackGarbageCollection?: boolean | undefined;
  /** Rewrite the capture file this often (ms) while the task runs, so a SIGKILL or out-of-memory kill still leaves one (on the sidecar thread; 0 turns it off); default 2000; env TASKLENS_MEMRAY_CHECKPOINT_INTERVAL. */
  checkpointIntervalMs?: number | undefined;
}

/** Options after validation and defaults (environment-dependent values are resolved at execution). */
export interface ResolvedMemrayOptions {
  nativeTraces: boolean;
  tracePythonAllocators: boolean;
  followFork: boolean;
  memoryIntervalMs: number;
  reporter: ReporterName;
  reporterArgs: string[];
  report: ReportSettings;
  samplingIntervalBytes: number | undefined;
  captureDirectory: string | undefined;
  peakGrowthFactor: number;
  maxMemoryRecords: number;
  followWorkers: boolean;
  reportOnFailure: boolean;
  /** Undefined when not given: TASKLENS_MEMRAY_TRACK_GC decides at execution. */
  trackGarbageCollection: boolean | undefined;
  /** Undefined when not given: TASKLENS_MEMRAY_CHECKPOINT_INTERVAL or 2000 at execution. */
  checkpointIntervalMs: number | undefined;
}

const known = new Set([
  'nativeTraces',
  'tracePythonAllocators',
  'followFork',
  'memoryIntervalMs',
  'memrayHtmlReporter',
  'memrayReporterArgs',
  'samplingIntervalBytes',
  'captureDirectory',
  'peakGrowthFactor',
  'maxMemoryRecords',
  'followWorkers',
  'reportOnFailure',
  'trackGarbageCollection',
  'checkpointIntervalMs',
]);

function booleanOption(
  options: MemrayProfilingOptions,
  name: keyof MemrayProfilingOptions,
  fallback: boolean,
) {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new InvalidOptionError({
      option: `memrayProfiling.${name}`,
      message: `memrayProfiling.${name} must be a boolean, got ${typeof value}`,
    });
  }
  return value;
}

function positiveIntegerOption(options: MemrayProfilingOptions, name: keyof MemrayProfilingOptions) {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new InvalidOptionError({
      option: `memrayProfiling.${name}`,
      message: `memrayProfiling.${name} must be a positive integer, got ${String(value)}`,
    });
  }
  return value;
}

/**
 * Validates in flytekit's order with flytekit's two messages (reporter, then reporter args), then
 * the Node-only options. Runs when the decorator is written, as flytekit's constructor does.
 */
export function resolveMemrayOptions(given: MemrayProfilingOptions | undefined): ResolvedMemrayOptions {
  const options = given ?? {};
  if (typeof options !== 'object') {
    throw new InvalidOptionError({
      option: 'memrayProfiling',
      message: `memrayProfiling takes an options object or a function, got ${typeof options}`,
    });
  }
  const reporter = options.memrayHtmlReporter ?? 'flamegraph';
  if (reporter !== 'flamegraph' && reporter !== 'table') {
    throw new InvalidOptionError({
      option: 'memrayProfiling.memrayHtmlReporter',
      message: `${String(reporter)} is not a supported html reporter.`,
    });
  }
  const args = options.memrayReporterArgs ?? [];
  const report = parseReporterArgs(reporter, args, 'memrayProfiling.memrayReporterArgs');
  for (const name of Object.keys(options)) {
    if (!known.has(name)) {
      throw new InvalidOptionError({
        option: `memrayProfiling.${name}`,
        message: `memrayProfiling has no option ${name}; known options: ${[...known].join(', ')}`,
      });
    }
  }
  const peakGrowthFactor = options.peakGrowthFactor ?? 1.25;
  if (typeof peakGrowthFactor !== 'number' || !(peakGrowthFactor >= 1)) {
    throw new InvalidOptionError({
      option: 'memrayProfiling.peakGrowthFactor',
      message: `memrayProfiling.peakGrowthFactor must be a number >= 1, got ${String(peakGrowthFactor)}`,
    });
  }
  const checkpointIntervalMs = options.checkpointIntervalMs;
  if (
    checkpointIntervalMs !== undefined &&
    (typeof checkpointIntervalMs !== 'number' ||
      !Number.isInteger(checkpointIntervalMs) ||
      checkpointIntervalMs < 0)
  ) {
    throw new InvalidOptionError({
      option: 'memrayProfiling.checkpointIntervalMs',
      message: `memrayProfiling.checkpointIntervalMs must be a non-negative integer (0 turns checkpoints off), got ${String(checkpointIntervalMs)}`,
    });
  }
  const captureDirectory = options.captureDirectory;
  if (captureDirectory !== undefined && (typeof captureDirectory !== 'string' || captureDirectory === '')) {
    throw new InvalidOptionError({
      option: 'memrayProfiling.captureDirectory',
      message: 'memrayProfiling.captureDirectory must be a non-empty path string',
    });
  }
  return {
    nativeTraces: booleanOption(options, 'nativeTraces', false),
    tracePythonAllocators: booleanOption(options, 'tracePythonAllocators', false),
    followFork: booleanOption(options, 'followFork', false),
    memoryIntervalMs: positiveIntegerOption(options, 'memoryIntervalMs') ?? 10,
    reporter,
    reporterArgs: [...args],
    report,
    samplingIntervalBytes: positiveIntegerOption(options, 'samplingIntervalBytes'),
    captureDirectory,
    peakGrowthFactor,
    maxMemoryRecords: positiveIntegerOption(options, 'maxMemoryRecords') ?? 10_000,
    followWorkers: booleanOption(options, 'followWorkers', true),
    reportOnFailure: booleanOption(options, 'reportOnFailure', true),
    trackGarbageCollection:
      options.trackGarbageCollection === undefined
        ? undefined
        : booleanOption(options, 'trackGarbageCollection', false),
    checkpointIntervalMs,
  };
}
