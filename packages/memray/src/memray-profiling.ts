import { writeFileSync } from 'node:fs';
import { Deck, type Decorate, type Decorated, type ExecutionContext, escapeHtml } from '@tasklens/core';
import {
  createDecorator,
  createLogger,
  redactSecrets,
  resolveAtExecution,
  type TaskDecorator,
  unwrapFunction,
} from '@tasklens/core/plugin';
import { writeCaptureFiles } from './capture/capture-files';
import type { MemrayCapture } from './capture/capture-format';
import { type CapturePaths, reserveCapturePaths } from './capture/capture-paths';
import {
  type MemrayProfilingOptions,
  memrayOptionDeclarations,
  type ResolvedMemrayOptions,
  resolveMemrayOptions,
} from './options/memray-profiling-options';
import { ProfilingRun, type ProfilingSettings, unprofiledCapture } from './profiler/profiling-run';
import { warmSidecar } from './profiler/sidecar-host';
import { renderReport } from './report/render-report';

type AnyFunction = (...args: any[]) => any;
const logger = createLogger('tasklens:memray');

/** Deck title, as flytekit: `"Memray " + reporter.capitalize()`. */
export function memrayDeckName(reporter: string): string {
  return `Memray ${reporter.charAt(0).toUpperCase()}${reporter.slice(1).toLowerCase()}`;
}

/** Options an environment variable can set, decided when the task runs. */
function executionSettings(options: ResolvedMemrayOptions, context: ExecutionContext) {
  const declarations = memrayOptionDeclarations;
  const warn = (message: string) => logger.warn(message);
  const environment = context.environment;
  // 0 (below the option's minimum) stands for "nobody chose one".
  const chosenInterval = resolveAtExecution(
    declarations.samplingIntervalBytes,
    options.samplingIntervalBytes,
    environment,
    0,
    warn,
  );
  return {
    samplingIntervalBytes: chosenInterval || (options.tracePythonAllocators ? 32_768 : 1_048_576),
    /** The default interval adapts (see adaptiveInterval); an interval someone chose is kept throughout. */
    intervalIsDefault: chosenInterval === 0 && !options.tracePythonAllocators,
    trackGarbageCollection: resolveAtExecution(
      declarations.trackGarbageCollection,
      options.trackGarbageCollection,
      environment,
      false,
      warn,
    ),
    checkpointIntervalMs: resolveAtExecution(
      declarations.checkpointIntervalMs,
      options.checkpointIntervalMs,
      environment,
      2000,
      warn,
    ),
    captureDirectory: resolveAtExecution(
      declarations.captureDirectory,
      options.captureDirectory,
      environment,
      'memray_bin',
      warn,
    ),
  };
}

/**
 * With the default interval the sampler starts 4x finer (256 KiB) and restarts at 1 MiB once the
 * task's thread has used 100 ms of CPU or the call has allocated ~500 samples' worth (128 MiB), so a
 * short task still gets samples where its memory went, and the finer sampling (whose cost is per
 * sample: +30 % instead of +10 % on a loop allocating 8 GB/s 40 frames deep) costs at most a few
 * tens of milliseconds. CPU time rather than wall time: samples, and so their cost, come only while
 * the thread runs; a 500 ms wall-clock budget left a 0.4 s deep-stack call at 256 KiB throughout
 * (1.5x), and the allocated bytes cannot stand in, since the heap readings miss garbage freed
 * between them. Not with `--leaks` or `--temporal`: the restart forgets which earlier objects are
 * freed later, and those views are about exactly that.
 */
const adaptiveInterval = {
  initialBytes: 262_144,
  switchAfterCpuMs: 100,
  switchAfterBytes: 128 * 1024 * 1024,
};

function failureDeck(message: string): string {
  return `<div class="tlm-failure"><p><strong>Memory profiling failed; the task itself was not affected.</strong></p><pre>${escapeHtml(
    message,
  )}</pre></div>`;
}

