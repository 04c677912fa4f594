import { InvalidOptionError } from '../errors/invalid-option-error';
import type { JsonValue } from '../types/collection-types';

/** Bad MessagePack bytes; the type engine wraps this in a `TaskInputError` naming the input. */
function corrupt(message: string): InvalidOptionError {
  return new InvalidOptionError({ option: 'binary.value', message });
}

/**
 * Decodes MessagePack into JSON values: flytekit (≥1.14) sends untyped dicts as a `Binary`
 * literal tagged `msgpack`. Binary and extension values are not JSON and are rejected.
 */
export function decodeMessagePack(bytes: Uint8Array): JsonValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;

  const need = (count: number) => {
    if (offset + count > bytes.length) throw corrupt('truncated MessagePack data');
  };
  const text = (length: number) => {
    need(length);
    const value = decoder.decode(bytes.subarray(offset, offset + length));
    offset += length;
    return value;
  };
  const big = (value: bigint) => {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw corrupt(`MessagePack integer ${value} does not fit a JavaScript number`);
    }
    return Number(value);
  };
  const array = (length: number): JsonValue[] => {
    const items: JsonValue[] = [];
    for (let index = 0; index < length; index++) items.push(read());
    return items;
  };
  const map = (length: number): { [key: string]: JsonValue } => {
    const result: { [key: string]: JsonValue } = {};
    for (let index = 0; index < length; index++) {
      const key = read();
      result[typeof key === 'string' ? key : JSON.stringify(key)] = read();
    }
    return result;
  };
  const read = (): JsonValue => {
    need(1);
    const byte = bytes[offset++]!;
    if (byte <= 0x7f) return byte;
    if (byte >= 0xe0) return byte - 0x100;
    if ((byte & 0xf0) === 0x80) return map(byte & 0x0f);
    if ((byte & 0xf0) === 0x90) return array(byte & 0x0f);
    if ((byte & 0xe0) === 0xa0) return text(byte & 0x1f);
    const fixed = (size: number, reader: () => JsonValue) => {
      need(size);
      const value = reader();
      offset += size;
      return value;
    };
    switch (byte) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xca:
        return fixed(4, () => view.getFloat32(offset));
      case 0xcb:
        return fixed(8, () => view.getFloat64(offset));
      case 0xcc:
        return fixed(1, () => view.getUint8(offset));
      case 0xcd:
        return fixed(2, () => view.getUint16(offset));
      case 0xce:
        return fixed(4, () => view.getUint32(offset));
      case 0xcf:
        return fixed(8, () => big(view.getBigUint64(offset)));
      case 0xd0:
        return fixed(1, () => view.getInt8(offset));
      case 0xd1:
        return fixed(2, () => view.getInt16(offset));
      case 0xd2:
        return fixed(4, () => view.getInt32(offset));
      case 0xd3:
        return fixed(8, () => big(view.getBigInt64(offset)));
      case 0xd9:
        return text(fixed(1, () => view.getUint8(offset)) as number);
      case 0xda:
        return text(fixed(2, () => view.getUint16(offset)) as number);
      case 0xdb:
        return text(fixed(4, () => view.getUint32(offset)) as number);
      case 0xdc:
        return array(fixed(2, () => view.getUint16(offset)) as number);
      case 0xdd:
        return array(fixed(4, () => view.getUint32(offset)) as number);
      case 0xde:
        return map(fixed(2, () => view.getUint16(offset)) as number);
      case 0xdf:
        return map(fixed(4, () => view.getUint32(offset)) as number);
      default:
        throw corrupt(
          `unsupported MessagePack type 0x${byte.toString(16)} (binary and extension values are not JSON)`,
        );
    }
  };

  const value = read();
  if (offset !== bytes.length) throw corrupt('trailing bytes after the MessagePack value');
  return value;
}
