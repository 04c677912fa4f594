import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableToIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ColumnSummary, DatasetProfile, DatasetProfileView } from '../src/index';
import { arrowTable, type Dataset, halfOf, interopDatasets } from './interop-datasets';
import {
  type CompareOptions,
  decodePythonColumn,
  encodeForPython,
  oraclePython,
  type PythonSummary,
  runOracleBatch,
  summaryDifferences,
} from './interop-support';

const datasets = interopDatasets();
const workDirectory = mkdtempSync(join(tmpdir(), 'tasklens-whylogs-interop-'));
const ours = new Map<string, DatasetProfileView>();

function profileOurs(dataset: Dataset): DatasetProfileView {
  const profile = new DatasetProfile({ creationTimestamp: 1_700_000_000_000 });
  return profile.track(dataset.mode === 'records' ? dataset.records : arrowTable(dataset.columns)).view();
}

function writeDataset(dataset: Dataset): [string, string] {
  const jsonPath = join(workDirectory, `${dataset.name}.json`);
  const ipcPath = join(workDirectory, `${dataset.name}.arrow`);
  writeFileSync(jsonPath, JSON.stringify(encodeForPython(dataset)));
  if (dataset.mode === 'arrow') writeFileSync(ipcPath, tableToIPC(arrowTable(dataset.columns), 'file'));
  return [jsonPath, ipcPath];
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(workDirectory, name), 'utf8')) as T;
}

/** Numeric values of a column, for rank tolerances on columns KLL had to compact. */
function numericValues(dataset: Dataset, column: string): number[] {
  const raw =
    dataset.mode === 'records'
      ? dataset.records.map((record) => record[column])
      : (dataset.columns.find((spec) => spec.name === column)?.values ?? []);
  return raw
    .filter(
      (value) =>
        (typeof value === 'number' && !Number.isNaN(value)) ||
        typeof value === 'bigint' ||
        typeof value === 'boolean',
    )
    .map((value) => Number(value))
    .sort((a, b) => a - b);
}

function compareOptions(dataset: Dataset, column: string, summary: ColumnSummary): CompareOptions {
  if (((summary['distribution/n'] as number | undefined) ?? 0) <= 1024) return {};
  const sorted = numericValues(dataset, column);
  const rankOf = (value: number) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]! < value) low = middle + 1;
      else high = middle;
    }
    return low / sorted.length;
  };
  // Two independent sketches, each within ±0.00272 (99%) of the true rank, plus ties in the data.
  return { rankOf, rankTolerance: 0.01 };
}

function expectSameSummaries(
  dataset: Dataset,
  mine: Record<string, ColumnSummary>,
  theirs: PythonSummary,
  tolerant: boolean,
): void {
  expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs.columns).sort());
  const problems: string[] = [];
  for (const [column, summary] of Object.entries(mine)) {
    const options = tolerant ? compareOptions(dataset, column, summary) : {};
    for (const difference of summaryDifferences(
      summary,
      decodePythonColumn(theirs.columns[column]!),
      options,
    )) {
      problems.push(`${column}.${difference}`);
    }
  }
  expect(problems).toEqual([]);
}

beforeAll(() => {
  oraclePython();
  mkdirSync(workDirectory, { recursive: true });
  const jobs: string[][] = [];
  for (const dataset of datasets) {
    for (const variant of [dataset, halfOf(dataset, 0), halfOf(dataset, 1)]) {
      const [jsonPath, ipcPath] = writeDataset(variant);
      const view = profileOurs(variant);
      ours.set(variant.name, view);
      writeFileSync(join(workDirectory, `${variant.name}.ts.bin`), view.serialize());
      jobs.push([
        'profile',
        jsonPath,
        ipcPath,
        join(workDirectory, `${variant.name}.py.bin`),
        join(workDirectory, `${variant.name}.py.json`),
      ]);
    }
    const base = join(workDirectory, dataset.name);
    jobs.push(['read', `${base}.ts.bin`, `${base}.read-ours.json`]);
    jobs.push([
      'merge',
      `${base}-0.py.bin`,
      `${base}-1.py.bin`,
      `${base}.py-merged.bin`,
      `${base}.py-merged.json`,
    ]);
    jobs.push([
      'merge',
      `${base}-0.ts.bin`,
      `${base}-1.ts.bin`,
      `${base}.ours-merged-by-py.bin`,
      `${base}.ours-merged-by-py.json`,
    ]);
    jobs.push([
      'profile-merge',
      `${base}-0.json`,
      `${base}-0.arrow`,
      `${base}-1.json`,
      `${base}-1.arrow`,
      `${base}.py-memory-merged.json`,
    ]);
  }
  writeFileSync(join(workDirectory, 'jobs.json'), JSON.stringify(jobs));
  runOracleBatch(join(workDirectory, 'jobs.json'));
});

