import { compareCodePoints, decodeDatasetProfileHeader } from '../wire/dataset-profile-header';
import { decodeMetricComponent, type MetricComponentMessage } from '../wire/metric-component-message';
import { profileError } from '../wire/profile-error';
import { ProtoReader, WireType } from '../wire/proto-reader';
import { CHUNK_TYPE_COLUMN, type ProfileFile, WHYLOGS_MAGIC } from './profile-file';

function decodeChunkHeader(bytes: Uint8Array, field: string): { type: number; length: number } {
  const reader = new ProtoReader(bytes);
  let type = 0;
  let length = 0;
  while (!reader.done) {
    const [number, wireType] = reader.tag(field);
    if (number === 1 && wireType === WireType.varint) type = reader.uint(`${field}.type`);
    else if (number === 3 && wireType === WireType.varint) length = reader.uint(`${field}.length`);
    else reader.skip(wireType, field);
  }
  return { type, length };
}

/** Validates the wire structure of the segment header; its content is not needed to read the profile. */
function checkSegmentHeader(bytes: Uint8Array, field: string): void {
  const reader = new ProtoReader(bytes);
  while (!reader.done) {
    const [, wireType] = reader.tag(field);
    reader.skip(wireType, field);
  }
}

function decodeChunkMessage(
  bytes: Uint8Array,
  paths: Map<number, string>,
  into: Map<string, MetricComponentMessage>,
  field: string,
): void {
  const reader = new ProtoReader(bytes);
  while (!reader.done) {
    const [number, wireType] = reader.tag(field);
    if (number !== 1 || wireType !== WireType.lengthDelimited) {
      reader.skip(wireType, field);
      continue;
    }
    const entry = new ProtoReader(reader.lengthDelimited(`${field}.metricComponents`));
    let index = 0;
    let component: MetricComponentMessage = { typeId: 0, payload: { kind: 'none' } };
    while (!entry.done) {
      const [entryNumber, entryWireType] = entry.tag(`${field}.metricComponents`);
      if (entryNumber === 1 && entryWireType === WireType.varint)
        index = entry.uint(`${field}.metricComponents.key`);
      else if (entryNumber === 2 && entryWireType === WireType.lengthDelimited) {
        component = decodeMetricComponent(
          entry.lengthDelimited(`${field}.metricComponents.value`),
          `${field}.metricComponents[${index}]`,
        );
      } else entry.skip(entryWireType, `${field}.metricComponents`);
    }
    const path = paths.get(index);
    if (path === undefined) {
      throw profileError(`${field}.metricComponents`, `metric index ${index} is not in indexed_metric_paths`);
    }
    into.set(path, component);
  }
}

/**
 * The offsets with repeats removed, each kept at its last position: a chunk read again overwrites the same
 * components with the same values, so only the order of last reads matters (as in whylogs' reader).
 */
function lastOccurrences(offsets: readonly number[]): number[] {
  const seen = new Set<number>();
  const kept: number[] = [];
  for (let index = offsets.length - 1; index >= 0; index--) {
    const offset = offsets[index]!;
    if (seen.has(offset)) continue;
    seen.add(offset);
    kept.push(offset);
  }
  return kept.reverse();
}

/**
 * Reads a whylogs v1 profile the way `DatasetProfileView._do_read` does: magic, delimited segment header,
 * delimited profile header, then each column's chunks at BODY_START + offset. Corrupt input throws an
 * `InvalidOptionError` whose `option` names the broken part (`profile.magic`, `profile.header`, …). The work
 * is bounded by the file's size: repeated offsets decode once, and chunks shared between columns are refused.
 */
export function decodeProfileFile(bytes: Uint8Array): ProfileFile {
  if (!(bytes instanceof Uint8Array)) throw profileError('profile', 'expected a Uint8Array');
  if (bytes.length < 4)
    throw profileError('profile.magic', `file has ${bytes.length} bytes, too short for the WHY1 magic`);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== WHYLOGS_MAGIC) {
    throw profileError(
      'profile.magic',
      `expected "WHY1", found bytes ${[...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`,
    );
  }
  const reader = new ProtoReader(bytes, 4);
  checkSegmentHeader(reader.lengthDelimited('profile.segmentHeader'), 'profile.segmentHeader');
  const headerBytes = reader.lengthDelimited('profile.header');
  if (headerBytes.length === 0) throw profileError('profile.header', 'the dataset profile header is empty');
  const header = decodeDatasetProfileHeader(headerBytes, 'profile.header');
  const bodyStart = reader.offset;

  const columns = new Map<string, Map<string, MetricComponentMessage>>();
  // The writer stores every chunk once, so decoding never needs more bytes than the file holds. Offsets that
  // repeat or columns that share chunks would make a small file decode (and allocate sketches) without bound.
  let decodedBytes = 0;
  for (const name of [...header.columnOffsets.keys()].sort(compareCodePoints)) {
    const components = new Map<string, MetricComponentMessage>();
    const field = `profile.columns[${JSON.stringify(name)}]`;
    for (const offset of lastOccurrences(header.columnOffsets.get(name)!)) {
      const position = bodyStart + offset;
      if (position >= bytes.length) {
        throw profileError(`${field}.offset`, `chunk offset ${offset} points past the end of the file`);
      }
      const chunkReader = new ProtoReader(bytes, position);
      const chunkHeader = decodeChunkHeader(
        chunkReader.lengthDelimited(`${field}.chunkHeader`),
        `${field}.chunkHeader`,
      );
      if (chunkHeader.type !== CHUNK_TYPE_COLUMN) {
        throw profileError(`${field}.chunkHeader.type`, `expected COLUMN (2), found ${chunkHeader.type}`);
      }
      if (chunkHeader.length > bytes.length - chunkReader.offset) {
        throw profileError(
          `${field}.chunkHeader.length`,
          `chunk length ${chunkHeader.length} exceeds the ${bytes.length - chunkReader.offset} bytes left`,
        );
      }
      decodedBytes += chunkReader.offset - position + chunkHeader.length;
      if (decodedBytes > bytes.length) {
        throw profileError(
          `${field}.offset`,
          `chunk offset ${offset} is also read by another column: the chunks would decode more than the file's ${bytes.length} bytes`,
        );
      }
      const chunk = bytes.subarray(chunkReader.offset, chunkReader.offset + chunkHeader.length);
      decodeChunkMessage(chunk, header.indexedMetricPaths, components, `${field}.chunk`);
    }
    columns.set(name, components);
  }
  return { properties: header.properties, columns };
}
