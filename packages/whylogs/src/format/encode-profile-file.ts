import { compareCodePoints, encodeDatasetProfileHeader } from '../wire/dataset-profile-header';
import { encodeMetricComponent } from '../wire/metric-component-message';
import { WireType } from '../wire/proto-reader';
import { ProtoWriter } from '../wire/proto-writer';
import { CHUNK_TYPE_COLUMN, type ProfileFile, WHYLOGS_MAGIC } from './profile-file';

/**
 * Writes a whylogs v1 profile as `DatasetProfileView._do_write` does: paths indexed in code-point order,
 * columns in code-point order, each a delimited `ChunkHeader{COLUMN, length}` followed by its `ChunkMessage`.
 * Map entries are written in ascending key order so the output is deterministic.
 */
export function encodeProfileFile(file: ProfileFile): Uint8Array {
  const pathSet = new Set<string>();
  for (const components of file.columns.values()) for (const path of components.keys()) pathSet.add(path);
  const paths = [...pathSet].sort(compareCodePoints);
  const indexOfPath = new Map(paths.map((path, index) => [path, index]));

  const body = new ProtoWriter();
  const columnOffsets = new Map<string, number[]>();
  for (const name of [...file.columns.keys()].sort(compareCodePoints)) {
    columnOffsets.set(name, [body.length]);
    const components = file.columns.get(name)!;
    const chunk = new ProtoWriter();
    const entries = [...components.entries()].sort(
      (left, right) => indexOfPath.get(left[0])! - indexOfPath.get(right[0])!,
    );
    for (const [path, component] of entries) {
      const value = new ProtoWriter();
      encodeMetricComponent(component, value);
      const entry = new ProtoWriter().tag(1, WireType.varint).uint(indexOfPath.get(path)!);
      entry.tag(2, WireType.lengthDelimited).bytes(value.finish());
      chunk.tag(1, WireType.lengthDelimited).bytes(entry.finish());
    }
    const chunkBytes = chunk.finish();
    const chunkHeader = new ProtoWriter().tag(1, WireType.varint).uint(CHUNK_TYPE_COLUMN);
    if (chunkBytes.length > 0) chunkHeader.tag(3, WireType.varint).uint(chunkBytes.length);
    body.bytes(chunkHeader.finish()).raw(chunkBytes);
  }

  const header = encodeDatasetProfileHeader({
    properties: file.properties,
    columnOffsets,
    length: body.length,
    indexedMetricPaths: new Map(paths.map((path, index) => [index, path])),
  });
  const output = new ProtoWriter();
  output.raw(new TextEncoder().encode(WHYLOGS_MAGIC));
  output.uint(0); // empty DatasetSegmentHeader
  output.bytes(header);
  output.raw(body.finish());
  return output.finish();
}
