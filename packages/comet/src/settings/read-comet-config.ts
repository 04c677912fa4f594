import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve, sep } from 'node:path';

/**
 * The `[comet]` section of the first `.comet.config` INI files the Python SDK reads, merged in
 * its precedence: `COMET_CONFIG` (a file or a directory holding one), `./.comet.config`,
 * `~/.comet.config`. Keys are the SDK's short names (`api_key`, `workspace`, `url_override`, …).
 */
// biome-ignore format: parenthesized, V8 compiles it at import (see startExperiment)
export const readCometConfig = (function readCometConfig(
  environment: Readonly<Record<string, string | undefined>>,
  workingDirectory = process.cwd(),
): Record<string, string> {
  const candidates: string[] = [];
  const override = environment.COMET_CONFIG;
  if (override) {
    const path = resolve(workingDirectory, override);
    candidates.push(existsSync(path) && statSync(path).isDirectory() ? join(path, '.comet.config') : path);
  }
  // Plain concatenation: the first `path.join` of a process costs more than these two lookups need
  // (this runs inside every `start()`); a doubled separator is harmless to the file system.
  candidates.push(`${workingDirectory}${sep}.comet.config`);
  candidates.push(`${environment.HOME || homedir()}${sep}.comet.config`);
  const merged: Record<string, string> = {};
  for (const path of candidates.reverse()) {
    if (!existsSync(path)) continue;
    Object.assign(merged, parseCometSection(readFileSync(path, 'utf8')));
  }
  return merged;
});

/** Keys of the `[comet]` section (everett's INI reader: `key = value`, `#`/`;` comments). */
export function parseCometSection(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  let inComet = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      inComet = section[1]!.trim().toLowerCase() === 'comet';
      continue;
    }
    const equals = line.indexOf('=');
    if (!inComet || equals < 0) continue;
    values[line.slice(0, equals).trim().toLowerCase()] = line.slice(equals + 1).trim();
  }
  return values;
}
