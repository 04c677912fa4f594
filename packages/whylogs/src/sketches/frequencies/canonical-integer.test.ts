import { describe, expect, it } from 'vitest';
import { toHex } from '../../test-support/bytes';
import { canonicalIntegerOf, writeSafeIntegerText } from './canonical-integer';
import { FrequentStringsSketch } from './frequent-strings-sketch';
import { slotHashOf, slotHashOfSafeInteger } from './reverse-purge-hash-map';

const SAMPLE_INTEGERS = [
  0,
  1,
  -1,
  9,
  10,
  -10,
  99,
  100,
  123456,
  -98765,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 40 + 17,
  -(2 ** 40) - 3,
  999_999_999_999_999,
  1_000_000_000_000_000,
  2 ** 53 - 1,
  -(2 ** 53 - 1),
];

describe('canonical integer keys of the frequent-items map', () => {
  it('writes String(value) for safe integers, "0" for -0, and hashes it like the text', () => {
    const bytes = new Uint8Array(24);
    for (const value of [...SAMPLE_INTEGERS, -0]) {
      const length = writeSafeIntegerText(value, bytes);
      expect(new TextDecoder().decode(bytes.subarray(0, length))).toBe(String(value));
      expect(slotHashOfSafeInteger(value)).toBe(slotHashOf(String(value)));
    }
  });

  it('reads back exactly the texts String(n) writes and rejects every other spelling', () => {
    for (const value of SAMPLE_INTEGERS) expect(canonicalIntegerOf(String(value))).toBe(value);
    for (const text of [
      '',
      '-',
      '-0',
      '00',
      '01',
      '-01',
      '+1',
      '1.0',
      '1e3',
      ' 1',
      '1 ',
      'a1',
      '1a',
      '0x1',
      '9007199254740992',
      '-9007199254740992',
      '12345678901234567',
      '99999999999999999',
      'Infinity',
      'NaN',
      '٣',
    ])
      expect(canonicalIntegerOf(text)).toBeNaN();
  });

  it('keeps integer and text updates of the same item as one key, through resizes and purges', () => {
    let state = 99;
    const texts: string[] = [];
    for (let index = 0; index < 40_000; index++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const value = (state % 3000) - 1000;
      // Integer texts mixed with near-integers that must stay distinct keys.
      texts.push(index % 5 === 0 ? `0${Math.abs(value)}` : index % 7 === 0 ? `${value}.0` : String(value));
      if (index % 11 === 0) texts.push('-0');
    }
    const expected = FrequentStringsSketch.create();
    const actual = FrequentStringsSketch.create();
    for (const [index, text] of texts.entries()) {
      expected.update(text);
      const integer = canonicalIntegerOf(text);
      // Alternate the two entry points for integer items.
      if (!Number.isNaN(integer) && index % 2 === 0)
        actual.updateSafeInteger(integer, slotHashOfSafeInteger(integer));
      else actual.update(text);
    }
    expect(toHex(actual.serialize())).toBe(toHex(expected.serialize()));
    expect(actual.getFrequentItems('NO_FALSE_NEGATIVES')).toEqual(
      expected.getFrequentItems('NO_FALSE_NEGATIVES'),
    );
    for (const text of ['5', '05', '-0', '0', '17.0', '17'])
      expect(actual.getLowerBound(text)).toBe(expected.getLowerBound(text));
    const merged = FrequentStringsSketch.create();
    merged.merge(actual);
    merged.merge(expected);
    const reference = FrequentStringsSketch.create();
    reference.merge(expected);
    reference.merge(expected);
    expect(toHex(merged.serialize())).toBe(toHex(reference.serialize()));
    // Deserializing re-inserts in file order (integer items as numbers): same slots as the text-only sketch.
    expect(toHex(FrequentStringsSketch.deserialize(actual.serialize()).serialize())).toBe(
      toHex(FrequentStringsSketch.deserialize(expected.serialize()).serialize()),
    );
  });
});
