import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { TerminatedError } from '@tasklens/core';
import { createLogger, redactSecrets, registerExitFlush } from '@tasklens/core/plugin';
import { assignOperations } from './assign-operations';
import {
  fileSetGlobs,
  fileSetOperation,
  type UploadFilesOptions,
  unmatchedGlobs,
} from './file-set-operation';
import { type LegacyOperation, parseAttributePath } from './legacy-operation';
import type { LegacySink, NeptuneRunResult } from './legacy-sink';
import { legacySyncCommand } from './sync-command';

const logger = createLogger('tasklens:neptune');

/** Options of `run.log` / `run.append`. */
export interface LogOptions {
  /** Step of the point; default none (the server numbers the points). */
  step?: number;
  /** Time of the point: a Date or unix seconds; default now. */
  timestamp?: Date | number;
}

export interface NeptuneRunParts {
  sink: LegacySink;
  /** `offline`, `async`/`sync` (online) or `debug` (nothing stored). */
  mode: 'offline' | 'async' | 'sync' | 'debug';
  /** Server run uuid online; the offline container uuid otherwise. */
  containerId: string;
  /** `PROJ-12` online; `offline/<uuid>` offline, as the Python client prints. */
  id: string;
  url: string | undefined;
  /** `workspace/project` when known (always online; offline only if given). */
  project?: string | undefined;
  /** Settles once the server answered (true) or the run was kept offline (false); default settled. */
  ready?: Promise<boolean>;
}

/** What an online run learns when the server created it (or that it was kept offline). */
export type NeptuneRunIdentity = Pick<NeptuneRunParts, 'mode' | 'containerId' | 'id' | 'url'>;

/**
 * A Neptune 1.x run (`neptune.init_run()`'s `Run`): `assign` is `run[path] = value`, `log` is
 * `run[path].append(value)`, `addTags` is `run["sys/tags"].add(...)`. Operations are queued in
 * order; a tracker problem is logged, never thrown into the task.
 */
export class NeptuneRun {
  readonly project: string | undefined;
  private identity: NeptuneRunIdentity;
  private readonly readiness: Promise<boolean>;
  /** @internal The Flyte console link of a remote task's run (set by `neptuneInitRun`); wins over `url`. */
  consoleUrl: string | undefined;
  private readonly sink: LegacySink;
  private stopPromise: Promise<NeptuneRunResult> | undefined;
  private result: NeptuneRunResult | undefined;
  private readonly warned = new Set<string>();
  private readonly lastValues = new Map<string, number | string>();
  private readonly stopCallbacks: (() => void)[] = [];
  private readonly unregisterExit: (() => void) | undefined;

  constructor(parts: NeptuneRunParts) {
    this.sink = parts.sink;
    this.identity = { mode: parts.mode, containerId: parts.containerId, id: parts.id, url: parts.url };
    this.readiness = parts.ready ?? Promise.resolve(parts.mode !== 'offline' && parts.mode !== 'debug');
    this.project = parts.project;
    if (parts.mode !== 'debug') {
      // Like the Python client's atexit stop; a signal marks the run failed first (the task did not end).
      this.unregisterExit = registerExitFlush(async (reason) => {
        if (reason !== 'beforeExit')
          this.fail(new TerminatedError({ signal: reason, message: `the process received ${reason}` }));
        await this.stop();
      });
    }
  }

  /**
   * `async`/`sync` online, `offline` (asked for, or kept offline because the server could not
   * create the run), `debug` (nothing stored).
   */
  get mode(): NeptuneRunParts['mode'] {
    return this.identity.mode;
  }

  /**
   * The server's run uuid online, the offline container uuid otherwise; while an online run is
   * still connecting (see `ready()`), the uuid of its provisional offline directory.
   */
  get containerId(): string {
    return this.identity.containerId;
  }

  /** `PROJ-12` online, `offline/<uuid>` offline and while an online run is still connecting. */
  get id(): string {
    return this.identity.id;
  }

  /** The run page online; undefined offline and while an online run is still connecting. */
  get url(): string | undefined {
    return this.identity.url;
  }

