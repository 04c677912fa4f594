import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeZipArchive, type ZipEntry } from './zip-archive';

/**
 * Turns the journals a crashed process left in `directory` (`.<key>.journal/`) into complete
 * `<key>.zip` archives holding everything journaled, and removes the journals. A torn last line
 * (the process died mid-write) is dropped. Returns the archives written. Skips journals of
 * experiments still running in this process.
 */
export function recoverOfflineArchives(
  directory: string,
  running: ReadonlySet<string> = new Set(),
): string[] {
  if (!existsSync(directory)) return [];
  const recovered: string[] = [];
  for (const name of readdirSync(directory)) {
    const match = /^\.(.+)\.journal$/.exec(name);
    if (match === null || running.has(match[1]!)) continue;
    const journal = join(directory, name);
    const experimentPath = join(journal, 'experiment.json');
    if (!existsSync(experimentPath)) continue;
    const text = readFileSync(join(journal, 'messages.json'), 'utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    const messages = Buffer.from(complete, 'utf8');
    const metadata = JSON.parse(readFileSync(experimentPath, 'utf8')) as { stop_time: number };
    metadata.stop_time = Math.max(metadata.stop_time, statSync(join(journal, 'messages.json')).mtimeMs | 0);
    const entries: ZipEntry[] = readdirSync(journal)
      .filter((file) => file.startsWith('asset'))
      .map((file) => ({ name: file, data: readFileSync(join(journal, file)) }));
    entries.push({ name: 'experiment.json', data: Buffer.from(JSON.stringify(metadata)) });
    entries.push({ name: 'messages.json', data: messages });
    const zipPath = join(directory, `${match[1]}.zip`);
    writeZipArchive(`${zipPath}.recovering`, entries);
    renameSync(`${zipPath}.recovering`, zipPath);
    rmSync(journal, { recursive: true, force: true });
    recovered.push(zipPath);
  }
  return recovered;
}
