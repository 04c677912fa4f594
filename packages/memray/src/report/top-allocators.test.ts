import { describe, expect, test } from 'vitest';
import { syntheticCapture } from '../__fixtures__/synthetic-capture';
import { parseReporterArgs } from '../options/reporter-settings';
import { buildReportModel } from './report-data';
import { topAllocatorsOf } from './top-allocators';

const dataOf = (hideInternal: boolean) => ({
  ...buildReportModel(
    syntheticCapture('hostile'),
    'flamegraph',
    parseReporterArgs('flamegraph', [], 'x'),
    10_000,
  ).data,
  hideInternal,
});

describe('topAllocatorsOf', () => {
  test('ranks functions by their own bytes, largest first', () => {
    expect(topAllocatorsOf(dataOf(false), 5)).toEqual([
      { name: 'loadRows', location: '/app/rows.js:10', bytes: 1_500_000 },
      { name: 'hostile', location: '/app/evil.js:3', bytes: 1_000_000 },
      { name: 'push', location: '', bytes: 500_000 },
    ]);
    expect(topAllocatorsOf(dataOf(false), 1)).toHaveLength(1);
  });

  test('folds hidden internal frames into their nearest visible caller, named as such ("via push")', () => {
    expect(topAllocatorsOf(dataOf(true), 5)).toEqual([
      { name: 'loadRows', location: '/app/rows.js:10', bytes: 1_500_000 },
      { name: 'hostile', location: '/app/evil.js:3', bytes: 1_000_000 },
      { name: 'loadRows via push', location: '/app/rows.js:10', bytes: 500_000 },
    ]);
  });

  test('is self-contained, since the report runs it in the browser as source text', () => {
    const rebuilt = new Function(`return (${String(topAllocatorsOf)})`)() as typeof topAllocatorsOf;
    expect(rebuilt(dataOf(true), 5)).toEqual(topAllocatorsOf(dataOf(true), 5));
  });
});
