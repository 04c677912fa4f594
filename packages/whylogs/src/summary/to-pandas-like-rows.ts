import { compareCodePoints } from '../wire/dataset-profile-header';
import type { ColumnSummary, SummaryValue } from './column-summary';

/** A row of `to_pandas()`: `column` (pandas' index), `type`, then the summary keys in pandas' column order. */
export type PandasLikeRow = { column: string; type: string } & Record<string, SummaryValue>;

/**
 * Builds `to_pandas()` rows as whylogs does: one dict per column in sorted name order, each with its keys
 * sorted, handed to `pd.DataFrame` — so the column order is the first row's keys followed by keys that
 * first appear in later rows. A key a column lacks is null (pandas shows NaN).
 */
export function toPandasLikeRows(summary: Record<string, ColumnSummary>): PandasLikeRow[] {
  const names = Object.keys(summary).sort(compareCodePoints);
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    for (const key of [...Object.keys(summary[name]!), 'column', 'type'].sort(compareCodePoints)) {
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
    }
  }
  return names.map((name) => {
    const row: Record<string, SummaryValue> = {};
    for (const key of keys) {
      row[key] =
        key === 'column' ? name : key === 'type' ? 'SummaryType.COLUMN' : (summary[name]![key] ?? null);
    }
    return row as PandasLikeRow;
  });
}
