import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { ProtobufMessage, readProtobufFields } from './protobuf-reader';

describe('protobuf reader', () => {
  it('splits a message into varint, length-delimited and fixed fields', () => {
    // field 1 varint 300, field 2 "hi", field 3 fixed32, field 4 fixed64, field 5 varint -1 (10 bytes)
    const bytes = Buffer.from('08ac02120268691d01020304210102030405060708' + '28ffffffffffffffffff01', 'hex');
    const fields = readProtobufFields(bytes);
    expect(fields.map((entry) => [entry.field, entry.wireType])).toEqual([
      [1, 0],
      [2, 2],
      [3, 5],
      [4, 1],
      [5, 0],
    ]);
    const message = new ProtobufMessage(bytes);
    expect([message.number(1), message.string(2), message.number(5)]).toEqual([300, 'hi', -1]);
  });

  it('rejects a truncated or malformed message with a typed error', () => {
    for (const hex of ['0a05616263', '08ff', '1d0102', '0b']) {
      let thrown: unknown;
      try {
        readProtobufFields(Buffer.from(hex, 'hex'));
      } catch (error) {
        thrown = error;
      }
      expect(InvalidOptionError.isInstance(thrown), hex).toBe(true);
      expect(String((thrown as Error).message)).toMatch(/not a valid \.wandb record/);
    }
  });
});
