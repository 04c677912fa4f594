import { dirname } from 'node:path';
import { TerminatedError } from '@tasklens/core';
import { createLogger, redactSecrets, registerExitFlush } from '@tasklens/core/plugin';
import { prepareFileUploads, type ScaleFileSource } from './files/prepare-file-uploads';
import type { NeptuneScaleRunResult, ScaleConfigValue, ScaleFileUpload, ScaleSink } from './scale-operation';

const logger = createLogger('tasklens:neptune');

/** Arguments of `logMetrics`, as `neptune_scale.Run.log_metrics`. */
export interface LogMetricsOptions {
  /** Metric name → value. */
  data: Readonly<Record<string, number>>;
  /** Step (required by Neptune Scale for metrics). */
  step: number;
  /** Time of the values: a Date or unix seconds; default now. */
  timestamp?: Date | number;
}

/** What a run is made of (see newScaleRun). */
type ScaleRunParts = ConstructorParameters<typeof NeptuneScaleRun>[0];

// Assigned in NeptuneScaleRun's static block (which may set its private fields).
let initializeScaleRun: (run: NeptuneScaleRun, parts: ScaleRunParts) => void;
let addCloseCallback: (run: NeptuneScaleRun, callback: () => void) => void;

/**
 * A Neptune Scale run in the shape of `neptune_scale.Run`: `logConfigs`, `logMetrics`, `addTags`,
 * `removeTags`, `close`. A tracker problem is logged, never thrown into the task.
 */
export class NeptuneScaleRun {
  // The fields are declared only (no initializers) and set by initializeScaleRun: a run is made by
  // newScaleRun without calling this class's constructor (see there). The private ones are not
  // readonly for that reason; nothing else assigns them.
  declare readonly runId: string;
  declare readonly project: string;
  declare readonly experimentName: string | undefined;
  declare readonly mode: 'async' | 'offline' | 'disabled';
  /** The run's page (`get_run_url()`: `<api url>/<workspace>/<project>/-/run/?customId=<run id>`) when online. */
  get url(): string | undefined {
    // An online run whose handshake failed is kept offline: no page to link to.
    if (this.sink.keptOffline === true) return undefined;
    this.onlineUrl ??=
      typeof this.onlineUrlSource === 'function' ? this.onlineUrlSource() : this.onlineUrlSource;
    return this.onlineUrl;
  }
  declare private onlineUrl: string | undefined;
  /** Works the page's address out when first asked (a start-up cost nothing needs at once). */
  declare private onlineUrlSource: string | (() => string) | undefined;
  declare private sink: ScaleSink;
  declare private closePromise: Promise<NeptuneScaleRunResult> | undefined;
  declare private result: NeptuneScaleRunResult | undefined;
  declare private warned: Set<string>;
  declare private lastValues: Map<string, number>;
  declare private lastStep: number | undefined;
  declare private closeCallbacks: (() => void)[];
  declare private unregisterExit: (() => void) | undefined;
  declare private exitRegistration: NodeJS.Immediate | undefined;

  constructor(parts: {
    runId: string;
    project: string;
    experimentName: string | undefined;
    mode: NeptuneScaleRun['mode'];
    sink: ScaleSink;
    /** The run's page when online, or a function giving it (called once, when first needed). */
    url?: string | (() => string) | undefined;
  }) {
    initializeScaleRun(this, parts);
  }

