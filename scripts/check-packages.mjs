#!/usr/bin/env node
// Keeps published package manifests uniform: metadata, dual ESM/CJS exports with nested types,
// core as a peer of every provider, no provider depending on another, no `workspace:` ranges, an
// Apache-2.0 LICENSE file shipped in each package, a CHANGELOG.md in changesets' format with a section
// for the current version, shipped too (`files`), and runtime dependencies given as ranges (an exact
// pin in a library blocks its users from taking patch releases).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const problems = [];
const providers = readdirSync(join(root, 'packages')).filter((name) =>
  existsSync(join(root, 'packages', name, 'package.json')),
);

for (const folder of providers) {
  const path = join(root, 'packages', folder, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  const report = (message) => problems.push(`packages/${folder}: ${message}`);
  if (manifest.name !== `@tasklens/${folder}`) report(`name should be @tasklens/${folder}`);
  if (!manifest.description) report('missing description');
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0) report('missing keywords');
  if (manifest.type !== 'module') report('type should be module');
  if (manifest.sideEffects !== false) report('sideEffects should be false');
  if (!existsSync(join(root, 'packages', folder, 'README.md'))) report('missing README.md');
  if (manifest.license !== 'Apache-2.0') report('license should be Apache-2.0');
  const license = join(root, 'packages', folder, 'LICENSE');
  if (!existsSync(license) || readFileSync(license, 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8'))
    report('LICENSE should be a copy of the repository LICENSE (Apache-2.0)');
  const changelog = join(root, 'packages', folder, 'CHANGELOG.md');
  if (!existsSync(changelog)) report('missing CHANGELOG.md');
  else {
    const text = readFileSync(changelog, 'utf8');
    // `changeset version` inserts each new section under the first line, so the title must be there.
    if (!text.startsWith(`# ${manifest.name}\n`))
      report(`CHANGELOG.md should start with "# ${manifest.name}"`);
    if (!text.includes(`\n## ${manifest.version}\n`))
      report(`CHANGELOG.md has no "## ${manifest.version}" section for the current version`);
  }
  if (manifest.private !== true && !manifest.files?.includes('CHANGELOG.md'))
    report('files should include CHANGELOG.md (npm packs only what `files` lists, plus README and LICENSE)');
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (/^\d+\.\d+\.\d+$/.test(String(range)))
        report(`${field}.${dependency} is pinned to ${range}; use a range such as ^${range}`);
    }
  }
  const main = manifest.exports?.['.'];
  if (!main?.import?.types || !main?.require?.types)
    report('exports["."] needs nested types for import and require');
  if (!manifest.exports?.['./package.json']) report('exports should include ./package.json');
  const allDependencies = {
    ...manifest.dependencies,
    ...manifest.peerDependencies,
    ...manifest.devDependencies,
  };
  for (const [dependency, range] of Object.entries(allDependencies)) {
    if (String(range).startsWith('workspace:')) report(`${dependency} uses workspace: (npm rejects it)`);
    if (dependency.startsWith('@tasklens/') && dependency !== '@tasklens/core')
      report(`depends on another provider ${dependency}`);
  }
  if (folder !== 'core') {
    if (!manifest.peerDependencies?.['@tasklens/core']) report('@tasklens/core must be a peer dependency');
    if (manifest.dependencies?.['@tasklens/core']) report('@tasklens/core must not be a plain dependency');
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`check-packages: ${providers.length} packages OK`);
