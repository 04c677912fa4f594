import { describe, expect, it } from 'vitest';
import { encodeWandbJson } from './encode-wandb-json';
import { parseWandbJson } from './parse-wandb-json';

describe('W&B JSON', () => {
  it('writes non-finite floats as bare NaN / Infinity / -Infinity tokens', () => {
    expect(
      encodeWandbJson({ a: Number.NaN, b: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] }, 'x'),
    ).toBe('{"a":NaN,"b":[Infinity,-Infinity]}');
  });

  it('round-trips through the parser, leaving strings that look like tokens alone', () => {
    const text = encodeWandbJson({ n: Number.NaN, s: 'NaN', t: 'Infinity: "x"', i: -Infinity }, 'x');
    expect(parseWandbJson(text)).toEqual({ n: Number.NaN, s: 'NaN', t: 'Infinity: "x"', i: -Infinity });
  });

  it('encodes dates, typed arrays, maps, bigints and toJSON objects; skips undefined keys', () => {
    expect(encodeWandbJson(new Date(0), 'x')).toBe('"1970-01-01T00:00:00.000Z"');
    expect(encodeWandbJson(Float32Array.of(1, 2), 'x')).toBe('[1,2]');
    expect(encodeWandbJson(new Map([['k', 1]]), 'x')).toBe('{"k":1}');
    expect(encodeWandbJson(12345678901234567890n, 'x')).toBe('12345678901234567890');
    expect(encodeWandbJson({ toJSON: () => 5 }, 'x')).toBe('5');
    expect(
      encodeWandbJson(
        new (class Metric {
          toJSON() {
            return 5;
          }
        })(),
        'x',
      ),
    ).toBe('5');
    expect(encodeWandbJson({ a: undefined, b: 1 }, 'x')).toBe('{"b":1}');
  });

  it('names the path of values that cannot be logged', () => {
    expect(() => encodeWandbJson({ a: [1, () => 1] }, 'data')).toThrow(
      expect.objectContaining({ option: 'data.a[1]' }),
    );
    expect(() => encodeWandbJson(new (class Opaque {})(), 'data.x')).toThrow(/Opaque instance/);
    expect(() => encodeWandbJson(undefined, 'data.y')).toThrow(expect.objectContaining({ option: 'data.y' }));
  });

  it('rejects an invalid Date with a typed error naming the key, not a bare RangeError', () => {
    expect(() => encodeWandbJson({ when: new Date(Number.NaN) }, 'config')).toThrow(
      expect.objectContaining({ name: 'TasklensInvalidOptionError', option: 'config.when' }),
    );
    expect(() => encodeWandbJson(new Date('not a date'), 'data.started')).toThrow(
      /data\.started: an invalid Date/,
    );
  });
});
