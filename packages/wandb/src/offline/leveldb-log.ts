import { crc32 } from 'node:zlib';
import { InvalidOptionError } from '@tasklens/core';

/** `:W&B`, magic 0xBEE1 (LE), version 0: the 7-byte header of every `.wandb` file. */
export const wandbFileHeader = Uint8Array.from([0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00]);
const blockSize = 32768;
const chunkHeaderSize = 7;
const chunkType = { full: 1, first: 2, middle: 3, last: 4 } as const;

/**
 * Frames records as W&B's datastore does (LevelDB log format): 32 KiB blocks, chunks that never
 * cross a block, a 7-byte chunk header with plain CRC-32 (IEEE, not CRC32C, no masking) over the
 * type byte and payload. Starts after the file header, so block 0 holds 32761 usable bytes.
 */
export class LevelDbLogFramer {
  /** Absolute file position of the next byte. */
  private position = wandbFileHeader.length;

  /** The bytes to append to the file for one record. */
  frame(record: Uint8Array): Uint8Array {
    return Buffer.concat(this.frameParts(record));
  }

  /** The same bytes as `frame`, as pieces (headers, payload slices, padding) to avoid a copy. */
  frameParts(record: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let offset = 0;
    let first = true;
    for (;;) {
      const left = blockSize - (this.position % blockSize);
      if (left < chunkHeaderSize) {
        out.push(new Uint8Array(left));
        this.position += left;
        continue;
      }
      const room = left - chunkHeaderSize;
      const remaining = record.length - offset;
      const fits = remaining <= room;
      const size = fits ? remaining : room;
      const type = first
        ? fits
          ? chunkType.full
          : chunkType.first
        : fits
          ? chunkType.last
          : chunkType.middle;
      const payload = record.subarray(offset, offset + size);
      out.push(chunkHeader(type, payload), payload);
      this.position += chunkHeaderSize + size;
      offset += size;
      first = false;
      if (fits) break;
    }
    return out;
  }
}

/** CRC-32 of each chunk type byte, the seed of every chunk checksum. */
const typeSeeds = [0, 1, 2, 3, 4].map((type) => crc32(Uint8Array.of(type)));

function chunkHeader(type: number, payload: Uint8Array): Uint8Array {
  const header = Buffer.allocUnsafe(chunkHeaderSize);
  const checksum = crc32(payload, typeSeeds[type]);
  header.writeUInt32LE(checksum >>> 0, 0);
  header.writeUInt16LE(payload.length, 4);
  header[6] = type;
  return header;
}

/** Where and why reading a `.wandb` file stopped before its end. */
export interface LevelDbLogDamage {
  /** Byte offset of the first chunk that could not be read. */
  readonly offset: number;
  /** What was wrong there, e.g. `truncated chunk`. */
  readonly reason: string;
}

/**
 * Reads every whole record of a `.wandb` file up to the first damage (a file cut off by a kill,
 * a bad checksum, a broken chunk sequence), as `wandb sync` does, and reports where it stopped.
 * Only a missing `:W&B` header throws (`InvalidOptionError` naming `path`): that is not a
 * `.wandb` file at all.
 */
export function readLevelDbLogUntilDamage(bytes: Uint8Array): {
  records: Uint8Array[];
  damage: LevelDbLogDamage | undefined;
} {
  if (
    bytes.length < wandbFileHeader.length ||
    !wandbFileHeader.every((byte, index) => bytes[index] === byte)
  ) {
    throw new InvalidOptionError({
      option: 'path',
      message: 'not a valid .wandb file: missing the :W&B header',
    });
  }
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Uint8Array[] = [];
  let pending: Uint8Array[] | undefined;
  let pendingStart = 0;
  let position = wandbFileHeader.length;
  const stop = (offset: number, reason: string) => ({ records, damage: { offset, reason } });
  while (position < bytes.length) {
    const left = blockSize - (position % blockSize);
    if (left < chunkHeaderSize) {
      if (bytes.subarray(position, position + left).some((byte) => byte !== 0))
        return stop(position, 'non-zero block trailer');
      position += left;
      continue;
    }
    if (position + chunkHeaderSize > bytes.length) return stop(position, 'truncated chunk header');
    const checksum = view.readUInt32LE(position);
    const length = view.readUInt16LE(position + 4);
    const type = view[position + 6]!;
    if (type === 0 && length === 0 && checksum === 0) {
      // Zero-filled rest of a block (a writer that pre-allocated): skip to the next block.
      position += left;
      continue;
    }
    if (chunkHeaderSize + length > left) return stop(position, 'chunk crosses a block boundary');
    const payload = bytes.subarray(position + chunkHeaderSize, position + chunkHeaderSize + length);
    if (payload.length !== length) return stop(position, 'truncated chunk');
    if (crc32(payload, typeSeeds[type] ?? crc32(Uint8Array.of(type))) >>> 0 !== checksum)
      return stop(position, 'bad checksum');
    const chunkStart = position;
    position += chunkHeaderSize + length;
    if (type === chunkType.full) {
      if (pending !== undefined) return stop(pendingStart, 'FULL chunk inside a fragmented record');
      records.push(payload);
    } else if (type === chunkType.first) {
      if (pending !== undefined) return stop(pendingStart, 'FIRST chunk inside a fragmented record');
      pending = [payload];
      pendingStart = chunkStart;
    } else if (type === chunkType.middle || type === chunkType.last) {
      if (pending === undefined) return stop(chunkStart, 'MIDDLE/LAST chunk without FIRST');
      pending.push(payload);
      if (type === chunkType.last) {
        records.push(Buffer.concat(pending));
        pending = undefined;
      }
    } else return stop(chunkStart, `unknown chunk type ${type}`);
  }
  if (pending !== undefined) return stop(pendingStart, 'file ends inside a fragmented record');
  return { records, damage: undefined };
}

/**
 * Reads every record of a `.wandb` file, verifying the header, each checksum, zero padding and
 * the FIRST/MIDDLE/LAST sequence. Throws `InvalidOptionError` naming `path` on corruption (use
 * `readLevelDbLogUntilDamage` to keep the records before it).
 */
export function readLevelDbLog(bytes: Uint8Array): Uint8Array[] {
  const { records, damage } = readLevelDbLogUntilDamage(bytes);
  if (damage !== undefined) {
    throw new InvalidOptionError({
      option: 'path',
      message: `not a valid .wandb file: ${damage.reason} at byte ${damage.offset}`,
    });
  }
  return records;
}
