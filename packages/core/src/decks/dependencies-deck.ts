import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { escapeHtml } from '../html/escape-html';

interface PackageManifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
}

function nearestManifest(start: string): string | undefined {
  let directory = start;
  for (;;) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/**
 * The installed versions of the project's runtime dependencies: the Node counterpart of
 * flytekit's `pip list` table in the `Dependencies` deck.
 */
export function listDependencies(start = process.cwd()): { name: string; version: string }[] {
  const manifestPath = nearestManifest(start);
  if (manifestPath === undefined) return [];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageManifest;
  const requireFromProject = createRequire(manifestPath);
  const rows: { name: string; version: string }[] = [];
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    let version = `(not installed; wants ${range})`;
    try {
      const installed = JSON.parse(readFileSync(requireFromProject.resolve(`${name}/package.json`), 'utf8'));
      version = String(installed.version);
    } catch {
      // Packages whose exports hide package.json still count; report the wanted range.
    }
    rows.push({ name, version });
  }
  return rows.sort((left, right) => left.name.localeCompare(right.name));
}

/** The `Dependencies` deck body: a Name / Version table. */
export function renderDependencies(rows: { name: string; version: string }[] = listDependencies()): string {
  const body = rows.map(
    (row) => `<tr><td>${escapeHtml(row.name)}</td><td>${escapeHtml(row.version)}</td></tr>`,
  );
  return `<table border="1" cellpadding="5" cellspacing="0" style="border-collapse: collapse;"><thead><tr><th>Name</th><th>Version</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}
