import * as arrow21 from 'apache-arrow';
import * as arrow20 from 'apache-arrow-20';
import { describe, expect, it } from 'vitest';
import { DatasetProfile } from '../profile/dataset-profile';
import { toHex } from '../test-support/bytes';

type ArrowModule = typeof arrow21 | typeof arrow20;

/** One table with every column kind the preprocessor branches on, built with the given apache-arrow. */
function buildTable(arrow: ArrowModule) {
  const {
    Bool,
    Dictionary,
    Float64,
    Int32,
    Int64,
    Null,
    Table,
    TimestampMillisecond,
    Utf8,
    vectorFromArray,
  } = arrow as typeof arrow21;
  return new Table({
    small: vectorFromArray(Int32Array.from([1, 2, 2, 3, 3, 3])),
    wide: vectorFromArray(BigInt64Array.from([1n, -2n, 3n, 2n ** 60n, 5n, 6n])),
    ratio: vectorFromArray(Float64Array.from([0.5, -0, Number.NaN, Number.POSITIVE_INFINITY, 2.25, 7])),
    withNulls: vectorFromArray([1n, null, 3n, null, 5n, 6n], new Int64()),
    flags: vectorFromArray([true, false, true, true, false, true], new Bool()),
    text: vectorFromArray(['a', 'b', null, 'a', 'c', 'a'], new Utf8()),
    category: vectorFromArray(['x', 'y', 'x', null, 'x', 'y'], new Dictionary(new Utf8(), new Int32())),
    when: vectorFromArray(
      [0, 1, null, 3, 4, 5].map((value) => (value === null ? null : new Date(value * 1000))),
      new TimestampMillisecond(),
    ),
    nothing: vectorFromArray(new Array(6).fill(null), new Null()),
    doubles: vectorFromArray([1.5, 2, null, 4, 5, 6], new Float64()),
  });
}

function profileBytes(table: unknown): Uint8Array {
  const profile = new DatasetProfile({ creationTimestamp: 1, datasetTimestamp: 1 });
  return profile
    .track(table as Parameters<DatasetProfile['track']>[0])
    .view()
    .serialize();
}

describe('Arrow tables from different apache-arrow majors', () => {
  it('profiles an apache-arrow 20 table to the same bytes as the same apache-arrow 21 table', () => {
    const table20 = buildTable(arrow20);
    const table21 = buildTable(arrow21);
    expect(table20).not.toBeInstanceOf(arrow21.Table);
    expect(toHex(profileBytes(table20))).toBe(toHex(profileBytes(table21)));
  });

  it('accepts an apache-arrow 20 RecordBatch as well as a Table (typed as ProfileInput without casts)', () => {
    const batch = arrow20.tableFromArrays({ v: Float64Array.from([1, 2, 3]) }).batches[0]!;
    const summary = new DatasetProfile().track(batch).view().getColumn('v')!.toSummaryDict();
    expect(summary['counts/n']).toBe(3);
    expect(summary['types/fractional']).toBe(3);
  });

  it('counts every row of an Arrow Null column as null, none as object (as pyarrow → pandas → whylogs)', () => {
    for (const arrow of [arrow20, arrow21]) {
      const summary = new DatasetProfile()
        .track(buildTable(arrow))
        .view()
        .getColumn('nothing')!
        .toSummaryDict();
      expect(summary['counts/n']).toBe(6);
      expect(summary['counts/null']).toBe(6);
      expect(summary['types/object']).toBe(0);
      expect(summary['types/string']).toBe(0);
    }
  });

  it('still refuses objects that only look partly like a table', () => {
    expect(() => new DatasetProfile().track({ numRows: 1 } as never)).toThrow(/Arrow Table or RecordBatch/);
    expect(() =>
      new DatasetProfile().track({ numRows: 1, schema: {}, getChildAt: () => null } as never),
    ).toThrow(/Arrow Table or RecordBatch/);
  });
});