describe('interop with Python whylogs 1.6.4', () => {
  it('covers at least 12 datasets, including columns of more than 100,000 values', () => {
    expect(datasets.length).toBeGreaterThanOrEqual(12);
    expect(
      datasets.some(
        (dataset) =>
          (dataset.mode === 'records' ? dataset.records.length : dataset.columns[0]!.values.length) > 100_000,
      ),
    ).toBe(true);
  });

  describe.each(datasets.map((dataset) => [dataset.name, dataset] as const))('%s', (name, dataset) => {
    it('(a) Python reads our file and its summary and to_pandas() columns equal ours exactly', () => {
      const mine = ours.get(name)!;
      const theirs = readJson<PythonSummary>(`${name}.read-ours.json`);
      expectSameSummaries(dataset, mine.toSummary(), theirs, false);
      const rows = mine.toPandasLikeRows();
      if (rows.length > 0) {
        const ourColumns = Object.keys(rows[0]!).filter((key) => key !== 'column');
        expect(ourColumns).toEqual(theirs.pandasColumns);
        expect(rows.map((row) => row.column)).toEqual(theirs.pandasIndex);
      }
    });

    it('(b) we read the file Python wrote and summarize it exactly as Python does', async () => {
      const theirs = readJson<PythonSummary>(`${name}.py.json`);
      const view = await DatasetProfileView.read(join(workDirectory, `${name}.py.bin`));
      expectSameSummaries(dataset, view.toSummary(), theirs, false);
    });

    it('profiling the same data gives Python’s summary (quantiles by rank once KLL compacts)', () => {
      const theirs = readJson<PythonSummary>(`${name}.py.json`);
      expectSameSummaries(dataset, ours.get(name)!.toSummary(), theirs, true);
    });

    it('(c) merged profiles agree: in memory, from files, and Python merging our files', async () => {
      // In memory: both sides merge the views they just profiled.
      const memoryMerge = ours.get(`${name}-0`)!.merge(ours.get(`${name}-1`)!);
      expectSameSummaries(
        dataset,
        memoryMerge.toSummary(),
        readJson<PythonSummary>(`${name}.py-memory-merged.json`),
        true,
      );
      // From files: a compact SET-mode HLL is re-inserted on read, which changes the order a union sees its
      // coupons and so the HIP estimate; both sides therefore merge views read back from .bin files here.
      const pythonMerged = readJson<PythonSummary>(`${name}.py-merged.json`);
      const ourHalves = [0, 1].map((half) =>
        DatasetProfileView.deserialize(ours.get(`${name}-${half}`)!.serialize()),
      );
      const fileMerge = ourHalves[0]!.merge(ourHalves[1]!);
      expectSameSummaries(dataset, fileMerge.toSummary(), pythonMerged, true);
      expectSameSummaries(
        dataset,
        fileMerge.toSummary(),
        readJson<PythonSummary>(`${name}.ours-merged-by-py.json`),
        true,
      );
      // Our merge of Python's two files matches Python's merge of them.
      const left = await DatasetProfileView.read(join(workDirectory, `${name}-0.py.bin`));
      const right = await DatasetProfileView.read(join(workDirectory, `${name}-1.py.bin`));
      expectSameSummaries(dataset, left.merge(right).toSummary(), pythonMerged, true);
    });
  });
});
