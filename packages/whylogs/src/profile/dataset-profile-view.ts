import { readFile, writeFile } from 'node:fs/promises';
import { decodeProfileFile } from '../format/decode-profile-file';
import { encodeProfileFile } from '../format/encode-profile-file';
import { checkComponentKind, componentFromMessage, componentToMessage } from '../metrics/component-codec';
import type { MetricComponent } from '../metrics/metric-component';
import type { ColumnSummary } from '../summary/column-summary';
import { type PandasLikeRow, toPandasLikeRows } from '../summary/to-pandas-like-rows';
import { compareCodePoints } from '../wire/dataset-profile-header';
import type { MetricComponentMessage } from '../wire/metric-component-message';
import { profileError } from '../wire/profile-error';
import { ColumnProfileView } from './column-profile-view';

/** Metadata keys with this prefix are stored in `properties.tags`, the rest in `properties.metadata`. */
const TAG_PREFIX = 'whylogs.tag.';

export interface DatasetProfileViewInit {
  columns: Map<string, ColumnProfileView>;
  /** Epoch milliseconds (UTC). */
  datasetTimestamp: number;
  /** Epoch milliseconds (UTC). */
  creationTimestamp: number;
  metadata?: Map<string, string>;
}

/**
 * A finished whylogs v1 profile: per-column metrics plus timestamps and metadata. Writes and reads the
 * `.bin` format Python's `why.read()` / `view.write()` use, merges like `DatasetProfileView.merge`, and
 * summarizes like `to_pandas()`.
 */
export class DatasetProfileView {
  readonly datasetTimestamp: number;
  readonly creationTimestamp: number;
  /** `tags` and `metadata` of the file merged, as Python exposes them. */
  readonly metadata: ReadonlyMap<string, string>;
  private readonly columnViews: Map<string, ColumnProfileView>;

  constructor(init: DatasetProfileViewInit) {
    this.columnViews = init.columns;
    this.datasetTimestamp = init.datasetTimestamp;
    this.creationTimestamp = init.creationTimestamp;
    this.metadata = init.metadata ?? new Map();
  }

  /** Column names in code-point order. */
  get columnNames(): string[] {
    return [...this.columnViews.keys()].sort(compareCodePoints);
  }

  getColumn(name: string): ColumnProfileView | undefined {
    return this.columnViews.get(name);
  }

  /** Columns in code-point order of their names. */
  getColumns(): Map<string, ColumnProfileView> {
    return new Map(this.columnNames.map((name) => [name, this.columnViews.get(name)!]));
  }

  /** Merges two profiles: columns united, timestamps the earlier of the two, metadata `other` over `this`. */
  merge(other: DatasetProfileView): DatasetProfileView {
    const columns = new Map<string, ColumnProfileView>();
    for (const [name, view] of this.columnViews) {
      const counterpart = other.columnViews.get(name);
      columns.set(name, counterpart ? view.merge(counterpart) : view.merge(new ColumnProfileView(new Map())));
    }
    for (const [name, view] of other.columnViews) {
      if (!columns.has(name)) columns.set(name, new ColumnProfileView(new Map()).merge(view));
    }
    return new DatasetProfileView({
      columns,
      datasetTimestamp: Math.min(this.datasetTimestamp, other.datasetTimestamp),
      creationTimestamp: Math.min(this.creationTimestamp, other.creationTimestamp),
      metadata: new Map([...this.metadata, ...other.metadata]),
    });
  }

  /** The `.bin` bytes (`WHY1`, segment header, profile header, column chunks). */
  serialize(): Uint8Array {
    const tags = new Map<string, string>();
    const metadata = new Map<string, string>();
    for (const [key, value] of this.metadata) (key.startsWith(TAG_PREFIX) ? tags : metadata).set(key, value);
    const columns = new Map<string, Map<string, MetricComponentMessage>>();
    for (const [name, view] of this.columnViews) {
      const messages = new Map<string, MetricComponentMessage>();
      for (const [path, component] of view.getComponents()) messages.set(path, componentToMessage(component));
      columns.set(name, messages);
    }
    return encodeProfileFile({
      properties: {
        schemaMajorVersion: 0,
        schemaMinorVersion: 0,
        creationTimestamp: this.creationTimestamp,
        datasetTimestamp: this.datasetTimestamp,
        tags,
        metadata,
      },
      columns,
    });
  }

  /**
   * Reads `.bin` bytes written by Python whylogs (any 1.x) or by us. Corrupt input throws an
   * `InvalidOptionError` whose `option` names the broken field.
   */
  static deserialize(bytes: Uint8Array): DatasetProfileView {
    const file = decodeProfileFile(bytes);
    const columns = new Map<string, ColumnProfileView>();
    for (const [name, messages] of file.columns) {
      const components = new Map<string, MetricComponent>();
      for (const [path, message] of messages) {
        const field = `profile.columns[${JSON.stringify(name)}].${path}`;
        if (!path.includes('/')) throw profileError(field, `metric path "${path}" has no namespace`);
        const component = componentFromMessage(message, field);
        checkComponentKind(path, component, field);
        components.set(path, component);
      }
      columns.set(name, new ColumnProfileView(components));
    }
    return new DatasetProfileView({
      columns,
      datasetTimestamp: file.properties.datasetTimestamp,
      creationTimestamp: file.properties.creationTimestamp,
      metadata: new Map([...file.properties.tags, ...file.properties.metadata]),
    });
  }

  /** Writes the `.bin` file. */
  async write(path: string): Promise<void> {
    await writeFile(path, this.serialize());
  }

  /** Reads a `.bin` file (`why.read(path).view()`). */
  static async read(path: string): Promise<DatasetProfileView> {
    return DatasetProfileView.deserialize(new Uint8Array(await readFile(path)));
  }

  /** Column name → `to_summary_dict()`, columns in code-point order. */
  toSummary(): Record<string, ColumnSummary> {
    const summary: Record<string, ColumnSummary> = {};
    for (const [name, view] of this.getColumns()) summary[name] = view.toSummaryDict();
    return summary;
  }

  /**
   * The rows of `view.to_pandas()`: one per column (sorted), with `column` (pandas' index), `type:
   * 'SummaryType.COLUMN'` and every summary key of any column in pandas' column order; a key a column lacks
   * is null (pandas shows NaN).
   */
  toPandasLikeRows(): PandasLikeRow[] {
    return toPandasLikeRows(this.toSummary());
  }
}
