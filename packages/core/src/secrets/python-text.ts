/**
 * Python's text-mode reading of a secret file, which flytekit's `SecretsManager` uses: strict
 * UTF-8 (Python's error message on invalid bytes), universal newlines, then `str.strip()`.
 */

// Python's str.isspace() characters: unlike String.prototype.trim, \x1c–\x1f and U+0085 are
// whitespace and the BOM (U+FEFF) is not.
const pythonWhitespace = new Set(
  '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000',
);

/** Python's `str.strip()` with no argument. */
export function pythonStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && pythonWhitespace.has(text[start]!)) start++;
  while (end > start && pythonWhitespace.has(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** Thrown for bytes that are not UTF-8; the message is Python's `UnicodeDecodeError` text. */
export class Utf8DecodeError extends Error {}

function continuationRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function decodeFailure(bytes: Uint8Array, start: number, end: number, reason: string): Utf8DecodeError {
  const where =
    end - start <= 1
      ? `byte 0x${bytes[start]!.toString(16).padStart(2, '0')} in position ${start}`
      : `bytes in position ${start}-${end - 1}`;
  return new Utf8DecodeError(`'utf-8' codec can't decode ${where}: ${reason}`);
}

/** Finds the first invalid UTF-8 sequence the way CPython reports it. */
function checkUtf8(bytes: Uint8Array): void {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (length === 0) throw decodeFailure(bytes, index, index + 1, 'invalid start byte');
    for (let offset = 1; offset < length; offset++) {
      if (index + offset >= bytes.length)
        throw decodeFailure(bytes, index, bytes.length, 'unexpected end of data');
      const [low, high] = offset === 1 ? continuationRange(lead) : [0x80, 0xbf];
      const byte = bytes[index + offset]!;
      if (byte < low || byte > high)
        throw decodeFailure(bytes, index, index + offset, 'invalid continuation byte');
    }
    index += length;
  }
}

/** `open(path, "r").read()` for UTF-8 content: strict decoding and `\r\n`/`\r` → `\n`. */
export function pythonReadText(bytes: Uint8Array): string {
  checkUtf8(bytes);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/\r\n?/g, '\n');
}

/** Python's `os.path.join` (posix): an absolute part discards what came before; nothing is normalised. */
export function pythonPathJoin(first: string, ...rest: string[]): string {
  let path = first;
  for (const part of rest) {
    if (part.startsWith('/')) path = part;
    else if (path === '' || path.endsWith('/')) path += part;
    else path += `/${part}`;
  }
  return path;
}