  static {
    // Parenthesized, so V8 compiles them when this block runs at import. A class constructor or
    // method has no such hint: V8 compiles it on its first call, which in a fresh process is
    // inside the first createScaleRun() (~0.1 ms for this constructor alone).
    // biome-ignore format: the parentheses are the compile hint
    initializeScaleRun = (function initializeScaleRun(run: NeptuneScaleRun, parts: ScaleRunParts): void {
      // Every field, in one order, so every run has the same shape.
      const identity = run as { -readonly [Key in 'runId' | 'project' | 'experimentName' | 'mode']: NeptuneScaleRun[Key] };
      identity.runId = parts.runId;
      identity.project = parts.project;
      identity.experimentName = parts.experimentName;
      identity.mode = parts.mode;
      run.onlineUrl = undefined;
      run.onlineUrlSource = parts.url;
      run.sink = parts.sink;
      run.closePromise = undefined;
      run.result = undefined;
      run.warned = new Set();
      run.lastValues = new Map();
      run.lastStep = undefined;
      run.closeCallbacks = [];
      run.unregisterExit = undefined;
      // Like neptune-scale's atexit close; a signal marks the run failed first (the task did not end).
      // Installed on the next turn, right after the database opens: the first signal listener of a
      // process costs a good part of the start. Until then a signal ends the process as it ends
      // neptune-scale's (which has only an atexit hook); nothing was stored yet either way.
      run.exitRegistration =
        parts.mode === 'disabled'
          ? undefined
          : setImmediate(() => {
              run.unregisterExit = registerExitFlush(async (reason) => {
                if (reason !== 'beforeExit')
                  run.fail(new TerminatedError({ signal: reason, message: `the process received ${reason}` }));
                await run.close();
              });
            });
    });
    // biome-ignore format: the parentheses are the compile hint
    addCloseCallback = (function addCloseCallback(run: NeptuneScaleRun, callback: () => void): void {
      run.closeCallbacks.push(callback);
    });
  }

  /** Operations waiting in memory (for delivery, or for the next commit offline). */
  get queuedEvents(): number {
    return this.sink.queuedEvents;
  }

  /**
   * The `run_operations.sqlite3` that neptune-scale's sync uploads: an offline run's, or (after
   * `close()`) an online run's when not everything was delivered; undefined otherwise.
   */
  get offlineDatabasePath(): string | undefined {
    if (this.result !== undefined)
      return this.result.outcome === 'delivered' ? undefined : this.result.databasePath;
    return this.mode === 'offline' || this.url === undefined ? this.sink.databasePath : undefined;
  }

  /** The step after the last one logged (0 before any), for callers that log without a step. */
  get nextStep(): number {
    return this.lastStep === undefined ? 0 : Math.floor(this.lastStep) + 1;
  }

  /** The last value logged for each metric. */
  lastMetrics(): Record<string, number> {
    return Object.fromEntries(this.lastValues);
  }

  get closed(): boolean {
    return this.closePromise !== undefined;
  }

  /** `log_configs(data)`: single values (numbers, booleans, strings, dates, string lists). */
  logConfigs(data: Readonly<Record<string, ScaleConfigValue | null | undefined>>): void {
    const assign: Record<string, ScaleConfigValue> = {};
    for (const [key, value] of Object.entries(data)) {
      if (value === null || value === undefined) continue;
      if (typeof value === 'number' && !Number.isFinite(value)) {
        this.warnOnce(`config:${key}`, `${key}: non-finite config values are not supported and were skipped`);
        continue;
      }
      const supported =
        ['number', 'boolean', 'string'].includes(typeof value) ||
        value instanceof Date ||
        (Array.isArray(value) && value.every((item) => typeof item === 'string'));
      if (!supported) {
        this.warnOnce(
          `config:${key}`,
          `${key}: only numbers, booleans, strings, dates and string lists can be logged as configs; skipped`,
        );
        continue;
      }
      if (value instanceof Date && Number.isNaN(value.getTime())) {
        this.warnOnce(`config:${key}`, `${key}: invalid dates are not supported and were skipped`);
        continue;
      }
      assign[key] = value;
    }
    if (Object.keys(assign).length > 0) this.update({ assign });
  }

  /** `log_metrics(data, step, timestamp)`: float series points at one step. */
  logMetrics(options: LogMetricsOptions): void {
    const append: Record<string, number> = {};
    for (const [key, value] of Object.entries(options.data)) {
      if (typeof value !== 'number' || Number.isNaN(value)) {
        this.warnOnce(`metric:${key}`, `${key}: metric values must be numbers; skipped`);
        continue;
      }
      append[key] = value;
      this.lastValues.set(key, value);
    }
    if (this.lastStep === undefined || options.step > this.lastStep) this.lastStep = options.step;
    const timestamp =
      options.timestamp === undefined
        ? Date.now()
        : options.timestamp instanceof Date
          ? options.timestamp.getTime()
          : options.timestamp * 1000;
    this.update({ append, step: options.step, timestamp });
  }

  /** `add_tags(tags, group_tags=False)`: adds to `sys/tags` (or `sys/group_tags`). */
  addTags(tags: readonly string[], options: { groupTags?: boolean } = {}): void {
    this.update({ addTags: { [options.groupTags ? 'sys/group_tags' : 'sys/tags']: [...tags] } });
  }

