import { readFileSync, statSync } from 'node:fs';
import type { FileSetEntry } from './file-set-packages';

const block = 512;
/** Python's tarfile pads an archive to whole records of 20 blocks. */
const record = 20 * block;

/**
 * A file-set package as neptune 1.x sends it to `uploadFileSetAttributeTar`: a gzip'd POSIX
 * (pax) tar of the files, links followed, written like Python's `tarfile` in its default format
 * (a pax header carries a long or non-ASCII path and the sub-second mtime).
 */
export function tarGzArchive(entries: readonly FileSetEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const stats = statSync(entry.source);
    const content = readFileSync(entry.source);
    const mtime = stats.mtimeMs / 1000;
    const pax: [string, string][] = [];
    const nameBytes = Buffer.byteLength(entry.target);
    // A long or non-ASCII name (more bytes than characters) goes in the pax header, as tarfile does.
    if (nameBytes > 100 || nameBytes !== entry.target.length) pax.push(['path', entry.target]);
    if (!Number.isInteger(mtime)) pax.push(['mtime', String(mtime)]);
    if (pax.length > 0) {
      const records = Buffer.from(pax.map(([key, value]) => paxRecord(key, value)).join(''));
      parts.push(header({ name: '././@PaxHeader', mode: 0, size: records.length, mtime: 0, type: 'x' }));
      parts.push(padded(records));
    }
    parts.push(
      header({
        name: entry.target,
        mode: stats.mode & 0o7777,
        uid: stats.uid,
        gid: stats.gid,
        size: content.length,
        mtime: Math.round(mtime),
        type: '0',
      }),
    );
    parts.push(padded(content));
  }
  parts.push(Buffer.alloc(2 * block));
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  parts.push(Buffer.alloc((record - (length % record)) % record));
  // node:zlib takes several ms to load and only file-set uploads need it: loaded on first use,
  // not when the package is imported.
  const { gzipSync } = process.getBuiltinModule('node:zlib');
  return gzipSync(Buffer.concat(parts));
}

interface Header {
  name: string;
  mode: number;
  uid?: number;
  gid?: number;
  size: number;
  mtime: number;
  type: string;
}

/** One ustar header block (`%0No` numbers, checksum over the block with its own field as spaces). */
function header(fields: Header): Buffer {
  const buffer = Buffer.alloc(block);
  const text = (value: string, offset: number, length: number) =>
    buffer.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
  const number = (value: number, offset: number, length: number) =>
    text(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
  text(truncate(fields.name, 100), 0, 100);
  number(fields.mode, 100, 8);
  number(fields.uid ?? 0, 108, 8);
  number(fields.gid ?? 0, 116, 8);
  number(fields.size, 124, 12);
  number(fields.mtime, 136, 12);
  text(' '.repeat(8), 148, 8);
  text(fields.type, 156, 1);
  text('ustar\x0000', 257, 8);
  number(0, 329, 8);
  number(0, 337, 8);
  let checksum = 0;
  for (const byte of buffer) checksum += byte;
  text(`${checksum.toString(8).padStart(6, '0')}\0`, 148, 7);
  return buffer;
}

/** `"<length> <key>=<value>\n"`, the length counting itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyLength = Buffer.byteLength(body);
  let length = bodyLength + String(bodyLength).length;
  if (String(length).length + bodyLength !== length) length++;
  return `${length}${body}`;
}

function padded(content: Buffer): Buffer {
  const rest = (block - (content.length % block)) % block;
  return rest === 0 ? content : Buffer.concat([content, Buffer.alloc(rest)]);
}

/** At most `bytes` UTF-8 bytes of `name`, whole characters only (the full name is in the pax header). */
function truncate(name: string, bytes: number): string {
  let result = '';
  for (const character of name) {
    if (Buffer.byteLength(result + character) > bytes) break;
    result += character;
  }
  return result;
}
