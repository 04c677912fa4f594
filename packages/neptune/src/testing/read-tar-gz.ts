import { gunzipSync } from 'node:zlib';

/**
 * The regular files of a gzip'd tar (ustar, pax `path` records, GNU long names), by path: what
 * the test server stores from a file-set package. Throws on a malformed archive, which the server
 * answers as a bad request.
 */
export function readTarGz(archive: Buffer): Map<string, Buffer> {
  const data = gunzipSync(archive);
  const files = new Map<string, Buffer>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= data.length) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) => {
      const raw = header.subarray(start, start + length);
      const end = raw.indexOf(0);
      return raw.subarray(0, end === -1 ? length : end).toString('utf8');
    };
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    if (Number.isNaN(size)) throw new Error(`tar: bad size at ${offset}`);
    const type = field(156, 1) || '0';
    const prefix = field(257, 6) === 'ustar' ? field(345, 155) : '';
    const name = prefix === '' ? field(0, 100) : `${prefix}/${field(0, 100)}`;
    const content = data.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') longName = paxPath(content) ?? longName;
    else if (type === 'L') longName = content.toString('utf8').replace(/\0+$/, '');
    else if (type === 'g') continue;
    else {
      if (type === '0' || type === '7') files.set(longName ?? name, Buffer.from(content));
      longName = undefined;
    }
  }
  return files;
}

function paxPath(records: Buffer): string | undefined {
  let path: string | undefined;
  let offset = 0;
  while (offset < records.length) {
    const space = records.indexOf(0x20, offset);
    if (space === -1) break;
    const length = Number.parseInt(records.subarray(offset, space).toString('ascii'), 10);
    if (!(length > 0)) break;
    const record = records.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (record.slice(0, equals) === 'path') path = record.slice(equals + 1);
    offset += length;
  }
  return path;
}
