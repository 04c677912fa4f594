import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import {
  captureConsole,
  createLogger,
  type Logger,
  redactSecrets,
  registerExitFlush,
  registerTrackerRun,
  type TrackingStatus,
  type TrackingTransport,
} from '@tasklens/core/plugin';
import type { WandbEvent } from '../events/wandb-event';
import { encodeWandbJson } from '../json/encode-wandb-json';
import type { EncodedItem } from '../json/encoded-item';
import { parseWandbJson } from '../json/parse-wandb-json';
import type { RunJournal } from '../offline/run-journal';
import {
  encodeConfigRecord,
  encodeExitRecord,
  encodeFinalRecord,
  encodeHistoryRecord,
  encodeOutputRawRecord,
  encodeRunRecord,
  encodeSummaryRecord,
  encodeSummaryRemoveRecord,
} from '../offline/wandb-records';
import { jsonLine } from '../online/file-stream-sink';
import type { WandbMode } from '../settings/resolve-settings';
import { characterCount } from '../settings/validate-settings';
import { globalRun, setGlobalRun } from './global-run';
import { writeRunFiles } from './run-files';
import { createRunStateProxy, type RunStateObject } from './run-state-proxy';
import { wandbTrackerRun } from './wandb-tracker-run';

export interface WandbRunParts {
  mode: WandbMode;
  id: string;
  entity: string;
  project: string;
  displayName: string | undefined;
  notes: string | undefined;
  tags: readonly string[];
  group: string | undefined;
  jobType: string | undefined;
  host: string;
  config: Record<string, unknown>;
  /** Unix seconds. */
  startTime: number;
  startingStep: number;
  url: string | undefined;
  journal: RunJournal | undefined;
  transport: TrackingTransport<WandbEvent> | undefined;
  initialSummary: Map<string, string>;
  /** Mirror process stdout/stderr lines into the run. */
  captureConsole?: boolean;
  logger?: Logger;
}

export interface LogOptions {
  /** Step to log at; must not go back. Default: the current step (auto-incremented per committed log). */
  step?: number;
  /** Commit the row now; default true without `step`, false with it (committed when the step moves on). */
  commit?: boolean;
}

/** How a run ended, returned by `finish()`. */
export interface WandbRunResult {
  exitCode: number;
  /** `delivered` online, `offline` for offline runs, `spilled` when an online run fell back to its offline directory. */
  outcome: 'delivered' | 'offline' | 'spilled' | 'lost' | 'disabled';
  /** The run directory (`…/wandb/offline-run-…` to `wandb sync`), undefined when disabled. */
  directory: string | undefined;
  transport: TrackingStatus | undefined;
  /** Records that could not be written to the run's `.wandb` file (disk full, read-only); 0 normally. */
  lostRecords: number;
}

/**
 * A W&B run: `log`, `config`, `summary`, `name`, `notes`, `tags`, `url`, `finish`. Every change is
 * appended to the run's `.wandb` transaction log and, online, queued for the service; nothing
 * here throws because of the network (bad values still throw, naming the key).
 */
export class WandbRun {
  readonly id: string;
  readonly project: string;
  readonly entity: string;
  readonly mode: WandbMode;
  /** Run page URL; undefined offline. */
  readonly url: string | undefined;
  /** Unix seconds when the run started. */
  readonly startTime: number;
  readonly config: RunStateObject;
  readonly summary: RunStateObject;
  private readonly parts: WandbRunParts;
  private readonly logger: Logger;
  private displayName: string | undefined;
  private currentNotes: string | undefined;
  private currentTags: readonly string[];
  private step: number;
  private pending: Map<string, string> | undefined;
  private pendingValues: Record<string, unknown> = {};
  private readonly latestSummary: Map<string, string>;
  private readonly configItems = new Map<string, string>();
  private finishPromise: Promise<WandbRunResult> | undefined;
  private unregisterExit: (() => void) | undefined;
  private stopCapture: (() => void) | undefined;
  private unregisterTracker: (() => void) | undefined;
  private readonly savedFiles = new Set<string>();

