import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { DatasetProfile } from '../profile/dataset-profile';
import { DatasetProfileView } from '../profile/dataset-profile-view';

const valid = new DatasetProfile({ creationTimestamp: 1700000000000 })
  .track([
    { a: 4, s: 'x' },
    { a: 2, s: 'y' },
    { a: 3, s: 'z' },
    { a: 5, s: null },
  ])
  .view()
  .serialize();

function errorOf(bytes: Uint8Array): InvalidOptionError {
  try {
    DatasetProfileView.deserialize(bytes);
  } catch (error) {
    if (!InvalidOptionError.isInstance(error)) throw error;
    return error;
  }
  throw new Error('expected the bytes to be rejected');
}

/**
 * A hand-built one-column profile (column `a`, metric path `counts/n` at index 0) whose single
 * column chunk is `chunk`: magic, header, then the column segment.
 */
function oneColumnProfile(chunk: number[]): Uint8Array {
  const header = [
    0x12, 0x08, 0x0a, 0x01, 0x61, 0x12, 0x03, 0x0a, 0x01, 0x00, 0x2a, 0x0c, 0x08, 0x00, 0x12, 0x08,
  ];
  header.push(...Buffer.from('counts/n'));
  return new Uint8Array([
    0x57,
    0x48,
    0x59,
    0x31,
    0x00,
    header.length,
    ...header,
    0x04,
    0x08,
    0x02,
    0x18,
    chunk.length,
    ...chunk,
  ]);
}

function edit(bytes: Uint8Array, change: (copy: Uint8Array) => void): Uint8Array {
  const copy = bytes.slice();
  change(copy);
  return copy;
}

describe('corrupt profiles', () => {
  it('rejects every truncation of a real profile with a typed error', () => {
    for (let length = 0; length < valid.length; length++) {
      expect(errorOf(valid.subarray(0, length)).option).toMatch(/^profile/);
    }
  });

  it('rejects a wrong magic, naming profile.magic', () => {
    const error = errorOf(edit(valid, (copy) => copy.set([0x57, 0x48, 0x59, 0x32], 0)));
    expect(error.option).toBe('profile.magic');
    expect(error.message).toContain('WHY1');
    expect(errorOf(new Uint8Array([0x57, 0x48])).option).toBe('profile.magic');
  });

  it('rejects a header length beyond the file, and an empty header', () => {
    // Byte 5 starts the profile header's varint length.
    const tooLong = edit(valid, (copy) => {
      copy[5] = 0xff;
      copy[6] = 0x7f;
    });
    expect(errorOf(tooLong).option).toBe('profile.header');
    const emptyHeader = new Uint8Array([0x57, 0x48, 0x59, 0x31, 0x00, 0x00]);
    expect(errorOf(emptyHeader).message).toContain('empty');
    const hugeVarint = new Uint8Array([
      0x57, 0x48, 0x59, 0x31, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
    expect(errorOf(hugeVarint).option).toBe('profile.header');
  });

  it('rejects a chunk whose length runs past the end, and a column offset past the end', () => {
    const view = DatasetProfileView.deserialize(valid);
    expect(view.columnNames).toEqual(['a', 's']);
    const cut = valid.subarray(0, valid.length - 10);
    expect(errorOf(cut).option).toMatch(/profile\.columns\["s"\]/);
    // The segment header of a file with a huge non-empty segment header length.
    const badSegment = new Uint8Array([0x57, 0x48, 0x59, 0x31, 0x05, 0x08]);
    expect(errorOf(badSegment).option).toBe('profile.segmentHeader');
  });

  it('rejects a metric index missing from indexed_metric_paths', () => {
    // A one-column file whose chunk refers to index 7 while the header only names index 0.
    const chunk = [0x0a, 0x06, 0x08, 0x07, 0x12, 0x02, 0x10, 0x01];
    const bytes = oneColumnProfile(chunk);
    expect(errorOf(bytes).message).toContain('metric index 7');
    // The same file with index 0 reads back fine.
    const good = bytes.slice();
    good[good.length - 5] = 0x00;
    expect(DatasetProfileView.deserialize(good).toSummary()).toEqual({
      a: { 'counts/n': 1, 'counts/null': 0, 'counts/nan': 0, 'counts/inf': 0, 'counts/true': 0 },
    });
  });

  it('rejects a default component of the wrong kind (counts/n holding a double)', () => {
    const chunk = [0x0a, 0x0d, 0x08, 0x00, 0x12, 0x09, 0x19, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f];
    const bytes = oneColumnProfile(chunk);
    expect(errorOf(bytes).message).toContain('expected n');
  });

  it('rejects input that is not bytes', () => {
    expect(() => DatasetProfileView.deserialize('WHY1' as unknown as Uint8Array)).toThrow(/Uint8Array/);
  });
});
