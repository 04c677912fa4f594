import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { pythonDefaultMimeTypes } from './python-default-mime-types';

/** What neptune-scale sends when nothing else names the type. */
export const defaultMimeType = 'application/octet-stream';

/** neptune-scale's `EXTRA_TYPES`, added when Python's table does not know the extension. */
const extraTypes: readonly (readonly [string, string])[] = [
  ['.yaml', 'application/yaml'],
  ['.yml', 'application/yaml'],
  ['.r', 'text/x-r'],
  ['.ipynb', 'application/x-ipynb+json'],
  ['.md', 'text/markdown'],
  ['.sql', 'application/x-sql'],
  ['.webp', 'image/webp'],
];

/** Python's `mimetypes.knownfiles`: read in this order, later entries overriding earlier ones. */
const knownFiles = [
  '/etc/mime.types',
  '/etc/httpd/mime.types',
  '/etc/httpd/conf/mime.types',
  '/etc/apache/mime.types',
  '/etc/apache2/mime.types',
  '/usr/local/etc/httpd/conf/mime.types',
  '/usr/local/lib/netscape/mime.types',
  '/usr/local/etc/httpd/conf/mime.types',
  '/usr/local/etc/mime.types',
];

const suffixMap: Readonly<Record<string, string>> = {
  '.svgz': '.svg.gz',
  '.tgz': '.tar.gz',
  '.taz': '.tar.gz',
  '.tz': '.tar.gz',
  '.tbz2': '.tar.bz2',
  '.txz': '.tar.xz',
};
const encodings = new Set(['.gz', '.Z', '.bz2', '.xz', '.br']);

interface MimeTable {
  byExtension: Map<string, string>;
  extensionsByType: Map<string, string[]>;
}

let table: MimeTable | undefined;

/** Python's `mimetypes` database as `init()` builds it: the defaults, then the machine's files. */
function mimeTable(): MimeTable {
  if (table !== undefined) return table;
  const built: MimeTable = { byExtension: new Map(), extensionsByType: new Map() };
  const add = (type: string, extension: string) => {
    built.byExtension.set(extension, type);
    const extensions = built.extensionsByType.get(type) ?? [];
    if (!extensions.includes(extension)) extensions.push(extension);
    built.extensionsByType.set(type, extensions);
  };
  for (const [extension, type] of pythonDefaultMimeTypes) add(type, extension);
  for (const file of knownFiles) {
    if (!existsSync(file)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const [type, ...suffixes] = (line.split('#')[0] ?? '').split(/\s+/).filter((word) => word !== '');
      if (type !== undefined) for (const suffix of suffixes) add(type, `.${suffix}`);
    }
  }
  for (const [extension, type] of extraTypes) if (!built.byExtension.has(extension)) add(type, extension);
  table = built;
  return built;
}

/** `posixpath.splitext`: the extension of the last component, ignoring its leading dots. */
function splitExtension(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash) return [path, ''];
  let start = slash + 1;
  while (start < dot && path[start] === '.') start++;
  return start === dot ? [path, ''] : [path.slice(0, dot), path.slice(dot)];
}

/** Python's `mimetypes.guess_type(path)[0]` (strict), with neptune-scale's extra types. */
export function guessTypeFromName(path: string): string | undefined {
  const { byExtension } = mimeTable();
  // A leading `scheme:` is taken for a URL scheme and dropped, as Python does.
  let [base, extension] = splitExtension(path.replace(/^[^/:]+:/, ''));
  while (suffixMap[extension.toLowerCase()] !== undefined)
    [base, extension] = splitExtension(base + suffixMap[extension.toLowerCase()]);
  // Encodings are matched case-sensitively, types lower-cased, as in Python 3.11.
  if (encodings.has(extension)) [base, extension] = splitExtension(base);
  return byExtension.get(extension.toLowerCase());
}

/** Python's `mimetypes.guess_extension(type)`: the type's first known extension. */
export function guessExtension(type: string): string | undefined {
  return mimeTable().extensionsByType.get(type.toLowerCase())?.[0];
}

/**
 * Magic numbers of common formats, as the `filetype` package recognises them from the first
 * bytes. Only these few are ported; other content falls back to `application/octet-stream`.
 */
function guessTypeFromContent(head: Uint8Array): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
  const ascii = (offset: number, text: string) =>
    Buffer.from(head.subarray(offset, offset + text.length)).toString('latin1') === text;
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x47, 0x49, 0x46)) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (starts(0x42, 0x4d)) return 'image/bmp';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x1f, 0x8b, 0x08)) return 'application/gzip';
  if (starts(0x50, 0x4b) && (head[2] === 0x3 || head[2] === 0x5 || head[2] === 0x7)) return 'application/zip';
  return undefined;
}

/** neptune-scale's `guess_mime_type_from_file`: the name, then the destination, then the content. */
export function guessMimeTypeFromFile(path: string, destination?: string): string {
  const named = guessTypeFromName(path) ?? (destination ? guessTypeFromName(destination) : undefined);
  if (named !== undefined) return named;
  const head = new Uint8Array(262);
  const descriptor = openSync(path, 'r');
  try {
    readSync(descriptor, head, 0, head.length, 0);
  } finally {
    closeSync(descriptor);
  }
  return guessTypeFromContent(head) ?? defaultMimeType;
}

/** neptune-scale's `guess_mime_type_from_bytes`: the destination's name, then the content. */
export function guessMimeTypeFromBytes(data: Uint8Array, destination?: string): string {
  return (
    (destination ? guessTypeFromName(destination) : undefined) ??
    guessTypeFromContent(data.subarray(0, 262)) ??
    defaultMimeType
  );
}
