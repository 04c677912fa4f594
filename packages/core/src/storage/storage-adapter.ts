/** Options of a write. */
export interface WriteOptions {
  /** Content type stored with the object (e.g. `text/html` for deck.html); default none. */
  contentType?: string;
}

/**
 * One blob-store backend (local files, S3, GCS). URIs are absolute (`s3://bucket/key`,
 * `file:///path` or a plain path); every method throws `StorageError` naming the URI.
 */
export interface StorageAdapter {
  /** Reads a whole object. */
  read(uri: string): Promise<Uint8Array>;
  /** Writes a whole object, replacing it. */
  write(uri: string, data: Uint8Array, options?: WriteOptions): Promise<void>;
  /** True when the object exists. */
  exists(uri: string): Promise<boolean>;
  /** Relative paths (with `/`) of every object under a directory-like prefix. */
  list(uri: string): Promise<string[]>;
  /** Copies an object to a local file (parent directories are created). */
  downloadFile(uri: string, localPath: string): Promise<void>;
  /** Copies a local file to an object. */
  uploadFile(localPath: string, uri: string, options?: WriteOptions): Promise<void>;
}

/** The scheme of a storage URI: `s3`, `gs`, `file` (also for plain paths), or another scheme. */
export function uriScheme(uri: string): string {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(uri);
  return match === null ? 'file' : match[1]!.toLowerCase();
}

/** True for URIs that name something outside this machine. */
export function isRemoteUri(uri: string): boolean {
  return uriScheme(uri) !== 'file';
}

/** Splits `s3://bucket/some/key` into bucket and key. */
export function splitBucketUri(uri: string): { bucket: string; key: string } {
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (match === null) return { bucket: '', key: '' };
  return { bucket: match[1]!, key: match[2]! };
}

/** `prefix` + `/` + `name`, without doubling slashes. */
export function joinUri(prefix: string, ...names: string[]): string {
  let result = prefix;
  for (const name of names) {
    if (name === '') continue;
    result = `${result.replace(/\/+$/, '')}/${name.replace(/^\/+/, '')}`;
  }
  return result;
}
