import { profileError } from './profile-error';
import { ProtoReader, WireType } from './proto-reader';
import { ProtoWriter } from './proto-writer';

/** `DatasetProperties`: timestamps in epoch milliseconds, plus tag and metadata string maps. */
export interface DatasetProperties {
  schemaMajorVersion: number;
  schemaMinorVersion: number;
  creationTimestamp: number;
  datasetTimestamp: number;
  tags: Map<string, string>;
  metadata: Map<string, string>;
}

/** `DatasetProfileHeader`: where each column's chunks start in the body, and the metric-path index. */
export interface DatasetProfileHeader {
  properties: DatasetProperties;
  columnOffsets: Map<string, number[]>;
  length: number;
  indexedMetricPaths: Map<number, string>;
}

/** Code point order (Python's `sorted` on str); JS's default sort compares UTF-16 units instead. */
export function compareCodePoints(left: string, right: string): number {
  const leftLength = left.length;
  const rightLength = right.length;
  const length = Math.min(leftLength, rightLength);
  for (let index = 0; index < length; index++) {
    const a = left.charCodeAt(index);
    const b = right.charCodeAt(index);
    if (a === b) continue;
    // Surrogates (0xd800-0xdfff) encode code points above 0xffff, which sort after 0xe000-0xffff.
    const aSurrogate = a >= 0xd800 && a <= 0xdfff;
    const bSurrogate = b >= 0xd800 && b <= 0xdfff;
    if (aSurrogate !== bSurrogate) return aSurrogate ? 1 : -1;
    return a - b;
  }
  return leftLength - rightLength;
}

function decodeStringMapEntry(bytes: Uint8Array, field: string): [string, string] {
  const reader = new ProtoReader(bytes);
  let key = '';
  let value = '';
  while (!reader.done) {
    const [number, wireType] = reader.tag(field);
    if (number === 1 && wireType === WireType.lengthDelimited) key = reader.string(`${field}.key`);
    else if (number === 2 && wireType === WireType.lengthDelimited) value = reader.string(`${field}.value`);
    else reader.skip(wireType, field);
  }
  return [key, value];
}

function decodeProperties(bytes: Uint8Array, field: string): DatasetProperties {
  const reader = new ProtoReader(bytes);
  const properties: DatasetProperties = {
    schemaMajorVersion: 0,
    schemaMinorVersion: 0,
    creationTimestamp: 0,
    datasetTimestamp: 0,
    tags: new Map(),
    metadata: new Map(),
  };
  while (!reader.done) {
    const [number, wireType] = reader.tag(field);
    if (number === 1 && wireType === WireType.varint)
      properties.schemaMajorVersion = reader.uint(`${field}.schemaMajorVersion`);
    else if (number === 2 && wireType === WireType.varint)
      properties.schemaMinorVersion = reader.uint(`${field}.schemaMinorVersion`);
    else if (number === 4 && wireType === WireType.varint)
      properties.creationTimestamp = reader.uint(`${field}.creationTimestamp`);
    else if (number === 5 && wireType === WireType.varint)
      properties.datasetTimestamp = reader.uint(`${field}.datasetTimestamp`);
    else if ((number === 6 || number === 7) && wireType === WireType.lengthDelimited) {
      const name = number === 6 ? 'tags' : 'metadata';
      const [key, value] = decodeStringMapEntry(
        reader.lengthDelimited(`${field}.${name}`),
        `${field}.${name}`,
      );
      properties[name].set(key, value);
    } else reader.skip(wireType, field);
  }
  return properties;
}

/** `ChunkOffsets.offsets`: accepts packed (as Python writes) and unpacked encodings. */
function decodeChunkOffsets(bytes: Uint8Array, field: string): number[] {
  const reader = new ProtoReader(bytes);
  const offsets: number[] = [];
  while (!reader.done) {
    const [number, wireType] = reader.tag(field);
    if (number === 1 && wireType === WireType.lengthDelimited) {
      const packed = new ProtoReader(reader.lengthDelimited(field));
      while (!packed.done) offsets.push(packed.uint(`${field}.offsets`));
    } else if (number === 1 && wireType === WireType.varint) {
      offsets.push(reader.uint(`${field}.offsets`));
    } else reader.skip(wireType, field);
  }
  return offsets;
}

function decodeColumnOffsetsEntry(bytes: Uint8Array, field: string): [string, number[]] {
  const reader = new ProtoReader(bytes);
  let key = '';
  let offsets: number[] = [];
  while (!reader.done) {
    const [number, wireType] = reader.tag(field);
    if (number === 1 && wireType === WireType.lengthDelimited) key = reader.string(`${field}.key`);
    else if (number === 2 && wireType === WireType.lengthDelimited)
      offsets = decodeChunkOffsets(reader.lengthDelimited(field), field);
    else reader.skip(wireType, field);
  }
  return [key, offsets];
}