function buildDecorator(options: ResolvedMemrayOptions, functionName: () => string): TaskDecorator {
  return {
    name: 'memrayProfiling',
    extraConfig: () => ({}),
    async execute<Result>(context: ExecutionContext, next: (context?: ExecutionContext) => Promise<Result>) {
      const started = new Date();
      const name = functionName() || context.taskName.split('.').at(-1) || 'task';
      const {
        samplingIntervalBytes,
        intervalIsDefault,
        trackGarbageCollection,
        checkpointIntervalMs,
        captureDirectory,
      } = executionSettings(options, context);
      const settings: Omit<ProfilingSettings, 'paths'> = {
        functionName: name,
        samplingIntervalBytes,
        mode: options.report.view === 'all' ? 'all' : 'live',
        // --temporal keeps its own snapshots; the high-water mark of any range comes from them.
        peak: options.report.view === 'peak' && !options.report.temporal,
        temporal: options.report.temporal,
        peakGrowthFactor: options.peakGrowthFactor,
        memoryIntervalMs: options.memoryIntervalMs,
        followWorkers: options.followWorkers,
        followFork: options.followFork,
        nativeTraces: options.nativeTraces,
        reporterArgs: options.reporterArgs,
        trackGarbageCollection,
        checkpointIntervalMs,
        adaptiveInterval:
          intervalIsDefault && options.report.view !== 'leaks' && !options.report.temporal
            ? adaptiveInterval
            : null,
      };
      let paths: CapturePaths | undefined;
      let run: ProfilingRun | undefined;
      let unavailable: string | undefined;
      try {
        paths = reserveCapturePaths(process.cwd(), captureDirectory, name, started, options.reporter);
        run = await ProfilingRun.start({ ...settings, paths });
      } catch (error) {
        unavailable = (error as Error).message;
        logger.warn(`memrayProfiling: running ${name} unprofiled: ${unavailable}`);
      }
      let failed = false;
      let failure: unknown;
      let result: Result | undefined;
      try {
        result = await next();
      } catch (error) {
        failed = true;
        failure = error;
      }
      // Everything below is best effort: a profiling problem must never fail the task.
      try {
        let capture: MemrayCapture;
        if (run) capture = await run.stop(failed);
        else
          capture = unprofiledCapture({ ...settings, paths: paths! }, unavailable ?? 'unknown error', failed);
        if (paths) writeCaptureFiles(capture, paths);
        if (!failed || options.reportOnFailure) {
          const html = renderReport(capture, options.reporter, options.report, {
            maxMemoryRecords: options.maxMemoryRecords,
          });
          if (paths) writeFileSync(paths.report, html);
          context.decks.push(new Deck(memrayDeckName(options.reporter), html, { autoAddToDeck: false }));
          // Say where the report went: a local run has no other pointer to it.
          if (paths)
            logger.info(`memrayProfiling: ${name} report file://${paths.report} (capture ${paths.capture})`);
        } else if (paths) {
          logger.info(
            `memrayProfiling: ${name} failed; capture ${paths.capture} (no report: reportOnFailure is off)`,
          );
        }
      } catch (error) {
        const message = redactSecrets(`${(error as Error).message}`);
        logger.error(`memrayProfiling: could not produce the report for ${name}: ${message}`);
        context.decks.push(
          new Deck(memrayDeckName(options.reporter), failureDeck(message), {
            autoAddToDeck: false,
          }),
        );
      }
      if (failed) throw failure;
      return result as Result;
    },
  };
}

/** `memrayProfiling` as a decorator: bare (`memrayProfiling(fn)`) or with options (`memrayProfiling({...})(fn)`). */
export interface MemrayProfiling {
  <Args extends any[], Result, This = unknown>(
    fn: (this: This, ...args: Args) => Result,
  ): Decorated<Args, Result, This>;
  (options?: MemrayProfilingOptions): Decorate;
}

function decorateWith(options: ResolvedMemrayOptions): Decorate {
  // Start the memory sampler thread now, while the program loads, so no task pays for it.
  warmSidecar();
  function decorate(target: AnyFunction, decoratorContext?: ClassMethodDecoratorContext): AnyFunction {
    // The capture is named after the decorated function, as flytekit's `task_function.__name__`.
    const name = () =>
      decoratorContext !== undefined ? String(decoratorContext.name) : unwrapFunction(target).name;
    const apply = createDecorator(buildDecorator(options, name)) as (
      fn: AnyFunction,
      context?: unknown,
    ) => AnyFunction;
    return decoratorContext === undefined ? apply(target) : apply(target, decoratorContext);
  }
  return decorate as Decorate;
}

/**
 * Memory profiling of a task with memray-style reports, mirroring flytekit's `memray_profiling`:
 * V8's sampling heap profiler, memory over time from a sidecar thread, a `Memray Flamegraph` or
 * `Memray Table` deck, and captures under `memray_bin/`.
 */
export const memrayProfiling: MemrayProfiling = ((argument?: MemrayProfilingOptions | AnyFunction) => {
  if (typeof argument === 'function') return decorateWith(resolveMemrayOptions({}))(argument);
  return decorateWith(resolveMemrayOptions(argument));
}) as MemrayProfiling;
