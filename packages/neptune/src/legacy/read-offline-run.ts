import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LegacyOperation } from './legacy-operation';

export interface OfflineRun {
  directory: string;
  containerId: string;
  metadata: Record<string, unknown> | undefined;
  /** Operations in version order, with their version and `at` time. */
  operations: { operation: LegacyOperation; version: number; at: number }[];
  lastPutVersion: number;
  lastAckVersion: number;
  /** False when `last_ack_version` is missing: the writer never stopped (e.g. it was killed). */
  stopped: boolean;
}

function readVersion(path: string): number {
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'utf8').trim();
  const value = text === '' ? 0 : Number.parseInt(text, 10);
  return Number.isNaN(value) ? 0 : value;
}

/**
 * Reads a 1.x run directory (`.neptune/offline/run__…` as `neptune` 1.14 or our writer leaves it).
 * A torn last line (the process died mid-write) is ignored.
 */
export function readOfflineRun(directory: string): OfflineRun {
  const name = directory.split('/').filter(Boolean).at(-1) ?? '';
  const containerId = name.split('__')[1] ?? '';
  const metadataPath = join(directory, 'metadata.json');
  const metadata = existsSync(metadataPath)
    ? (JSON.parse(readFileSync(metadataPath, 'utf8')) as Record<string, unknown>)
    : undefined;
  const logs = readdirSync(directory)
    .map((file) => /^data-(\d+)\.log$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((left, right) => Number(left[1]) - Number(right[1]));
  const operations: OfflineRun['operations'] = [];
  for (const log of logs) {
    for (const line of readFileSync(join(directory, log[0]), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        const entry = JSON.parse(line) as { obj: LegacyOperation; version: number; at: number };
        operations.push({ operation: entry.obj, version: entry.version, at: entry.at });
      } catch {
        // A line cut short by a kill; everything before it is intact.
      }
    }
  }
  return {
    directory,
    containerId,
    metadata,
    operations,
    lastPutVersion: readVersion(join(directory, 'last_put_version')),
    lastAckVersion: readVersion(join(directory, 'last_ack_version')),
    stopped: existsSync(join(directory, 'last_ack_version')),
  };
}

/** The run directories under `<.neptune>/offline` (or `async`). */
export function listOfflineRuns(dataDirectory: string, kind: 'offline' | 'async' = 'offline'): string[] {
  const root = join(dataDirectory, kind);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => name.startsWith('run__'))
    .sort()
    .map((name) => join(root, name));
}
