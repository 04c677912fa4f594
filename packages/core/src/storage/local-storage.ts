import { copyFile, mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomHex } from '../ids/random-hex';
import type { StorageAdapter } from './storage-adapter';
import { describeCause, StorageError } from './storage-error';

/** The local path of a `file://` URI or a plain path. */
export function localPathOf(uri: string): string {
  if (uri.startsWith('file://')) {
    // `file:///abs` is the normal form; flytekit also writes `file://abs` style paths at times.
    return uri.startsWith('file:///') ? fileURLToPath(uri) : `/${uri.slice('file://'.length)}`;
  }
  return uri;
}

/**
 * Files below `directory`, relative to `root`. Symlinks are followed like fsspec's local listing
 * (which flytekit uploads directories with) follows them: a link to a directory is listed as that
 * directory's files; a directory reached twice through links (a cycle) is listed once.
 */
async function listFiles(root: string, directory: string, seen = new Set<string>()): Promise<string[]> {
  seen.add(await realpath(directory));
  const entries = await readdir(directory, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    const isDirectory = entry.isSymbolicLink() ? (await stat(path)).isDirectory() : entry.isDirectory();
    if (isDirectory) {
      if (!seen.has(await realpath(path))) files.push(...(await listFiles(root, path, seen)));
    } else files.push(relative(root, path).split(sep).join('/'));
  }
  return files.sort();
}

/**
 * Writes through a temporary sibling and a rename, so a reader (propeller reading outputs.pb, a
 * retry) never sees half a file, and a crash leaves the old file or none.
 */
async function atomically(path: string, write: (temporaryPath: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporaryPath = `${path}.tasklens-${randomHex(6)}.tmp`;
  try {
    await write(temporaryPath);
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

/** Local files, addressed by plain paths or `file://` URIs. */
export class LocalStorage implements StorageAdapter {
  async read(uri: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(localPathOf(uri)));
    } catch (error) {
      throw new StorageError({ uri, message: `Cannot read ${uri}: ${describeCause(error)}`, cause: error });
    }
  }

  async write(uri: string, data: Uint8Array): Promise<void> {
    const path = localPathOf(uri);
    try {
      await atomically(path, (temporaryPath) => writeFile(temporaryPath, data));
    } catch (error) {
      throw new StorageError({ uri, message: `Cannot write ${uri}: ${describeCause(error)}`, cause: error });
    }
  }

  async exists(uri: string): Promise<boolean> {
    try {
      await stat(localPathOf(uri));
      return true;
    } catch {
      return false;
    }
  }

  async list(uri: string): Promise<string[]> {
    const root = localPathOf(uri);
    try {
      return await listFiles(root, root);
    } catch (error) {
      throw new StorageError({ uri, message: `Cannot list ${uri}: ${describeCause(error)}`, cause: error });
    }
  }

  async downloadFile(uri: string, localPath: string): Promise<void> {
    try {
      await mkdir(dirname(localPath), { recursive: true });
      await copyFile(localPathOf(uri), localPath);
    } catch (error) {
      throw new StorageError({
        uri,
        message: `Cannot download ${uri}: ${describeCause(error)}`,
        cause: error,
      });
    }
  }

  async uploadFile(localPath: string, uri: string): Promise<void> {
    const path = localPathOf(uri);
    try {
      await atomically(path, (temporaryPath) => copyFile(localPath, temporaryPath));
    } catch (error) {
      throw new StorageError({
        uri,
        message: `Cannot upload ${localPath} to ${uri}: ${describeCause(error)}`,
        cause: error,
      });
    }
  }
}
