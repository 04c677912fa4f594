import { compareCodePoints } from '../wire/dataset-profile-header';
import type { ColumnSummary, SummaryValue } from './column-summary';

/** A row of `to_pandas()`: `column`, `type`, then the sorted summary keys. */
export type PandasLikeRow = { column: string; type: string } & Record<string, SummaryValue>;

/** Builds `to_pandas()` rows: union of keys, sorted; missing cells null; `type` is `SummaryType.COLUMN`. */
export function toPandasLikeRows(summary: Record<string, ColumnSummary>): PandasLikeRow[] {
  const keys = new Set<string>(['type']);
  for (const columnSummary of Object.values(summary)) for (const key of Object.keys(columnSummary)) keys.add(key);
  const sortedKeys = [...keys].sort(compareCodePoints);
  return Object.keys(summary)
    .sort(compareCodePoints)
    .map((column) => {
      const row: Record<string, SummaryValue> = { column };
      for (const key of sortedKeys) {
        row[key] = key === 'type' ? 'SummaryType.COLUMN' : (summary[column]![key] ?? null);
      }
      return row as PandasLikeRow;
    });
}
