import { InvalidOptionError } from '@tasklens/core';
import {
  booleanOption,
  type DeclaredOptions,
  type DeclaredValues,
  declareOption,
  integerOption,
  numberOption,
  pathOption,
  resolveDeclaredOptions,
} from '@tasklens/core/plugin';
import { parseReporterArgs, type ReporterName, type ReportSettings } from './reporter-settings';

/**
 * Every option of `memrayProfiling`, declared once: the options type, the defaults and the
 * validation all come from here. Order matters: flytekit checks the reporter, then its arguments.
 */
export const memrayOptionDeclarations = {
  /** Report kind: 'flamegraph' (deck "Memray Flamegraph") or 'table' (deck "Memray Table"); default 'flamegraph'; no env var. */
  memrayHtmlReporter: declareOption<ReporterName, ReporterName>({
    expected: "'flamegraph' or 'table'",
    defaultValue: 'flamegraph',
    validate(value, option) {
      if (value !== 'flamegraph' && value !== 'table') {
        // flytekit's own message.
        throw new InvalidOptionError({
          option,
          message: `${String(value)} is not a supported html reporter.`,
        });
      }
      return value;
    },
  }),
  /** memray reporter flags in `--flag` or `--flag=value` form (see README for the Node meaning); default []; no env var. */
  memrayReporterArgs: declareOption<readonly string[] | null, null>({
    expected: "memray reporter flags such as '--leaks'",
    defaultValue: null,
    validate(value, option, earlier) {
      if (value === null) return null;
      parseReporterArgs(earlier.memrayHtmlReporter as ReporterName, value as unknown[], option);
      return value as readonly string[];
    },
  }),
  /** Show V8 builtins and VM-state frames and add an `(external …)` node for Buffer/ArrayBuffer memory; default false; no env var. */
  nativeTraces: booleanOption(false),
  /** Finer sampling: every 32 KiB instead of 1 MiB (more accurate, slower on allocation-heavy code); default false; no env var. */
  tracePythonAllocators: booleanOption(false),
  /** Also profile child Node processes (injected through NODE_OPTIONS --require); default false; no env var. */
  followFork: booleanOption(false),
  /** Period of the memory-over-time sampler in milliseconds (RSS every tick; the JS heap at most every 10 ms, every 50 ms below a quarter of the heap limit); default 10; no env var. */
  memoryIntervalMs: integerOption({ minimum: 1, defaultValue: 10 }),
  /** Mean bytes between heap samples, kept for the whole call; overrides tracePythonAllocators; default adaptive: 262144 until the task thread has used 100 ms of CPU or the call allocated 128 MiB, then 1048576 (V8's per-sample stack walk stays within the overhead budget; 32768 throughout with tracePythonAllocators); env TASKLENS_MEMRAY_SAMPLING_INTERVAL. */
  samplingIntervalBytes: integerOption({
    minimum: 1,
    defaultValue: undefined,
    environmentVariable: 'TASKLENS_MEMRAY_SAMPLING_INTERVAL',
  }),
  /** Where captures and reports go, relative to the process working directory; default 'memray_bin'; env TASKLENS_MEMRAY_DIR. */
  captureDirectory: pathOption(undefined, 'TASKLENS_MEMRAY_DIR'),
  /** A peak snapshot is taken when the heap exceeds this factor times the best one so far; default 1.25; no env var. */
  peakGrowthFactor: numberOption({ minimum: 1, defaultValue: 1.25 }),
  /** Most memory-over-time points embedded in a report (stride-downsampled beyond); default 10000; no env var. */
  maxMemoryRecords: integerOption({ minimum: 1, defaultValue: 10_000 }),
  /** Profile worker threads started by the task (through the inspector's NodeWorker domain); default true; no env var. */
  followWorkers: booleanOption(true),
  /** Still write the report deck when the task throws (flytekit makes none); default true; no env var. */
  reportOnFailure: booleanOption(true),
  /** Count garbage collections and their pauses by kind for the summary (~20 µs per GC on the main thread); default false; env TASKLENS_MEMRAY_TRACK_GC. */
  trackGarbageCollection: booleanOption(undefined, 'TASKLENS_MEMRAY_TRACK_GC'),
  /** Rewrite the capture file this often (ms) while the task runs, so a SIGKILL or out-of-memory kill still leaves one (on the sidecar thread; 0 turns it off); default 2000; env TASKLENS_MEMRAY_CHECKPOINT_INTERVAL. */
  checkpointIntervalMs: integerOption({
    minimum: 0,
    defaultValue: undefined,
    environmentVariable: 'TASKLENS_MEMRAY_CHECKPOINT_INTERVAL',
    expected: 'a non-negative integer (0 turns checkpoints off)',
  }),
};

/** Options of `memrayProfiling`, mirroring flytekit's `memray_profiling` plus Node-only knobs (see each option's doc). */
export type MemrayProfilingOptions = DeclaredOptions<typeof memrayOptionDeclarations>;

/**
 * Options after validation and defaults. Options left `undefined` are decided at execution by
 * their environment variable (see `resolveAtExecution`).
 */
export type ResolvedMemrayOptions = Omit<
  DeclaredValues<typeof memrayOptionDeclarations>,
  'memrayHtmlReporter' | 'memrayReporterArgs'
> & {
  reporter: ReporterName;
  reporterArgs: string[];
  report: ReportSettings;
};

/** Validates when the decorator is written, as flytekit's constructor does, in declaration order. */
export function resolveMemrayOptions(given: MemrayProfilingOptions | undefined): ResolvedMemrayOptions {
  const options = given ?? {};
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError({
      option: 'memrayProfiling',
      message: `memrayProfiling takes an options object or a function, got ${typeof options}`,
    });
  }
  const { memrayHtmlReporter, memrayReporterArgs, ...values } = resolveDeclaredOptions(
    memrayOptionDeclarations,
    options,
    'memrayProfiling',
  );
  const reporterArgs = [...(memrayReporterArgs ?? [])];
  return {
    ...values,
    reporter: memrayHtmlReporter,
    reporterArgs,
    report: parseReporterArgs(memrayHtmlReporter, reporterArgs, 'memrayProfiling.memrayReporterArgs'),
  };
}
