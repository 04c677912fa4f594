import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { redactSecrets } from '@tasklens/core/plugin';
import type { Artifact, LoggedArtifact } from './artifact';
import type { CometEvent } from './comet-event';
import type { ExperimentSink, SinkResult } from './experiment-sink';
import { checkNumber, flatten, parameterValue } from './log-values';

type ParameterValue = number | string | boolean | null;

/** Where a metric or parameter belongs; each defaults to the experiment's current value. */
export interface LogOptions {
  /** Step; default the current step (`setStep`, or the last step given), else none. */
  step?: number | undefined;
  /** Epoch; default the current epoch, else none. */
  epoch?: number | undefined;
  /** Context such as `train`/`test`; default none. */
  context?: string | undefined;
}

/** Options of `logAsset`. */
export interface AssetOptions extends LogOptions {
  /** Name in the experiment; default the path's base name (required for bytes). */
  fileName?: string | undefined;
  /** Replace an asset with the same name; default false. */
  overwrite?: boolean | undefined;
  /** Free-form JSON metadata stored with the asset; default none. */
  metadata?: Readonly<Record<string, unknown>> | undefined;
}

/** How an experiment ended, returned by `end()`. Never thrown. */
export interface ExperimentResult extends SinkResult {
  readonly experimentKey: string;
  /** The experiment's page; undefined for an experiment that was offline from the start (it gets one at `comet upload`). */
  readonly url: string | undefined;
}

/**
 * A Comet experiment, shaped like the Python SDK's: `logMetric(s)`, `logParameter(s)`,
 * `logOther(s)`, `addTag(s)`, `setName`, `logHtml`, `logAsset`, `end`. Logging never throws for a
 * tracker problem and never waits for the network: events are queued in order and delivered in
 * batches (or written to the offline archive).
 */
export class CometExperiment {
  /** The experiment key (32–50 ASCII letters and digits). */
  readonly key: string;
  readonly workspace: string | undefined;
  readonly projectName: string | undefined;
  private readonly sink: ExperimentSink;
  private currentStep: number | undefined;
  private readonly latest = new Map<string, number | string>();
  private currentEpoch: number | undefined;
  private ended: Promise<ExperimentResult> | undefined;
  private readonly onEnd: (experiment: CometExperiment) => void;

  /** @internal Use `start()`. */
  constructor(init: {
    key: string;
    workspace: string | undefined;
    projectName: string | undefined;
    sink: ExperimentSink;
    onEnd: (experiment: CometExperiment) => void;
  }) {
    this.key = init.key;
    this.workspace = init.workspace;
    this.projectName = init.projectName;
    this.sink = init.sink;
    this.onEnd = init.onEnd;
  }

  /**
   * The experiment's page on Comet, or undefined while it exists only as an offline archive (like
   * the SDK's offline experiment, which "will get URL after upload"): see `archivePath` and
   * `uploadCommand` instead. An online experiment that spilled part of its events keeps its URL.
   */
  get url(): string | undefined {
    return this.sink.url;
  }

  /**
   * Resolves once Comet created the experiment, or once it went offline (unreachable: its events
   * are archived); rejects with an `InvalidOptionError` naming `apiKey` when Comet refused the key
   * (the events are archived too, so a corrected key can upload them). Offline: already resolved.
   */
  get ready(): Promise<void> {
    return this.sink.ready;
  }

  /** `comet upload <archive>` once events went to an offline archive, else undefined. */
  get uploadCommand(): string | undefined {
    const path = this.sink.archivePath;
    return path === undefined ? undefined : `comet upload ${path}`;
  }

  /** True when writing an offline archive (from the start, or after the service stayed unreachable). */
  get offline(): boolean {
    return this.sink.offline;
  }

  /** The offline archive's path, once there is one. */
  get archivePath(): string | undefined {
    return this.sink.archivePath;
  }

  /** Events logged and still held in memory (not yet delivered or written); bounded by the transport. */
  get queuedEvents(): number {
    return this.sink.queuedEvents;
  }

  /** True after `end()`. */
  get isEnded(): boolean {
    return this.ended !== undefined;
  }

  /** The last value logged for each metric. */
  lastMetrics(): Readonly<Record<string, number | string>> {
    return Object.fromEntries(this.latest);
  }

  /** Sets the step used when a log call names none (`set_step`). */
  setStep(step: number): void {
    this.currentStep = checkNumber('step', step);
  }

  /** Sets the epoch used when a log call names none (`set_epoch`). */
  setEpoch(epoch: number): void {
    this.currentEpoch = checkNumber('epoch', epoch);
  }

  /** Logs one metric value (`log_metric`). */
  logMetric(name: string, value: number | string, options: LogOptions = {}): void {
    this.logMetrics({ [name]: value }, options);
  }

  /** Logs several metrics at one step (`log_metrics`); nested objects become `a.b` names. */
  logMetrics(values: Readonly<Record<string, unknown>>, options: LogOptions = {}): void {
    const { step, epoch } = this.position(options);
    const timestamp = Date.now();
    for (const [name, value] of flatten(values)) {
      if (typeof value !== 'number' && typeof value !== 'string') continue;
      // Comet's schema takes numbers or strings; NaN and ±Infinity go as strings like the SDK sends them.
      const metricValue = typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
      this.emit({
        kind: 'metric',
        name,
        value: metricValue,
        step,
        epoch,
        context: options.context ?? null,
        timestamp,
      });
    }
  }

  /** Logs one hyper-parameter (`log_parameter`); arrays are kept as lists. */
  logParameter(name: string, value: unknown, options: LogOptions = {}): void {
    this.logParameters({ [name]: value }, options);
  }