  /**
   * Settles once the run's start is complete: true when the run exists on the server, false when
   * it is offline (asked for, or kept offline because the server could not be reached or refused
   * the token). Operations are safe on disk before that either way; this only tells when `id` and
   * `url` are final.
   */
  ready(): Promise<boolean> {
    return this.readiness;
  }

  /** @internal The server answered (or the run was kept offline): the run's final identity. */
  identify(identity: NeptuneRunIdentity): void {
    this.identity = identity;
  }

  /**
   * The run directory on disk that `neptune sync` uploads: the offline run's, or (after `stop()`)
   * an online run's queue when not everything was delivered; undefined otherwise.
   */
  get offlineDirectory(): string | undefined {
    if (this.mode === 'offline') return this.sink.directory;
    return this.result === undefined || this.result.outcome === 'delivered'
      ? undefined
      : this.result.directory;
  }

  /** The last value appended to each series (`log`), by field path. */
  lastMetrics(): Record<string, number | string> {
    return Object.fromEntries(this.lastValues);
  }

  /** Operations still waiting in memory for delivery. */
  get queuedEvents(): number {
    return this.sink.queuedEvents;
  }

  /** True once `stop()` was called. */
  get stopped(): boolean {
    return this.stopPromise !== undefined;
  }

  /** `run[path] = value`: numbers, booleans, strings, dates, or a plain object of them (nested paths). */
  assign(path: string, value: unknown): void {
    this.guard(() =>
      assignOperations(parseAttributePath(path), value, (at, bad) =>
        this.warnOnce(
          `unsupported:${at.join('/')}`,
          `${at.join('/')}: ${bad === null ? 'null' : typeof bad} values are not supported by Neptune and were skipped`,
        ),
      ),
    );
  }