function decodeIndexedPathEntry(bytes: Uint8Array, field: string): [number, string] {
  const reader = new ProtoReader(bytes);
  let key = 0;
  let value = '';
  while (!reader.done) {
    const [number, wireType] = reader.tag(field);
    if (number === 1 && wireType === WireType.varint) key = reader.uint(`${field}.key`);
    else if (number === 2 && wireType === WireType.lengthDelimited) value = reader.string(`${field}.value`);
    else reader.skip(wireType, field);
  }
  if (key > 0xffffffff) throw profileError(`${field}.key`, 'exceeds uint32');
  return [key, value];
}

export function decodeDatasetProfileHeader(bytes: Uint8Array, field: string): DatasetProfileHeader {
  const reader = new ProtoReader(bytes);
  let properties: DatasetProperties | undefined;
  const columnOffsets = new Map<string, number[]>();
  const indexedMetricPaths = new Map<number, string>();
  let length = 0;
  while (!reader.done) {
    const [number, wireType] = reader.tag(field);
    if (number === 1 && wireType === WireType.lengthDelimited) {
      properties = decodeProperties(reader.lengthDelimited(`${field}.properties`), `${field}.properties`);
    } else if (number === 2 && wireType === WireType.lengthDelimited) {
      const [name, offsets] = decodeColumnOffsetsEntry(
        reader.lengthDelimited(`${field}.columnOffsets`),
        `${field}.columnOffsets`,
      );
      columnOffsets.set(name, offsets);
    } else if (number === 4 && wireType === WireType.varint) {
      length = reader.uint(`${field}.length`);
    } else if (number === 5 && wireType === WireType.lengthDelimited) {
      const [index, path] = decodeIndexedPathEntry(
        reader.lengthDelimited(`${field}.indexedMetricPaths`),
        `${field}.indexedMetricPaths`,
      );
      indexedMetricPaths.set(index, path);
    } else {
      reader.skip(wireType, field);
    }
  }
  return {
    properties: properties ?? {
      schemaMajorVersion: 0,
      schemaMinorVersion: 0,
      creationTimestamp: 0,
      datasetTimestamp: 0,
      tags: new Map(),
      metadata: new Map(),
    },
    columnOffsets,
    length,
    indexedMetricPaths,
  };
}

function encodeStringMap(writer: ProtoWriter, fieldNumber: number, map: Map<string, string>): void {
  for (const key of [...map.keys()].sort(compareCodePoints)) {
    // Python's map entries always carry both key and value, even when empty.
    const entry = new ProtoWriter().tag(1, WireType.lengthDelimited).string(key);
    entry.tag(2, WireType.lengthDelimited).string(map.get(key)!);
    writer.tag(fieldNumber, WireType.lengthDelimited).bytes(entry.finish());
  }
}

function encodeProperties(properties: DatasetProperties): Uint8Array {
  const writer = new ProtoWriter();
  if (properties.schemaMajorVersion) writer.tag(1, WireType.varint).uint(properties.schemaMajorVersion);
  if (properties.schemaMinorVersion) writer.tag(2, WireType.varint).uint(properties.schemaMinorVersion);
  if (properties.creationTimestamp) writer.tag(4, WireType.varint).uint(properties.creationTimestamp);
  if (properties.datasetTimestamp) writer.tag(5, WireType.varint).uint(properties.datasetTimestamp);
  encodeStringMap(writer, 6, properties.tags);
  encodeStringMap(writer, 7, properties.metadata);
  return writer.finish();
}

/** Encodes with map entries in ascending key order (deterministic serialization); Python's order varies. */
export function encodeDatasetProfileHeader(header: DatasetProfileHeader): Uint8Array {
  const writer = new ProtoWriter();
  writer.tag(1, WireType.lengthDelimited).bytes(encodeProperties(header.properties));
  for (const name of [...header.columnOffsets.keys()].sort(compareCodePoints)) {
    const offsets = new ProtoWriter();
    for (const offset of header.columnOffsets.get(name)!) offsets.uint(offset);
    const chunkOffsets = new ProtoWriter();
    if (offsets.length > 0) chunkOffsets.tag(1, WireType.lengthDelimited).bytes(offsets.finish());
    const entry = new ProtoWriter().tag(1, WireType.lengthDelimited).string(name);
    entry.tag(2, WireType.lengthDelimited).bytes(chunkOffsets.finish());
    writer.tag(2, WireType.lengthDelimited).bytes(entry.finish());
  }
  if (header.length) writer.tag(4, WireType.varint).uint(header.length);
  for (const index of [...header.indexedMetricPaths.keys()].sort((a, b) => a - b)) {
    // Python writes the key even when it is 0 (`08 00`), so we do too; the bytes then match §1.5.
    const entry = new ProtoWriter().tag(1, WireType.varint).uint(index);
    entry.tag(2, WireType.lengthDelimited).string(header.indexedMetricPaths.get(index)!);
    writer.tag(5, WireType.lengthDelimited).bytes(entry.finish());
  }
  return writer.finish();
}
