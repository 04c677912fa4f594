import { findCurrentContext } from '../context/context-storage';
import type { ExecutionContext } from '../context/execution-context';
import type { TrackerRun } from './tracker-run';
import { TrackingDeck } from './tracking-deck';

interface RunEntry {
  readonly run: TrackerRun;
  active: boolean;
}

interface TaskTrackers {
  readonly entries: RunEntry[];
  deck: TrackingDeck | undefined;
}

interface Registry {
  /** Keyed by the task's timeline, which every derived context of one task execution shares. */
  readonly byTask: WeakMap<object, TaskTrackers>;
  /** Runs started outside any task. */
  readonly outside: TaskTrackers;
}

const registryKey = Symbol.for('tasklens.tracking.trackerRegistry');

/** One registry per process, shared by every copy of core (providers may bundle their own). */
// biome-ignore format: parenthesized, so V8 compiles it at import, not on its first call
const registry = (function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [registryKey]?: Registry };
  holder[registryKey] ??= { byTask: new WeakMap(), outside: { entries: [], deck: undefined } };
  return holder[registryKey];
});

// biome-ignore format: parenthesized, so V8 compiles it at import, not on its first call
const trackersOf = (function trackersOf(context: ExecutionContext | undefined): TaskTrackers {
  const state = registry();
  if (context === undefined) return state.outside;
  let found = state.byTask.get(context.timeline);
  if (found === undefined) {
    found = { entries: [], deck: undefined };
    state.byTask.set(context.timeline, found);
  }
  return found;
});

/**
 * Registers a provider's run with the running task (or the process, outside a task): it is then
 * listed by `trackers()`, receives `logMetrics`/`logParams`, appears in the task's "Tracking"
 * deck tab and gives `experiment_tracker_url`. Returns the function to call when the run
 * finishes (it stays in the deck, but is no longer active).
 */
export function registerTrackerRun(run: TrackerRun, context = findCurrentContext()): () => void {
  return registerRun(run, context);
}

// A provider's start() calls this once: parenthesized, so V8 compiles it at import, not inside
// that first call (the exported declaration above stays a function, for the API report).
// biome-ignore format: the parentheses are the compile hint
const registerRun = (function registerRun(run: TrackerRun, context: ExecutionContext | undefined): () => void {
  const task = trackersOf(context);
  const entry: RunEntry = { run, active: true };
  task.entries.push(entry);
  if (context !== undefined && task.deck === undefined) {
    task.deck = new TrackingDeck(() => task.entries.map((item) => item.run));
    context.decks.push(task.deck);
  }
  return () => {
    entry.active = false;
  };
});

/** The active tracker runs of the running task (every provider), in the order they started. */
export function trackers(context = findCurrentContext()): readonly TrackerRun[] {
  return trackersOf(context)
    .entries.filter((entry) => entry.active)
    .map((entry) => entry.run);
}

function fanOut(call: (run: TrackerRun) => void, context: ExecutionContext | undefined): void {
  let first: unknown;
  for (const run of trackers(context)) {
    try {
      call(run);
    } catch (error) {
      // Every tracker gets the values even if one rejects them; the first error is reported.
      first ??= error;
    }
  }
  if (first !== undefined) throw first;
}

/** Logs one row of metrics to every active tracker run of the task. */
export function logMetrics(
  values: Readonly<Record<string, unknown>>,
  step?: number,
  context = findCurrentContext(),
): void {
  fanOut((run) => run.logMetrics(values, step), context);
}

/** Logs params / config to every active tracker run of the task. */
export function logParams(values: Readonly<Record<string, unknown>>, context = findCurrentContext()): void {
  fanOut((run) => run.logParams(values), context);
}

/** Tracking metadata of a task, named as ZenML's: `experiment_tracker_url` is the first run's page. */
export interface TrackingMetadata {
  /** The page of the first online run registered in the task; undefined if none. */
  readonly experiment_tracker_url: string | undefined;
  /** Every run registered in the task (finished ones too), with its link or offline path. */
  readonly experiment_trackers: readonly {
    readonly provider: string;
    readonly run_id: string;
    readonly url: string | undefined;
    readonly offline_path: string | undefined;
    readonly sync_command: string | undefined;
  }[];
}

/** The task's tracking metadata (`experiment_tracker_url` …), for code and tests. */
export function trackingMetadata(context = findCurrentContext()): TrackingMetadata {
  const runs = trackersOf(context).entries.map((entry) => entry.run);
  return {
    experiment_tracker_url: runs.find((run) => run.url !== undefined)?.url,
    experiment_trackers: runs.map((run) => ({
      provider: run.provider,
      run_id: run.runId,
      url: run.url,
      offline_path: run.offlinePath,
      sync_command: run.syncCommand,
    })),
  };
}
