import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { CorruptFileError } from '@tasklens/core';

/** Reads every entry of a zip archive (stored or deflated), keyed by name. */
export function readZipArchive(path: string): Map<string, Buffer> {
  const archive = readFileSync(path);
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0)
    throw new CorruptFileError({
      path,
      field: 'endOfCentralDirectory',
      message: `${path} is not a zip archive (no end of central directory)`,
    });
  const count = archive.readUInt16LE(end + 10);
  let position = archive.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    const method = archive.readUInt16LE(position + 10);
    const compressedSize = archive.readUInt32LE(position + 20);
    const nameLength = archive.readUInt16LE(position + 28);
    const extraLength = archive.readUInt16LE(position + 30);
    const commentLength = archive.readUInt16LE(position + 32);
    const localOffset = archive.readUInt32LE(position + 42);
    const name = archive.subarray(position + 46, position + 46 + nameLength).toString('utf8');
    const dataStart =
      localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