  constructor(parts: WandbRunParts) {
    this.parts = parts;
    this.logger = parts.logger ?? createLogger('tasklens:wandb');
    this.id = parts.id;
    this.project = parts.project;
    this.entity = parts.entity;
    this.mode = parts.mode;
    this.url = parts.url;
    this.startTime = parts.startTime;
    this.displayName = parts.displayName;
    this.currentNotes = parts.notes;
    this.currentTags = [...parts.tags];
    this.step = parts.startingStep;
    this.latestSummary = new Map(parts.initialSummary);
    for (const [key, value] of Object.entries(parts.config))
      this.configItems.set(key, encodeWandbJson(value, `config.${key}`));
    this.config = createRunStateProxy(parts.config, (changes) => this.changeConfig(changes));
    this.summary = createRunStateProxy(
      {},
      (changes) => this.changeSummary(changes),
      (key) => this.removeSummaryKey(key),
    );
    if (parts.journal !== undefined) {
      parts.journal.onFailure = (error) => {
        // One warning for the whole run; later records are only counted (`lostRecords`).
        this.logger.warn(
          `could not write the run's .wandb file (${redactSecrets(String(error))}); further records are counted, not written`,
        );
      };
    }
    this.writeRunRecord(true);
    if (parts.mode !== 'disabled') this.unregisterTracker = registerTrackerRun(wandbTrackerRun(this));
    if (parts.captureConsole && parts.mode !== 'disabled') {
      // Like the SDK, a `\r` progress bar keeps only its last state.
      this.stopCapture = captureConsole((line, stream) =>
        this.logConsole(line.split('\r').at(-1) ?? '', stream),
      );
    }
    this.unregisterExit = registerExitFlush(async (reason) => {
      // A run still open when the process goes away ends like the SDK's: 0 on a normal exit.
      await this.finish({ exitCode: reason === 'beforeExit' ? 0 : reason === 'SIGINT' ? 130 : 143 });
    });
  }

  /** Display name (the SDK's `run.name`); defaults to the run id. */
  get name(): string {
    return this.displayName ?? this.id;
  }

  set name(value: string) {
    this.displayName = String(value);
    this.emit({ kind: 'name', name: this.displayName }, () => this.runRecord());
  }

  get notes(): string {
    return this.currentNotes ?? '';
  }

  set notes(value: string) {
    this.currentNotes = String(value);
    this.emit({ kind: 'notes', notes: this.currentNotes }, () => this.runRecord());
  }

  get tags(): readonly string[] {
    return this.currentTags;
  }

  set tags(value: readonly string[]) {
    this.currentTags = validateTags(value);
    this.emit({ kind: 'tags', tags: [...this.currentTags] }, () => this.runRecord());
  }

  /** The run directory on disk. */
  get directory(): string | undefined {
    return this.parts.journal?.directory;
  }

  /** Events waiting to be delivered online (diagnostics; bounded by the transport's queue limit). */
  get queuedEvents(): number {
    return this.parts.transport?.queuedEvents ?? 0;
  }

  /** True once `finish()` was called. */
  get finished(): boolean {
    return this.finishPromise !== undefined;
  }