  /** `remove_tags(tags, group_tags=False)`. */
  removeTags(tags: readonly string[], options: { groupTags?: boolean } = {}): void {
    this.update({ removeTags: { [options.groupTags ? 'sys/group_tags' : 'sys/tags']: [...tags] } });
  }

  /**
   * `assign_files(files)`: attribute → a path, bytes or a `ScaleFile`. Each attribute is set to a
   * file reference and the file is uploaded (online now, offline by neptune-scale's sync). Bad
   * input (a missing file, a directory, a bad destination) is an `InvalidOptionError` naming
   * `files.<attribute>`, and nothing of the call is kept.
   */
  assignFiles(files: Readonly<Record<string, ScaleFileSource>>): void {
    const databasePath = this.sink.databasePath;
    if (databasePath === undefined) return;
    if (this.closePromise !== undefined) {
      this.warnOnce('closed', 'the run was closed; later metadata is ignored');
      return;
    }
    const uploads = prepareFileUploads(this.runId, dirname(databasePath), files);
    if (Object.keys(uploads).length > 0) this.update({ files: uploads });
  }

  /** Marks the run failed (`sys/failed = true`), as neptune-scale does for an uncaught error. */
  fail(error: unknown): void {
    const text = redactSecrets(error instanceof Error ? error.message : String(error));
    this.update({ assign: { 'sys/failed': true, 'sys/failure_reason': text.slice(0, 1000) } });
  }

  /** `close()`: sends or stores everything; idempotent, never rejects. */
  close(): Promise<NeptuneScaleRunResult> {
    if (this.closePromise === undefined) {
      if (this.exitRegistration !== undefined) clearImmediate(this.exitRegistration);
      this.unregisterExit?.();
      for (const callback of this.closeCallbacks.splice(0)) callback();
    }
    this.closePromise ??= this.sink.close().then((result) => {
      this.result = announceKeptRun(result);
      return result;
    });
    return this.closePromise;
  }

  private update(change: {
    assign?: Record<string, ScaleConfigValue>;
    append?: Record<string, number>;
    addTags?: Record<string, readonly string[]>;
    removeTags?: Record<string, readonly string[]>;
    files?: Record<string, ScaleFileUpload>;
    step?: number;
    timestamp?: number;
  }): void {
    if (this.closePromise !== undefined) {
      this.warnOnce('closed', 'the run was closed; later metadata is ignored');
      return;
    }
    try {
      this.sink.write({
        kind: 'update',
        timestamp: change.timestamp ?? Date.now(),
        step: change.step,
        assign: change.assign ?? {},
        append: change.append ?? {},
        addTags: change.addTags ?? {},
        removeTags: change.removeTags ?? {},
        ...(change.files === undefined ? {} : { files: change.files }),
      });
    } catch (error) {
      this.warnOnce(`error:${String(error)}`, redactSecrets(String(error)));
    }
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    logger.warn(message);
  }
}

/**
 * A new run, made without calling NeptuneScaleRun's constructor (which V8 would compile inside a
 * fresh process's first start): the object gets the class's prototype and initializeScaleRun sets
 * every field, as the constructor does. `instanceof NeptuneScaleRun` holds.
 */
// biome-ignore format: the parentheses are the compile hint
export const newScaleRun = (function newScaleRun(parts: ScaleRunParts): NeptuneScaleRun {
  const run = Object.create(NeptuneScaleRun.prototype) as NeptuneScaleRun;
  initializeScaleRun(run, parts);
  return run;
});

/** Calls `callback` once when `run` closes (before its data is flushed). */
// biome-ignore format: the parentheses are the compile hint
export const whenScaleRunClosed = (function whenScaleRunClosed(run: NeptuneScaleRun, callback: () => void): void {
  addCloseCallback(run, callback);
});

/** Says once where an offline or spilled run's operations are, as the legacy run does. */
function announceKeptRun(result: NeptuneScaleRunResult): NeptuneScaleRunResult {
  if (result.outcome !== 'delivered' && result.databasePath !== undefined) {
    logger.info(
      `run data kept in ${result.databasePath}; upload it with neptune-scale's \`sync\` command (see the @tasklens/neptune README)`,
    );
  }
  return result;
}
