import { randomUUID } from 'node:crypto';
import { checkDatasetSchema } from '../preprocess/dataset-schema';
import { dataTypeOfKind } from '../preprocess/preprocessed-column';
import { type ProfileInput, splitColumns } from '../preprocess/split-columns';
import { WHYLOGS_KLL_K } from '../sketches';
import { profileError } from '../wire/profile-error';
import { ColumnProfile } from './column-profile';
import { ColumnProfileView } from './column-profile-view';
import { DatasetProfileView } from './dataset-profile-view';
import type { ProfileOptions, ResolvedProfileOptions } from './profile-options';

function resolveOptions(options: ProfileOptions): ResolvedProfileOptions {
  const integer = (
    name: keyof ProfileOptions,
    value: number | undefined,
    fallback: number,
    min: number,
    max: number,
  ) => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw profileError(`options.${name}`, `must be an integer from ${min} to ${max}, got ${String(value)}`);
    }
    return value;
  };
  if (options.randomBit !== undefined && typeof options.randomBit !== 'function') {
    throw profileError('options.randomBit', 'must be a function returning 0 or 1');
  }
  return {
    kllK: integer('kllK', options.kllK, WHYLOGS_KLL_K, 8, 65535),
    hllLgK: integer('hllLgK', options.hllLgK, 12, 4, 21),
    frequentItemsLgMaxK: integer('frequentItemsLgMaxK', options.frequentItemsLgMaxK, 10, 3, 30),
    maxFrequentItemSize: integer('maxFrequentItemSize', options.maxFrequentItemSize, 128, 1, 2 ** 31),
    frequentItemsDisabled: options.frequentItemsDisabled ?? false,
    randomBit: options.randomBit,
    schema: checkDatasetSchema(options.schema, 'options.schema'),
  };
}

function toMilliseconds(value: number | Date | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  const milliseconds = value instanceof Date ? value.getTime() : value;
  if (!Number.isSafeInteger(milliseconds) || milliseconds < 0) {
    throw profileError(
      field,
      `must be a non-negative epoch-millisecond integer or a valid Date, got ${String(value)}`,
    );
  }
  return milliseconds;
}

/**
 * A profile being built (`whylogs.DatasetProfile`). `track()` takes one chunk at a time (Arrow table or
 * record batch, or an array of records) and keeps only sketches, so memory does not grow with row count.
 * A column's metric set is fixed by the dtype of the first chunk it appears in, as in whylogs' schema.
 */
export class DatasetProfile {
  readonly creationTimestamp: number;
  readonly datasetTimestamp: number;
  private readonly options: ResolvedProfileOptions;
  private readonly metadata: Map<string, string>;
  private readonly columns = new Map<string, ColumnProfile>();

  constructor(options: ProfileOptions = {}) {
    this.options = resolveOptions(options);
    this.creationTimestamp = toMilliseconds(
      options.creationTimestamp,
      Date.now(),
      'options.creationTimestamp',
    );
    this.datasetTimestamp = toMilliseconds(
      options.datasetTimestamp,
      this.creationTimestamp,
      'options.datasetTimestamp',
    );
    this.metadata = new Map(Object.entries(options.metadata ?? {}));
  }

  /** Profiles one chunk. An empty chunk adds its columns (with empty metrics) but no values, as whylogs does. */
  track(data: ProfileInput): this {
    const inputColumns = splitColumns(data, 'data', this.options.schema);
    for (const input of inputColumns) {
      if (this.columns.has(input.name) && input.rows === 0) continue;
      // Preprocessing an empty Arrow column is cheap and still tells its dtype, which fixes its metrics.
      const batch = input.preprocess();
      let profile = this.columns.get(input.name);
      if (!profile) {
        profile = new ColumnProfile(dataTypeOfKind(batch.kind), this.options);
        this.columns.set(input.name, profile);
      }
      if (input.rows > 0) profile.track(batch.column);
    }
    return this;
  }

  /** Adds metadata (`whylogs.tag.*` keys are written as tags). */
  setMetadata(key: string, value: string): this {
    this.metadata.set(key, value);
    return this;
  }

  /** An independent snapshot of the metrics; tracking more data later does not change it. */
  view(): DatasetProfileView {
    const columns = new Map<string, ColumnProfileView>();
    for (const [name, profile] of this.columns)
      columns.set(name, new ColumnProfileView(profile.toComponents()));
    return new DatasetProfileView({
      columns,
      datasetTimestamp: this.datasetTimestamp,
      creationTimestamp: this.creationTimestamp,
      metadata: new Map(this.metadata),
    });
  }
}

/** Options for `log()`: the profile options plus nothing else yet. */
export type LogOptions = ProfileOptions;

/**
 * `why.log(data)`: profiles a whole Arrow table / record batch or array of records in one go and returns the
 * profile (call `.view()` for the result). Like `why.log`, it adds `whylabs.traceId` and
 * `whylogs.creationTimestamp` metadata.
 */
export function log(data: ProfileInput, options: LogOptions = {}): DatasetProfile {
  const profile = new DatasetProfile(options);
  profile.setMetadata('whylabs.traceId', randomUUID());
  profile.setMetadata('whylogs.creationTimestamp', String(profile.creationTimestamp));
  return profile.track(data);
}
