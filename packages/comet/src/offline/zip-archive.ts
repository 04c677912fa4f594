import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { CorruptFileError } from '@tasklens/core';

/** One file of a zip archive: its bytes in memory, or a byte range of a file on disk. */
export type ZipEntry =
  | { readonly name: string; readonly data: Uint8Array }
  | { readonly name: string; readonly path: string; readonly size: number; readonly crc: number };

const chunkSize = 1 << 20;

/**
 * Writes a zip of stored (uncompressed) entries, the layout the Python SDK's own offline archives
 * use. Entries on disk are streamed in 1 MiB chunks with their CRC-32 precomputed by the caller,
 * so a checkpoint costs one sequential copy and no compression.
 */
export function writeZipArchive(path: string, entries: readonly ZipEntry[]): void {
  const descriptor = openSync(path, 'w');
  try {
    let offset = 0;
    const central: Buffer[] = [];
    const { time, date } = dosDateTime(new Date());
    for (const entry of entries) {
      const name = Buffer.from(entry.name, 'utf8');
      const size = 'data' in entry ? entry.data.length : entry.size;
      const crc = 'data' in entry ? crc32(entry.data) : entry.crc;
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(0, 8); // stored
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(size, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      writeSync(descriptor, local);
      writeSync(descriptor, name);
      if ('data' in entry) writeSync(descriptor, entry.data);
      else copyRange(entry.path, entry.size, descriptor);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(0x031e, 4); // made by unix, spec 3.0
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x0800, 8);
      header.writeUInt16LE(0, 10);
      header.writeUInt16LE(time, 12);
      header.writeUInt16LE(date, 14);
      header.writeUInt32LE(crc >>> 0, 16);
      header.writeUInt32LE(size, 20);
      header.writeUInt32LE(size, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt32LE((0o100644 << 16) >>> 0, 38);
      header.writeUInt32LE(offset, 42);
      central.push(header, name);
      offset += 30 + name.length + size;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    writeSync(descriptor, directory);
    writeSync(descriptor, end);
  } finally {
    closeSync(descriptor);
  }
}

function copyRange(path: string, size: number, target: number): void {
  const source = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(chunkSize, Math.max(size, 1)));
    let position = 0;
    while (position < size) {
      const read = readSync(source, buffer, 0, Math.min(buffer.length, size - position), position);
      if (read === 0)
        throw new CorruptFileError({
          path,
          field: 'size',
          message: `${path} is shorter than the ${size} bytes journaled`,
        });
      writeSync(target, buffer, 0, read);
      position += read;
    }
  } finally {
    closeSync(source);
  }
}

function dosDateTime(now: Date): { time: number; date: number } {
  return {
    time: (now.getHours() << 11) | (now.getMinutes() << 5) | Math.floor(now.getSeconds() / 2),
    date: ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate(),
  };
}