  /** Logs several hyper-parameters (`log_parameters`); nested objects become `a.b` names. */
  logParameters(values: Readonly<Record<string, unknown>>, options: LogOptions = {}): void {
    const { step } = this.position(options);
    const timestamp = Date.now();
    for (const [name, value] of flatten(values)) {
      this.emit({
        kind: 'parameter',
        name,
        value: parameterValue(value),
        step,
        context: options.context ?? null,
        timestamp,
      });
    }
  }

  /** Logs a key/value "other" (`log_other`). */
  logOther(key: string, value: unknown): void {
    this.emit({
      kind: 'other',
      key,
      value: parameterValue(value, true) as ParameterValue,
      timestamp: Date.now(),
    });
  }

  /** Logs several others (`log_others`). */
  logOthers(values: Readonly<Record<string, unknown>>): void {
    for (const [key, value] of Object.entries(values)) this.logOther(key, value);
  }

  /** Adds one tag (`add_tag`). */
  addTag(tag: string): void {
    this.addTags([tag]);
  }

  /** Adds tags (`add_tags`). */
  addTags(tags: readonly string[]): void {
    const clean = tags.map(String).filter((tag) => tag !== '');
    if (clean.length > 0) this.emit({ kind: 'tags', tags: clean, timestamp: Date.now() });
  }

  /** Sets the experiment's display name (`set_name`: the `Name` other). */
  setName(name: string): void {
    this.logOther('Name', name);
  }

  /** Appends HTML to the experiment's HTML tab, or replaces it with `clear` (`log_html`). */
  logHtml(html: string, options: { clear?: boolean } = {}): void {
    this.emit({ kind: 'html', html: String(html), override: options.clear ?? false, timestamp: Date.now() });
  }

  /** Adds a line of console output (what `autoOutputLogging` captures); known secrets are masked. */
  logOutput(output: string, stderr = false): void {
    this.emit({ kind: 'output', output: redactSecrets(output), stderr, timestamp: Date.now() });
  }

  /** Uploads a file (`log_asset`) given by path, or bytes/text with `fileName`. */
  logAsset(source: string | Uint8Array, options: AssetOptions = {}): void {
    let bytes: Uint8Array;
    let fileName = options.fileName;
    if (typeof source === 'string') {
      bytes = readFileSync(source);
      fileName ??= basename(source);
    } else {
      bytes = Uint8Array.from(source);
    }
    if (fileName === undefined || fileName === '') {
      throw new InvalidOptionError({
        option: 'logAsset.fileName',
        message: 'logAsset.fileName: required when logging bytes',
      });
    }
    const { step, epoch } = this.position(options);
    this.emit({
      kind: 'asset',
      fileName,
      bytes,
      assetType: 'asset',
      step,
      epoch,
      context: options.context ?? null,
      overwrite: options.overwrite ?? false,
      metadata: options.metadata ?? null,
      timestamp: Date.now(),
    });
  }

  /**
   * Logs a new version of a versioned artifact (`log_artifact`): in log order, Comet creates the
   * version (`write/artifacts/upsert`), its files are uploaded, and the version is closed.
   * Resolves with the version Comet assigned once it exists. Never rejects for a tracker problem:
   * when the experiment is (or goes) offline, the files are archived as experiment assets under
   * `<artifact name>/<logical path>` and the result says `archived` — the SDK's offline
   * experiment cannot log artifacts at all (it raises), and Comet's archive format has no
   * artifact message for `comet upload` to deliver.
   */
  logArtifact(artifact: Artifact): Promise<LoggedArtifact> {
    return new Promise((resolve) => {
      const base = { name: artifact.name, type: artifact.type, workspace: this.workspace };
      const settle = (result: {
        artifactId?: string;
        artifactVersionId?: string;
        version?: string;
        archived: boolean;
      }) =>
        resolve({
          ...base,
          version: result.version,
          artifactId: result.artifactId,
          artifactVersionId: result.artifactVersionId,
          archived: result.archived,
        });
      if (this.ended !== undefined) {
        this.sink.warn('an artifact was logged after the experiment ended and was ignored');
        settle({ archived: false });
        return;
      }
      this.sink.enqueue({
        kind: 'artifact',
        name: artifact.name,
        type: artifact.type,
        metadata: artifact.metadata,
        aliases: artifact.aliases,
        versionTags: artifact.versionTags,
        version: artifact.version,
        files: [...artifact.files],
        settle,
        timestamp: Date.now(),
      });
    });
  }

  /** Delivers (or writes) everything logged so far. Never rejects. */
  flush(): Promise<void> {
    return this.sink.flush();
  }

  /**
   * Ends the experiment: delivers what is queued, records the end time and the outcome (failed,
   * with the error's message, when `error` is given), and stops heartbeats. Idempotent; never throws.
   */
  end(options: { error?: unknown } = {}): Promise<ExperimentResult> {
    this.ended ??= (async () => {
      this.onEnd(this);
      const result = await this.sink.end(options.error);
      return { ...result, experimentKey: this.key, url: this.url };
    })();
    return this.ended;
  }

  private emit(event: CometEvent): void {
    if (this.ended !== undefined) {
      this.sink.warn(`a ${event.kind} was logged after the experiment ended and was ignored`);
      return;
    }
    this.sink.enqueue(event);
  }

  private position(options: LogOptions): { step: number | null; epoch: number | null } {
    if (options.step !== undefined) this.currentStep = checkNumber('step', options.step);
    if (options.epoch !== undefined) this.currentEpoch = checkNumber('epoch', options.epoch);
    return { step: this.currentStep ?? null, epoch: this.currentEpoch ?? null };
  }
}
