import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../test-support/bytes';
import { ProtoReader, WireType } from './proto-reader';
import { ProtoWriter } from './proto-writer';

/** The typed error a corrupt input must give, naming the field. */
function readError(read: () => unknown): InvalidOptionError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return error as InvalidOptionError;
  }
  throw new Error('expected the read to fail');
}

describe('ProtoWriter', () => {
  it('writes the protobuf wire encoding, counting its bytes', () => {
    const writer = new ProtoWriter()
      .tag(1, WireType.varint)
      .uint(300)
      .tag(2, WireType.varint)
      .uint(2 ** 32)
      .tag(3, WireType.varint)
      .uint(Number.MAX_SAFE_INTEGER)
      .tag(4, WireType.varint)
      .int64(-1n)
      .tag(5, WireType.varint)
      .int64(9223372036854775807n)
      .tag(6, WireType.fixed64)
      .double(-0)
      .tag(7, WireType.lengthDelimited)
      .string('é')
      .raw(Uint8Array.of(0xaa));
    const bytes = writer.finish();
    expect(toHex(bytes)).toBe(
      [
        '08ac02',
        '108080808010',
        '18ffffffffffffff0f',
        '20ffffffffffffffffff01',
        '28ffffffffffffffff7f',
        '310000000000000080',
        '3a02c3a9',
        'aa',
      ].join(''),
    );
    expect(writer.length).toBe(bytes.length);
  });
});

describe('ProtoReader', () => {
  it('reads back what the writer wrote, at an offset into a larger buffer', () => {
    const written = new ProtoWriter()
      .tag(1, WireType.varint)
      .uint(Number.MAX_SAFE_INTEGER)
      .tag(2, WireType.varint)
      .int64(-5n)
      .tag(3, WireType.lengthDelimited)
      .bytes(Uint8Array.of(1, 2, 3))
      .tag(4, WireType.fixed64)
      .double(1.5)
      .tag(9, WireType.fixed32)
      .raw(Uint8Array.of(1, 2, 3, 4))
      .finish();
    const framed = new Uint8Array(written.length + 3);
    framed.set(written, 2);
    const reader = new ProtoReader(framed, 2, 2 + written.length);
    expect(reader.tag('t')).toEqual([1, WireType.varint]);
    expect(reader.uint('a')).toBe(Number.MAX_SAFE_INTEGER);
    expect(reader.tag('t')).toEqual([2, WireType.varint]);
    expect(reader.int64('b')).toBe(-5n);
    expect(reader.tag('t')).toEqual([3, WireType.lengthDelimited]);
    expect([...reader.lengthDelimited('c')]).toEqual([1, 2, 3]);
    expect(reader.tag('t')).toEqual([4, WireType.fixed64]);
    expect(reader.double('d')).toBe(1.5);
    const [, wireType] = reader.tag('t');
    reader.skip(wireType, 'e');
    expect(reader.done).toBe(true);
    expect(reader.offset).toBe(2 + written.length);
  });

  it('refuses corrupt input with a typed error naming the field', () => {
    const cases: [hex: string, read: (reader: ProtoReader) => unknown, message: RegExp][] = [
      ['80', (reader) => reader.uint('x.count'), /x\.count: truncated varint/],
      ['8080808080808080808001', (reader) => reader.uint('x.count'), /x\.count: varint longer than 10 bytes/],
      ['8080808080808080ff7f', (reader) => reader.uint('x.count'), /x\.count: value exceeds 2\^53 - 1/],
      ['8080808080808010', (reader) => reader.uint('x.count'), /x\.count: value exceeds 2\^53 - 1/],
      [
        '05aabb',
        (reader) => reader.lengthDelimited('x.bytes'),
        /x\.bytes: length 5 exceeds the 2 bytes left/,
      ],
      // A length beyond 2^32 must not be cut to its low bits (5 here) by a uint32 read.
      ['8580808010aabbccddee', (reader) => reader.lengthDelimited('x.bytes'), /x\.bytes: length 4294967301/],
      ['02c328', (reader) => reader.string('x.text'), /x\.text: invalid UTF-8/],
      ['0102', (reader) => reader.double('x.value'), /x\.value: truncated double/],
      ['', (reader) => reader.tag('x.tag'), /x\.tag: truncated/],
      ['00', (reader) => reader.tag('x.tag'), /x\.tag: field number 0 is invalid/],
      ['0f', (reader) => reader.skip(reader.tag('x.tag')[1], 'x.field'), /x\.field: unsupported wire type 7/],
      ['0b', (reader) => reader.skip(reader.tag('x.tag')[1], 'x.group'), /x\.group: unsupported wire type 3/],
      ['09aabb', (reader) => reader.skip(reader.tag('x.tag')[1], 'x.fixed'), /x\.fixed: truncated fixed64/],
      ['0daabb', (reader) => reader.skip(reader.tag('x.tag')[1], 'x.fixed'), /x\.fixed: truncated fixed32/],
    ];
    for (const [hex, read, message] of cases) {
      const error = readError(() => read(new ProtoReader(fromHex(hex))));
      expect(error.message, hex).toMatch(message);
    }
  });
});
