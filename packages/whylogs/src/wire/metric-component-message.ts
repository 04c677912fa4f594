import { profileError } from './profile-error';
import { ProtoReader, WireType } from './proto-reader';
import { ProtoWriter } from './proto-writer';

/** `MetricComponentMessage.value` oneof field numbers, as whylogs' proto declares them. */
export const ComponentField = {
  n: 2,
  d: 3,
  frequentItems: 4,
  hll: 5,
  kll: 6,
  cpc: 7,
  serializedBytes: 10,
  dataclassParam: 11,
  msg: 12,
} as const;

/** The oneof of a `MetricComponentMessage`, with sketches still as bytes. */
export type ComponentPayload =
  | { kind: 'n'; value: bigint }
  | { kind: 'd'; value: number }
  | { kind: 'frequentItems' | 'hll' | 'kll' | 'cpc'; sketch: Uint8Array }
  /** `serialized_bytes`, `dataclass_param` or `msg`: kept verbatim (`field` is the oneof number). */
  | { kind: 'opaque'; field: number; bytes: Uint8Array }
  /** No oneof member was set. */
  | { kind: 'none' };

export interface MetricComponentMessage {
  typeId: number;
  payload: ComponentPayload;
}

const sketchKinds: Record<number, 'frequentItems' | 'hll' | 'kll' | 'cpc'> = {
  [ComponentField.frequentItems]: 'frequentItems',
  [ComponentField.hll]: 'hll',
  [ComponentField.kll]: 'kll',
  [ComponentField.cpc]: 'cpc',
};

/** Reads the `sketch` bytes (field 1) of a `*SketchMessage`. */
function decodeSketchMessage(bytes: Uint8Array, field: string): Uint8Array {
  const reader = new ProtoReader(bytes);
  let sketch: Uint8Array = new Uint8Array(0);
  while (!reader.done) {
    const [number, wireType] = reader.tag(field);
    if (number === 1) {
      reader.expect(wireType, WireType.lengthDelimited, `${field}.sketch`);
      sketch = reader.lengthDelimited(`${field}.sketch`);
    } else {
      reader.skip(wireType, field);
    }
  }
  return sketch;
}

export function decodeMetricComponent(bytes: Uint8Array, field: string): MetricComponentMessage {
  const reader = new ProtoReader(bytes);
  let typeId = 0;
  let payload: ComponentPayload = { kind: 'none' };
  while (!reader.done) {
    const [number, wireType] = reader.tag(field);
    if (number === 1) {
      reader.expect(wireType, WireType.varint, `${field}.typeId`);
      const value = reader.uint(`${field}.typeId`);
      if (value > 0xffffffff) throw profileError(`${field}.typeId`, 'exceeds uint32');
      typeId = value;
    } else if (number === ComponentField.n) {
      reader.expect(wireType, WireType.varint, `${field}.n`);
      payload = { kind: 'n', value: reader.int64(`${field}.n`) };
    } else if (number === ComponentField.d) {
      reader.expect(wireType, WireType.fixed64, `${field}.d`);
      payload = { kind: 'd', value: reader.double(`${field}.d`) };
    } else if (sketchKinds[number] !== undefined) {
      const kind = sketchKinds[number]!;
      reader.expect(wireType, WireType.lengthDelimited, `${field}.${kind}`);
      payload = {
        kind,
        sketch: decodeSketchMessage(reader.lengthDelimited(`${field}.${kind}`), `${field}.${kind}`),
      };
    } else if (
      number === ComponentField.serializedBytes ||
      number === ComponentField.dataclassParam ||
      number === ComponentField.msg
    ) {
      reader.expect(wireType, WireType.lengthDelimited, `${field}.value`);
      payload = { kind: 'opaque', field: number, bytes: reader.lengthDelimited(`${field}.value`) };
    } else {
      reader.skip(wireType, field);
    }
  }
  return { typeId, payload };
}

/** Encodes like protobuf: `type_id` only when non-zero, then the oneof member (written even when zero). */
export function encodeMetricComponent(message: MetricComponentMessage, writer: ProtoWriter): void {
  if (message.typeId !== 0) writer.tag(1, WireType.varint).uint(message.typeId);
  const payload = message.payload;
  switch (payload.kind) {
    case 'n':
      writer.tag(ComponentField.n, WireType.varint).int64(payload.value);
      return;
    case 'd':
      writer.tag(ComponentField.d, WireType.fixed64).double(payload.value);
      return;
    case 'frequentItems':
    case 'hll':
    case 'kll':
    case 'cpc': {
      const inner = new ProtoWriter();
      // proto3 omits empty bytes; sketches are never empty in practice.
      if (payload.sketch.length > 0) inner.tag(1, WireType.lengthDelimited).bytes(payload.sketch);
      writer.tag(ComponentField[payload.kind], WireType.lengthDelimited).bytes(inner.finish());
      return;
    }
    case 'opaque':
      writer.tag(payload.field, WireType.lengthDelimited).bytes(payload.bytes);
      return;
    case 'none':
      return;
  }
}
