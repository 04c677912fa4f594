import { readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { expandFileGlobs } from './expand-file-globs';

/** One file of a file set: where it is on disk and its path inside the set. */
export interface FileSetEntry {
  source: string;
  target: string;
  size: number;
}

/** neptune 1.x packs a file set in packages of at most 5 MiB and 501 files. */
const packageBytes = 5 * 1024 * 1024;
const packageFiles = 500;

/**
 * The files a file set's globs name, with the set paths neptune 1.x gives them
 * (`get_unique_upload_entries`): relative to the matches' common directory, or to the working
 * directory when that directory lies inside it; a directory stands for every file below it.
 * Sorted by set path (Python's order is a set's, i.e. arbitrary).
 */
export function fileSetEntries(globs: readonly string[], workingDirectory = process.cwd()): FileSetEntry[] {
  const paths = expandFileGlobs(globs);
  if (paths.length === 0) return [];
  const root = commonRoot(paths, workingDirectory);
  const entries = new Map<string, FileSetEntry>();
  const add = (source: string, target: string) => {
    const key = `${source}\0${target}`;
    if (!entries.has(key)) entries.set(key, { source, target, size: statSync(source).size });
  };
  for (const path of paths) {
    const target = toSetPath(relative(root, path) || '.');
    if (!isDirectory(path)) {
      add(path, target);
      continue;
    }
    // os.walk: every file below, not entering linked directories.
    const walk = (directory: string) => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const source = join(directory, entry.name);
        if (entry.isDirectory()) walk(source);
        // Python joins the name to the normalized directory without normalizing again, so the
        // files right in a set's root directory are `./name`.
        else if (!isDirectory(source))
          add(source, `${toSetPath(normalize(join(target, relative(path, directory))))}/${entry.name}`);
      }
    };
    walk(path);
  }
  return [...entries.values()].sort((left, right) =>
    left.target === right.target ? compare(left.source, right.source) : compare(left.target, right.target),
  );
}

/**
 * `split_upload_files`: consecutive entries in packages of at most 5 MiB (one bigger file goes
 * alone) and 501 files. Always at least one package, possibly empty (an empty reset still sends).
 */
export function fileSetPackages(entries: readonly FileSetEntry[]): FileSetEntry[][] {
  const packages: FileSetEntry[][] = [];
  let current: FileSetEntry[] = [];
  let size = 0;
  for (const entry of entries) {
    if ((entry.size + size > packageBytes || current.length > packageFiles) && current.length > 0) {
      packages.push(current);
      current = [];
      size = 0;
    }
    current.push(entry);
    size += entry.size;
  }
  packages.push(current);
  return packages;
}

/** `get_common_root`: the deepest common directory, replaced by the working directory when inside it. */
function commonRoot(paths: readonly string[], workingDirectory: string): string {
  const split = paths.map((path) => path.split(sep));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length && split.every((parts) => parts[length] === first[length])) length++;
  let root = first.slice(0, length).join(sep) || sep;
  if (isFile(root)) root = dirname(root);
  return root.startsWith(workingDirectory + sep) ? workingDirectory : root;
}

function toSetPath(path: string): string {
  return path.split(sep).join('/');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
