import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { DatasetProfile } from '../profile/dataset-profile';
import { DatasetProfileView } from '../profile/dataset-profile-view';
import { toHex } from '../test-support/bytes';
import { decodeDatasetProfileHeader, encodeDatasetProfileHeader } from '../wire/dataset-profile-header';
import { ProtoReader } from '../wire/proto-reader';
import { ProtoWriter } from '../wire/proto-writer';

const source = new DatasetProfile({ creationTimestamp: 1_700_000_000_000 })
  .track(Array.from({ length: 50 }, (_, index) => ({ a: index, b: `s${index % 7}` })))
  .view()
  .serialize();

/** `source` with its header's column offsets replaced: the attacker's file (same body, bigger header). */
function withOffsets(rewrite: (offsets: Map<string, number[]>) => Map<string, number[]>): Uint8Array {
  const reader = new ProtoReader(source, 4);
  reader.lengthDelimited('segment');
  const header = decodeDatasetProfileHeader(reader.lengthDelimited('header'), 'header');
  const body = source.subarray(reader.offset);
  const encoded = encodeDatasetProfileHeader({ ...header, columnOffsets: rewrite(header.columnOffsets) });
  return new ProtoWriter().raw(source.subarray(0, 4)).uint(0).bytes(encoded).raw(body).finish();
}

describe('amplifying inputs: the work of reading is bounded by the file size', () => {
  it('reads a column whose chunk offset repeats 200,000 times once, to the same profile', () => {
    const repeated = withOffsets((offsets) => {
      const first = offsets.get('a')![0]!;
      return new Map(
        [...offsets].map(([name, list]) => [name, name === 'a' ? new Array(200_000).fill(first) : list]),
      );
    });
    expect(repeated.length).toBeGreaterThan(200_000);
    const view = DatasetProfileView.deserialize(repeated);
    expect(toHex(view.serialize())).toBe(toHex(DatasetProfileView.deserialize(source).serialize()));
  });

  it('keeps the last read of repeated offsets: [B, A, B] reads like [A, B], as whylogs would end up', () => {
    const columnA = (order: (a: number, b: number) => number[]) =>
      DatasetProfileView.deserialize(
        withOffsets((offsets) => new Map([['a', order(offsets.get('a')![0]!, offsets.get('b')![0]!)]])),
      )
        .getColumn('a')!
        .toSummaryDict();
    const repeated = columnA((a, b) => [b, a, b]);
    expect(repeated).toEqual(columnA((a, b) => [a, b]));
    expect(repeated).not.toEqual(columnA((a, b) => [b, a]));
  });

  it('refuses 20,000 columns pointing at one chunk with a typed error instead of 20,000 decodes', () => {
    const shared = withOffsets((offsets) => {
      const first = offsets.get('a')![0]!;
      return new Map(Array.from({ length: 20_000 }, (_, index) => [`c${index}`, [first]]));
    });
    let caught: unknown;
    try {
      DatasetProfileView.deserialize(shared);
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionError).option).toMatch(/^profile\.columns\[".*"\]\.offset$/);
  });
});