  /** `run[path].append(value, step=…)`: one point of a float series (numbers) or string series. */
  log(path: string, value: number | string, options: LogOptions = {}): void {
    this.guard(() => {
      const segments = parseAttributePath(path);
      const ts = toSeconds(options.timestamp);
      const step = options.step ?? null;
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) {
          this.warnOnce(
            `nonfinite:${path}`,
            `${path}: non-finite values are not supported by Neptune and were skipped`,
          );
          return [];
        }
        this.lastValues.set(path, value);
        return [{ type: 'LogFloats', path: segments, values: [{ value, step, ts }] }];
      }
      if (typeof value === 'string') {
        this.lastValues.set(path, value);
        return [{ type: 'LogStrings', path: segments, values: [{ value, step, ts }] }];
      }
      this.warnOnce(`series:${path}`, `${path}: only numbers and strings can be logged to a series`);
      return [];
    });
  }

  /** Alias of `log`, named like the Python client's `append`. */
  append(path: string, value: number | string, options: LogOptions = {}): void {
    this.log(path, value, options);
  }

  /**
   * `run[path].upload(file)`: a file atom. A string is a file path (uploaded as it is when the
   * operation is sent, extension from its name); bytes are saved in the run directory first
   * (extension `options.extension`, default `bin`), as `File.from_content` does.
   */
  upload(path: string, source: string | Uint8Array, options: { extension?: string } = {}): void {
    this.guard(() => {
      const segments = parseAttributePath(path);
      if (typeof source === 'string') {
        const filePath = resolve(source);
        if (!existsSync(filePath) || !statSync(filePath).isFile()) {
          this.warnOnce(`upload:${path}`, `${path}: ${filePath} is not a file; nothing was uploaded`);
          return [];
        }
        const ext = options.extension ?? extname(filePath).slice(1);
        return [
          {
            type: 'UploadFile',
            path: segments,
            ext,
            file_path: filePath,
            tmp_file_name: null,
            clean_after_upload: false,
          },
        ];
      }
      const ext = options.extension ?? 'bin';
      const directory = this.sink.directory;
      if (directory === undefined) return [];
      // The Python client's temporary name: `<path joined by _>-<unix time>-<local time>.<ext>`.
      const now = new Date();
      const local = now.toISOString().replace('T', '_').replace(/:/g, '.').replace('Z', '000');
      const name = `${segments.join('_')}-${now.getTime() / 1000}-${local}.${ext}`;
      mkdirSync(join(directory, 'upload_path'), { recursive: true });
      writeFileSync(join(directory, 'upload_path', name), source);
      return [
        {
          type: 'UploadFile',
          path: segments,
          ext,
          file_path: null,
          tmp_file_name: name,
          clean_after_upload: false,
        },
      ];
    });
  }

  /**
   * `run[path].upload_files(globs)`: adds files to a file set (with `replace`, the set is emptied
   * first, as `run[path] = FileSet(globs)`). Globs are made absolute now and expanded when sent
   * (`neptune sync` expands an offline run's); a directory adds every file below it. A glob that
   * matches nothing adds nothing, as in neptune 1.x, with a warning naming the field.
   * Throws `InvalidOptionError` (option `globs`) when `globs` is not a string or strings.
   */
  uploadFiles(path: string, globs: string | readonly string[], options: UploadFilesOptions = {}): void {
    const list = fileSetGlobs(path, globs);
    this.guard(() => {
      const operation = fileSetOperation(parseAttributePath(path), list, options.replace === true);
      for (const problem of unmatchedGlobs(path, operation.file_globs))
        this.warnOnce(`glob:${path}:${problem.message}`, problem.message);
      return [operation];
    });
  }

  /** Adds strings to a string set; default set `sys/tags`. */
  addTags(tags: string | readonly string[], path = 'sys/tags'): void {
    this.guard(() => [{ type: 'AddStrings', path: parseAttributePath(path), values: toStrings(tags) }]);
  }

  /** Removes strings from a string set; default set `sys/tags`. */
  removeTags(tags: string | readonly string[], path = 'sys/tags'): void {
    this.guard(() => [{ type: 'RemoveStrings', path: parseAttributePath(path), values: toStrings(tags) }]);
  }

  /** Marks the run failed (`sys/failed = true`) and logs the error to `monitoring/traceback`. */
  fail(error: unknown): void {
    const text = redactSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error));
    this.guard(() => [
      { type: 'AssignBool', path: ['sys', 'failed'], value: true },
      {
        type: 'LogStrings',
        path: ['monitoring', 'traceback'],
        values: text.split('\n').map((line) => ({ value: line, step: null, ts: Date.now() / 1000 })),
      },
    ]);
  }

  /** @internal The client's opening operations (name, description, tags, failed flag). */
  writeInitial(operations: readonly LegacyOperation[]): void {
    this.sink.write(operations);
  }

  /** @internal Called once when the run stops (before its data is flushed). */
  whenStopped(callback: () => void): void {
    this.stopCallbacks.push(callback);
  }

  /** Sends or stores everything and ends the run; idempotent, never rejects. */
  stop(): Promise<NeptuneRunResult> {
    if (this.stopPromise === undefined) {
      this.unregisterExit?.();
      for (const callback of this.stopCallbacks.splice(0)) callback();
    }
    this.stopPromise ??= this.sink.close().then((result) => {
      this.result = result;
      if (result.outcome !== 'delivered' && result.directory !== undefined) {
        logger.info(`run data kept in ${result.directory}; upload it with \`${legacySyncCommand(this)}\``);
      }
      return result;
    });
    return this.stopPromise;
  }

  private guard(build: () => LegacyOperation[]): void {
    if (this.stopPromise !== undefined) {
      this.warnOnce('stopped', 'the run was stopped; later metadata is ignored');
      return;
    }
    try {
      const operations = build();
      if (operations.length > 0) this.sink.write(operations);
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

function toSeconds(timestamp: Date | number | undefined): number {
  if (timestamp === undefined) return Date.now() / 1000;
  return timestamp instanceof Date ? timestamp.getTime() / 1000 : timestamp;
}

function toStrings(values: string | readonly string[]): string[] {
  return typeof values === 'string' ? [values] : values.map(String);
}
