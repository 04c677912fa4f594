// Each package README covers its package's whole public surface: every name an entry point exports
// (as its checked-in API report lists it, `packages/<name>/api/<entry>.api.md`) is named in that
// package's README.md. Features get runnable examples; option and record types may be named in a
// reference section. The API reports are checked against the build in CI, so a new export without
// documentation fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const packagesDirectory = join(root, 'packages');

/** The exported names of one API report: its `## Name` headings. */
function reportedNames(report: string): string[] {
  return [...report.matchAll(/^## (\S+)$/gm)].map((match) => match[1] as string);
}

/** The names a README never mentions as a whole word (in prose, tables or code). */
function unmentionedNames(readme: string, names: readonly string[]): string[] {
  return names.filter(
    (name) => !new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(readme),
  );
}

const entries = readdirSync(packagesDirectory).flatMap((name) => {
  const apiDirectory = join(packagesDirectory, name, 'api');
  let reports: string[] = [];
  try {
    reports = readdirSync(apiDirectory).filter((file) => file.endsWith('.api.md'));
  } catch {
    return [];
  }
  return reports.map((report) => ({ packageName: name, report, path: join(apiDirectory, report) }));
});

describe('package READMEs cover the public surface', () => {
  it('finds the API reports of every package', () => {
    const packages = new Set(entries.map((entry) => entry.packageName));
    for (const name of ['core', 'wandb', 'comet', 'neptune', 'memray', 'whylogs'])
      expect(packages).toContain(name);
  });

  it('counts a name only as a whole word', () => {
    expect(
      unmentionedNames('use `FaultPlanner` and runUrlFor()', ['FaultPlan', 'runUrlFor', 'VERSION']),
    ).toEqual(['FaultPlan', 'VERSION']);
  });

  it.each(entries.map((entry) => [`packages/${entry.packageName}/api/${entry.report}`, entry] as const))(
    'every name in %s is in the package README',
    (_name, entry) => {
      const readme = readFileSync(join(packagesDirectory, entry.packageName, 'README.md'), 'utf8');
      const names = reportedNames(readFileSync(entry.path, 'utf8'));
      expect(names.length).toBeGreaterThan(0);
      expect(
        unmentionedNames(readme, names),
        `packages/${entry.packageName}/README.md does not mention these exports of ${entry.report}`,
      ).toEqual([]);
    },
  );
});
