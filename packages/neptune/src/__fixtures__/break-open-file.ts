import { closeSync, openSync, readdirSync, readlinkSync } from 'node:fs';

/**
 * Makes this process's open descriptors of `path` point at /dev/full, so every further write
 * fails with ENOSPC, as on a full disk (permissions would not stop root). Closing a descriptor and
 * opening /dev/full reuses the lowest free number, which is that descriptor's; the function
 * checks it did. Works for plain fs writers and for the WASM SQLite VFS (which writes through an
 * ordinary Node descriptor) alike. Linux only (/proc/self/fd).
 */
export function breakOpenFile(path: string): void {
  const descriptors = readdirSync('/proc/self/fd')
    .map(Number)
    .filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  if (descriptors.length === 0) throw new Error(`no open descriptor for ${path}`);
  for (const fd of descriptors) {
    closeSync(fd);
    const replacement = openSync('/dev/full', 'r+');
    if (replacement !== fd) throw new Error(`/dev/full got descriptor ${replacement}, not ${fd}`);
  }
}
