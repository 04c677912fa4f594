import { basename } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import {
  captureConsole,
  createLogger,
  type Logger,
  redactSecrets,
  registerExitFlush,
  registerTrackerRun,
} from '@tasklens/core/plugin';
import { encodeWandbJson } from '../json/encode-wandb-json';
import { parseWandbJson } from '../json/parse-wandb-json';
import {
  encodeConfigRecord,
  encodeExitRecord,
  encodeFinalRecord,
  encodeOutputRawRecord,
  encodeRunRecord,
  encodeSummaryRecord,
  encodeSummaryRemoveRecord,
  type FilePolicy,
} from '../offline/wandb-records';
import { jsonLine } from '../online/file-stream-sink';
import type { WandbMode } from '../settings/resolve-settings';
import { validateTags } from '../settings/validate-settings';
import { deliverRun, recordFinalSummary } from './finish-run';
import { globalRun, setGlobalRun } from './global-run';
import { HistoryWriter, type LogOptions } from './history-writer';
import { RunFiles } from './run-files';
import { RunRecorder } from './run-recorder';
import { createRunStateProxy, type RunStateObject } from './run-state-proxy';
import type { WandbRunParts } from './wandb-run-parts';
import type { WandbRunResult } from './wandb-run-result';
import { wandbTrackerRun } from './wandb-tracker-run';

/**
 * A W&B run: `log`, `config`, `summary`, `name`, `notes`, `tags`, `url`, `save`, `finish`. Every
 * change is appended to the run's `.wandb` transaction log and, online, queued for the service;
 * nothing here throws because of the network (bad values still throw, naming the key).
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
  private readonly recorder: RunRecorder;
  private readonly history: HistoryWriter;
  private readonly runFiles: RunFiles;
  private displayName: string | undefined;
  private currentNotes: string | undefined;
  private currentTags: readonly string[];
  private readonly latestSummary: Map<string, string>;
  private readonly configItems = new Map<string, string>();
  private finishPromise: Promise<WandbRunResult> | undefined;
  private unregisterExit: (() => void) | undefined;
  private stopCapture: (() => void) | undefined;
  private unregisterTracker: (() => void) | undefined;

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
    this.latestSummary = new Map(parts.initialSummary);
    for (const [key, value] of Object.entries(parts.config))
      this.configItems.set(key, encodeWandbJson(value, `config.${key}`));
    this.config = createRunStateProxy(parts.config, (changes) => this.changeConfig(changes));
    this.summary = createRunStateProxy(
      {},
      (changes) => this.changeSummary(changes),
      (key) => this.removeSummaryKey(key),
    );
    this.recorder = new RunRecorder(parts.journal, parts.transport, this.logger);
    this.history = new HistoryWriter({
      recorder: this.recorder,
      latestSummary: this.latestSummary,
      startTime: parts.startTime,
      startingStep: parts.startingStep,
      logger: this.logger,
    });
    this.recorder.append(() => this.runRecord(true));
    const transport = parts.transport;
    this.runFiles = new RunFiles({
      directory: () => (parts.mode === 'disabled' ? undefined : parts.journal?.directory),
      startTime: parts.startTime,
      host: parts.host,
      appendRecord: (record) => this.recorder.append(record),
      upload:
        transport === undefined ? undefined : (name, path) => transport.enqueue({ kind: 'file', name, path }),
      logger: this.logger,
    });
    this.runFiles.start();
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
    this.recorder.emit({ kind: 'name', name: this.displayName }, () => this.runRecord());
  }

  get notes(): string {
    return this.currentNotes ?? '';
  }

  set notes(value: string) {
    this.currentNotes = String(value);
    this.recorder.emit({ kind: 'notes', notes: this.currentNotes }, () => this.runRecord());
  }

  get tags(): readonly string[] {
    return this.currentTags;
  }

  set tags(value: readonly string[]) {
    this.currentTags = validateTags(value);
    this.recorder.emit({ kind: 'tags', tags: [...this.currentTags] }, () => this.runRecord());
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
    this.history.log(data, options);
  }

  /** Ends the run: commits the last row, writes summary and exit, delivers (or spills) everything. Never rejects. */
  finish(options: { exitCode?: number } = {}): Promise<WandbRunResult> {
    this.finishPromise ??= this.finishOnce(options.exitCode ?? 0);
    return this.finishPromise;
  }

  /**
   * The SDK's `run.save(path, policy)`: copies the file into the run's `files/` directory and
   * uploads it (`now`: at once; `live`, the default, and `end`: its content at finish). Offline,
   * `wandb sync` uploads it. Returns the name it is saved under.
   */
  save(path: string, policy: FilePolicy = 'live'): string {
    if (this.finished) return basename(path);
    return this.runFiles.save(path, policy);
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
    this.recorder.emit({ kind: 'console', stream, time, line }, () =>
      encodeOutputRawRecord(stream, time, line),
    );
  }

  private async finishOnce(exitCode: number): Promise<WandbRunResult> {
    try {
      this.stopCapture?.();
      this.history.commitRow();
      const now = Date.now() / 1000;
      const runtime = now - this.startTime;
      recordFinalSummary(this.recorder, this.latestSummary, runtime);
      this.runFiles.finish({ config: [...this.configItems], summaryJson: jsonLine([...this.latestSummary]) });
      this.recorder.emit({ kind: 'exit', exitCode, time: now }, () => encodeExitRecord(exitCode, runtime));
      this.recorder.append(() => encodeFinalRecord());
      return await deliverRun({
        exitCode,
        mode: this.mode,
        journal: this.parts.journal,
        transport: this.parts.transport,
        logger: this.logger,
      });
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

  private changeConfig(changes: Record<string, unknown>): void {
    const encoded = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, encodeWandbJson(value, `config.${key}`)] as const);
    for (const [key, value] of encoded) this.configItems.set(key, value);
    const values = { ...this.config.toJSON(), ...changes };
    this.recorder.emit({ kind: 'config', values, encoded: [...this.configItems] }, () =>
      encodeConfigRecord(encoded),
    );
  }

  private changeSummary(changes: Record<string, unknown>): void {
    const encoded = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, encodeWandbJson(value, `summary.${key}`)] as const);
    for (const [key, value] of encoded) this.latestSummary.set(key, value);
    this.recorder.emit({ kind: 'summary', values: changes, encoded }, () => encodeSummaryRecord(encoded));
  }

  private removeSummaryKey(key: string): void {
    this.latestSummary.delete(key);
    this.recorder.emit({ kind: 'summary', values: {}, encoded: [], removed: [key] }, () =>
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
}
