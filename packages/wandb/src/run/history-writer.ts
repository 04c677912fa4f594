import { InvalidOptionError } from '@tasklens/core';
import type { Logger } from '@tasklens/core/plugin';
import { encodeWandbJson } from '../json/encode-wandb-json';
import { encodeHistoryRecord } from '../offline/wandb-records';
import type { RunRecorder } from './run-recorder';

export interface LogOptions {
  /** Step to log at; must not go back. Default: the current step (auto-incremented per committed log). */
  step?: number;
  /** Commit the row now; default true without `step`, false with it (committed when the step moves on). */
  commit?: boolean;
}

/** What the history rows need from the run. */
export interface HistoryWriterOptions {
  readonly recorder: RunRecorder;
  /** The run's summary, updated with every committed row's values. */
  readonly latestSummary: Map<string, string>;
  /** Unix seconds. */
  readonly startTime: number;
  readonly startingStep: number;
  readonly logger: Logger;
}

/**
 * The SDK's `run.log` rows: steps, `commit=false` merging, and `_step`/`_runtime`/`_timestamp`
 * added to each committed row before it is recorded.
 */
export class HistoryWriter {
  private readonly options: HistoryWriterOptions;
  private step: number;
  private pending: Map<string, string> | undefined;
  private pendingValues: Record<string, unknown> = {};

  constructor(options: HistoryWriterOptions) {
    this.options = options;
    this.step = options.startingStep;
  }

  /** Adds `data` to the current row (see `LogOptions`); throws naming the key of a value that cannot be logged. */
  log(data: Record<string, unknown>, options: LogOptions): void {
    const { step, commit } = options;
    if (step !== undefined) {
      if (!Number.isInteger(step) || step < 0) {
        throw new InvalidOptionError({
          option: 'step',
          message: `step must be a non-negative integer, got ${step}`,
        });
      }
      if (step < this.step) {
        this.options.logger.warn(
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

  /** Records the open row, if any (when the step moves on, and at finish). */
  commitRow(): void {
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
      ['_runtime', String(time - this.options.startTime)],
      ['_timestamp', String(time)],
    );
    for (const [key, value] of items) this.options.latestSummary.set(key, value);
    this.options.recorder.append(() => encodeHistoryRecord(items, step));
    this.options.recorder.enqueue({ kind: 'metrics', step, time, values, encoded: items });
    this.step = step + 1;
  }
}
