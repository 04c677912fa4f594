import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oraclePython } from '../../../test-support/oracle-python';
import type { ColumnSummary, FrequentItem, SummaryValue } from '../src/index';

export { oraclePython };

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const oracleScript = join(dirname(fileURLToPath(import.meta.url)), 'python', 'whylogs_oracle.py');

export function runOracleBatch(jobsPath: string): void {
  execFileSync(oraclePython(), [oracleScript, 'batch', jobsPath], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 600_000,
  });
}

/** JSON for the Python side, with NaN/±inf, int64 beyond 2^53 and Dates tagged; undefined keys dropped. */
export function encodeForPython(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $float: 'nan' };
    if (value === Number.POSITIVE_INFINITY) return { $float: 'inf' };
    if (value === Number.NEGATIVE_INFINITY) return { $float: '-inf' };
    // JSON.stringify(-0) is "0": tag it so pandas sees −0.0.
    if (Object.is(value, -0)) return { $float: '-0.0' };
    return value;
  }
  if (typeof value === 'bigint') return { $int: value.toString() };
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(encodeForPython);
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      if (item !== undefined) result[key] = encodeForPython(item);
    return result;
  }
  return value;
}

export interface PythonSummary {
  columns: Record<string, Record<string, unknown>>;
  pandasColumns: string[];
  pandasIndex: string[];
  source?: string;
  dtypes?: Record<string, string>;
}

/** A Python summary value in our summary's representation. */
export function decodePythonValue(value: unknown): SummaryValue {
  if (value === null) return null;
  if (Array.isArray(value)) {
    return value.map(([item, est, upper, lower]) => ({ value: item, est, upper, lower }) as FrequentItem);
  }
  if (typeof value === 'object') {
    const tagged = value as { $float?: string; $int?: string };
    if (tagged.$float !== undefined) {
      return tagged.$float === 'nan'
        ? Number.NaN
        : tagged.$float === 'inf'
          ? Number.POSITIVE_INFINITY
          : Number.NEGATIVE_INFINITY;
    }
    if (tagged.$int !== undefined) return BigInt(tagged.$int);
  }
  return value as SummaryValue;
}

export function decodePythonColumn(column: Record<string, unknown>): ColumnSummary {
  const result: ColumnSummary = {};
  for (const [key, value] of Object.entries(column)) result[key] = decodePythonValue(value);
  return result;
}

/** Frequent items as a canonical sorted list (ties have no defined order). */
export function canonicalItems(items: SummaryValue): string[] {
  return (items as FrequentItem[])
    .map((item) => `${item.value}\u0000${item.est}/${item.upper}/${item.lower}`)
    .sort();
}

const QUANTILE_KEYS = ['q_01', 'q_05', 'q_10', 'q_25', 'median', 'q_75', 'q_90', 'q_95', 'q_99'].map(
  (key) => `distribution/${key}`,
);

export interface CompareOptions {
  /** Rank of a value within the data (fraction below it); when given, quantiles may differ within `rankTolerance`. */
  rankOf?: (value: number) => number;
  rankTolerance?: number;
}

/**
 * Differences between two summaries of one column, as readable strings. Exact everywhere (NaN equals NaN,
 * bigints compared exactly) except quantiles when `rankOf` is given.
 */
export function summaryDifferences(
  ours: ColumnSummary,
  theirs: ColumnSummary,
  options: CompareOptions = {},
): string[] {
  const differences: string[] = [];
  const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
  for (const key of keys) {
    const left = ours[key];
    const right = theirs[key];
    if (!(key in ours) || !(key in theirs)) {
      differences.push(`${key}: present only on ${key in ours ? 'our' : 'their'} side`);
      continue;
    }
    if (key === 'frequent_items/frequent_strings') {
      const a = canonicalItems(left!);
      const b = canonicalItems(right!);
      if (JSON.stringify(a) !== JSON.stringify(b))
        differences.push(`${key}: ${a.length} vs ${b.length} items differ`);
      continue;
    }
    if (
      options.rankOf &&
      QUANTILE_KEYS.includes(key) &&
      typeof left === 'number' &&
      typeof right === 'number'
    ) {
      const gap = Math.abs(options.rankOf(left) - options.rankOf(right));
      if (gap > (options.rankTolerance ?? 0.01))
        differences.push(`${key}: ${left} vs ${right} (rank gap ${gap})`);
      continue;
    }
    const same =
      typeof left === 'bigint' || typeof right === 'bigint'
        ? BigInt(left as number | bigint) === BigInt(right as number | bigint)
        : // Object.is: −0 and +0 differ (a quantile's sign is part of the answer), NaN equals NaN.
          Object.is(left, right) || (left === right && typeof left !== 'number');
    if (!same) differences.push(`${key}: ours ${String(left)} vs theirs ${String(right)}`);
  }
  return differences;
}