  /**
   * Logs a row of metrics (the SDK's `run.log`). Keys must be strings; values numbers (NaN and
   * ±Infinity are kept as W&B does), strings, booleans, null, arrays or plain objects.
   */
  log(data: Record<string, unknown>, options: LogOptions = {}): void {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new InvalidOptionError({
        option: 'data',
        message: 'run.log must be passed a plain object (a dictionary)',
      });
    }
    if (this.finished) {
      this.logger.warn('run.log was called after finish(); the data was ignored');
      return;
    }
    const { step, commit } = options;
    if (step !== undefined) {
      if (!Number.isInteger(step) || step < 0) {
        throw new InvalidOptionError({
          option: 'step',
          message: `step must be a non-negative integer, got ${step}`,
        });
      }
      if (step < this.step) {
        this.logger.warn(
          `Tried to log to step ${step} that is less than the current step ${this.step}. Steps must be monotonically increasing, so this data will be ignored.`,
        );
        return;
      }
      if (step > this.step) {
        this.commitRow();
        this.step = step;
      }
    }
    const commitNow = (step === undefined && commit === undefined) || commit === true;
    if (this.pending === undefined && commitNow) {
      // Common case (one call = one row): encode straight into the row, no merging needed.
      const items: [string, string][] = [];
      for (const key in data) {
        const value = data[key];
        if (value !== undefined && Object.hasOwn(data, key))
          items.push([key, encodeWandbJson(value, `data.${key}`)]);
      }
      this.writeRow(items, data);
      return;
    }
    const row = this.pending ?? new Map<string, string>();
    const encoded: [string, string][] = [];
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) continue;
      encoded.push([key, encodeWandbJson(value, `data.${key}`)]);
    }
    for (const [key, value] of encoded) row.set(key, value);
    Object.assign(this.pendingValues, data);
    this.pending = row;
    if (commitNow) this.commitRow();
  }

  /** Ends the run: commits the last row, writes summary and exit, delivers (or spills) everything. Never rejects. */
  finish(options: { exitCode?: number } = {}): Promise<WandbRunResult> {
    this.finishPromise ??= this.finishOnce(options.exitCode ?? 0);
    return this.finishPromise;
  }

  /**
   * The SDK's `run.save(path)`: copies the file into the run's `files/` directory and uploads it
   * with the run files when the run finishes (online). Returns the name it is saved under.
   */
  save(path: string): string {
    const name = basename(path);
    const directory = this.parts.journal?.directory;
    if (directory === undefined || this.finished) return name;
    try {
      copyFileSync(path, join(directory, 'files', name));
      this.savedFiles.add(name);
    } catch (error) {
      throw new InvalidOptionError({
        option: 'path',
        message: `path: cannot save ${JSON.stringify(path)}: ${String(error)}`,
      });
    }
    return name;
  }

  /** Writes the default run files (and queues them with `save()`d ones for upload online). */
  private uploadRunFiles(): void {
    const directory = this.parts.journal?.directory;
    if (directory === undefined) return;
    try {
      const names = writeRunFiles(join(directory, 'files'), {
        startTime: this.startTime,
        config: [...this.configItems],
        summaryJson: jsonLine([...this.latestSummary]),
      });
      for (const name of [...names, ...this.savedFiles]) {
        this.parts.transport?.enqueue({ kind: 'file', name, path: join(directory, 'files', name) });
      }
    } catch (error) {
      this.logger.warn(`could not write the run files: ${redactSecrets(String(error))}`);
    }
  }

  /** The last value of each metric and summary key (W&B bookkeeping keys such as `_step` left out). */
  lastMetrics(): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const [key, encoded] of this.latestSummary) {
      if (!key.startsWith('_')) values[key] = parseWandbJson(encoded);
    }
    return values;
  }

  /** Records a console line (output.log online, an output record offline). */
  logConsole(text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    if (this.finished) return;
    const time = Date.now() / 1000;
    const line = redactSecrets(String(text));
    this.emit({ kind: 'console', stream, time, line }, () => encodeOutputRawRecord(stream, time, line));
  }

  private async finishOnce(exitCode: number): Promise<WandbRunResult> {
    try {
      this.stopCapture?.();
      this.commitRow();
      const now = Date.now() / 1000;
      const runtime = now - this.startTime;
      // As the SDK: the summary carries `_wandb.runtime` (whole seconds) when the run ends.
      const wandbItems: EncodedItem[] = [['_wandb', `{"runtime":${Math.floor(runtime)}}`]];
      this.latestSummary.set('_wandb', wandbItems[0]![1]);
      this.parts.transport?.enqueue({
        kind: 'summary',
        values: { _wandb: { runtime: Math.floor(runtime) } },
        encoded: wandbItems,
      });
      // The SDK's summary keeps `_runtime` in whole seconds (history rows keep the float); set
      // here, not per row, to keep logging cheap.
      const lastRuntime = this.latestSummary.get('_runtime');
      if (lastRuntime !== undefined)
        this.latestSummary.set('_runtime', String(Math.floor(Number(lastRuntime))));
      // One complete summary record, so `wandb sync` (which does not derive it from history) gets it all.
      this.appendRecord(() => encodeSummaryRecord([...this.latestSummary]));
      this.uploadRunFiles();
      this.emit({ kind: 'exit', exitCode, time: now }, () => encodeExitRecord(exitCode, runtime));
      this.appendRecord(() => encodeFinalRecord());
      const transport = await this.parts.transport?.finish();
      this.parts.journal?.close();
      let outcome: WandbRunResult['outcome'] =
        this.mode === 'disabled' ? 'disabled' : this.mode === 'offline' ? 'offline' : 'delivered';
      if (transport !== undefined && transport.outcome !== 'delivered') {
        outcome = transport.outcome;
        this.parts.journal?.markOffline();
        this.logger.warn(
          `the run could not be fully delivered online; it was saved offline. Upload it later with: wandb sync ${this.parts.journal?.directory}`,
        );
      } else if (this.mode === 'offline' && this.parts.journal !== undefined) {
        this.logger.info(`offline run saved; upload it with: wandb sync ${this.parts.journal.directory}`);
      }
      const lostRecords = this.parts.journal?.lostRecords ?? 0;
      // Online, the journal is only a copy of what was delivered; it matters when it is all there is.
      if (lostRecords > 0 && outcome !== 'delivered') outcome = 'lost';
      return { exitCode, outcome, directory: this.parts.journal?.directory, transport, lostRecords };
    } catch (error) {
      this.logger.warn(`finishing the run failed: ${String(error)}`);
      return {
        exitCode,
        outcome: 'lost',
        directory: this.parts.journal?.directory,
        transport: undefined,
        lostRecords: this.parts.journal?.lostRecords ?? 0,
      };
    } finally {
      this.unregisterTracker?.();
      this.unregisterExit?.();
      if (globalRun() === this) setGlobalRun(undefined);
    }
  }

  private commitRow(): void {
    const row = this.pending;
    if (row === undefined) return;
    this.pending = undefined;
    const values = this.pendingValues;
    this.pendingValues = {};
    const items: [string, string][] = [];
    for (const [key, value] of row)
      if (key !== '_step' && key !== '_runtime' && key !== '_timestamp') items.push([key, value]);
    this.writeRow(items, values);
  }

  /** Appends `_step`, `_runtime`, `_timestamp` and records the row (journal, summary, transport). */
  private writeRow(items: [string, string][], values: Readonly<Record<string, unknown>>): void {
    const time = Date.now() / 1000;
    const step = this.step;
    items.push(
      ['_step', String(step)],
      ['_runtime', String(time - this.startTime)],
      ['_timestamp', String(time)],
    );
    for (const [key, value] of items) this.latestSummary.set(key, value);
    this.appendRecord(() => encodeHistoryRecord(items, step));
    this.parts.transport?.enqueue({ kind: 'metrics', step, time, values, encoded: items });
    this.step = step + 1;
  }

  private changeConfig(changes: Record<string, unknown>): void {
    const encoded = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, encodeWandbJson(value, `config.${key}`)] as const);
    for (const [key, value] of encoded) this.configItems.set(key, value);
    const values = { ...this.config.toJSON(), ...changes };
    this.emit({ kind: 'config', values, encoded: [...this.configItems] }, () => encodeConfigRecord(encoded));
  }

  private changeSummary(changes: Record<string, unknown>): void {
    const encoded = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, encodeWandbJson(value, `summary.${key}`)] as const);
    for (const [key, value] of encoded) this.latestSummary.set(key, value);
    this.emit({ kind: 'summary', values: changes, encoded }, () => encodeSummaryRecord(encoded));
  }

  private removeSummaryKey(key: string): void {
    this.latestSummary.delete(key);
    this.emit({ kind: 'summary', values: {}, encoded: [], removed: [key] }, () =>
      encodeSummaryRemoveRecord([key]),
    );
  }

  private runRecord(first = false): Uint8Array {
    return encodeRunRecord({
      runId: this.id,
      entity: this.entity,
      project: this.project,
      displayName: this.displayName,
      notes: this.currentNotes,
      tags: this.currentTags,
      host: this.parts.host,
      jobType: this.parts.jobType,
      group: this.parts.group,
      startTime: this.startTime,
      config: first ? [...this.configItems] : undefined,
      startingStep: this.parts.startingStep,
      resumed: this.parts.startingStep > 0,
    });
  }

  private writeRunRecord(first: boolean): void {
    this.appendRecord(() => this.runRecord(first));
  }

  private emit(event: WandbEvent, record: () => Uint8Array): void {
    this.appendRecord(record);
    this.parts.transport?.enqueue(event);
  }

  private appendRecord(record: () => Uint8Array): void {
    const journal = this.parts.journal;
    if (journal === undefined) return;
    if (journal.failure !== undefined) {
      journal.append(emptyRecord);
      return;
    }
    journal.append(record());
  }
}

/** Stands in for a record that would not be written anyway (only counted), to skip encoding it. */
const emptyRecord = new Uint8Array(0);

/** The SDK's tag rule: 1–64 characters each. */
export function validateTags(tags: readonly string[], option = 'tags'): string[] {
  if (!Array.isArray(tags))
    throw new InvalidOptionError({ option, message: `${option} must be an array of strings` });
  return tags.map((tag, index) => {
    if (typeof tag !== 'string' || tag.length === 0 || characterCount(tag) > 64) {
      throw new InvalidOptionError({
        option: `${option}[${index}]`,
        message: `${option}[${index}]: Tags must be between 1 and 64 characters`,
      });
    }
    return tag;
  });
}
