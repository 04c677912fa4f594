import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const magic = /[*?[]/;

/**
 * Python's `glob.glob(pattern, recursive=True)` for an absolute pattern, as neptune 1.x expands a
 * file set's globs: `*`, `?` and `[…]` within one name, `**` as a whole segment for any depth,
 * names starting with `.` only matched by a pattern that starts with `.`, and a pattern without
 * wildcards returned as it is when it exists.
 */
export function expandFileGlob(pattern: string): string[] {
  const absolute = resolve(pattern);
  if (!magic.test(absolute)) return lexists(absolute) ? [absolute] : [];
  const segments = absolute.split(sep).slice(1);
  let current: string[] = [sep];
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    const next: string[] = [];
    for (const directory of current) {
      if (segment === '**') next.push(...recursive(directory, !last));
      else if (!magic.test(segment)) {
        const candidate = join(directory, segment);
        if (last ? lexists(candidate) : isDirectory(candidate)) next.push(candidate);
      } else {
        const matcher = nameMatcher(segment);
        for (const name of listNames(directory, segment.startsWith('.'))) {
          const candidate = join(directory, name);
          if (matcher(name) && (last || isDirectory(candidate))) next.push(candidate);
        }
      }
    }
    current = next;
  }
  return current;
}

/** The union of every glob's matches, absolute (`get_absolute_paths`), in a stable order. */
export function expandFileGlobs(patterns: readonly string[]): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) for (const path of expandFileGlob(pattern)) found.add(path);
  return [...found].sort();
}

/** `**`: the directory itself and everything below it (only directories when more segments follow). */
function recursive(directory: string, directoriesOnly: boolean): string[] {
  const found = [directory];
  const walk = (at: string) => {
    for (const name of listNames(at)) {
      const candidate = join(at, name);
      const directoryEntry = isDirectory(candidate);
      if (directoryEntry || !directoriesOnly) found.push(candidate);
      // Unlike Python, a linked directory is not entered: a link loop would never end.
      if (directoryEntry && !isSymbolicLink(candidate)) walk(candidate);
    }
  };
  walk(directory);
  return found;
}

/** Names in a directory that wildcards may match (Python skips hidden names unless the pattern starts with `.`). */
function listNames(directory: string, includeHidden = false): string[] {
  try {
    return readdirSync(directory)
      .filter((name) => includeHidden || !name.startsWith('.'))
      .sort();
  } catch {
    return [];
  }
}

/** `fnmatch` of one name: `*`, `?`, `[seq]`, `[!seq]`; a pattern starting with `.` may match hidden names. */
function nameMatcher(pattern: string): (name: string) => boolean {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] as string;
    if (character === '*') source += '.*';
    else if (character === '?') source += '.';
    else if (character === '[') {
      const close = pattern.indexOf(']', index + 2);
      if (close === -1) source += '\\[';
      else {
        let set = pattern.slice(index + 1, close).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set}]`;
        index = close;
      }
    } else source += character.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  const expression = new RegExp(`^${source}$`, 's');
  return (name) => expression.test(name);
}

function lexists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
