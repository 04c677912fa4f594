#!/usr/bin/env node
// `changeset version`, then raises the @tasklens/core peer floor of every provider it released to
// the core minor that provider was built and tested against.
//
// Why a step of its own: changesets leaves a peer range alone while the new core satisfies it (our
// config sets onlyUpdatePeerDependentsWhenOutOfRange; without it every core minor would make every
// provider major). So a provider released with code that imports an export added in core 1.1.0
// (textOption, secretOption, readSecretSource, …) would still declare `^1.0.0` and install beside a
// core without those exports. The range cannot be raised in the repository before versioning
// either: npm links the workspace core only when its version satisfies the range, so `^1.1.0`
// beside a workspace core 1.0.0 sends npm to the registry and breaks `npm ci`.
//
// The floor is `^<core major>.<core minor>.0`: exports are added in minors, so a core patch gives
// no reason to make users upgrade. Providers this step does not release keep their range (their
// published manifest does not change). Each raised range gets a line in the provider's CHANGELOG.
//   node scripts/version-packages.mjs [repository root]   (npm run version-packages / release)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('..', import.meta.url));
const root = process.argv[2] ?? repository;
const changesets = join(repository, 'node_modules', '@changesets', 'cli', 'bin.js');
const core = '@tasklens/core';

const manifestPath = (folder) => join(root, 'packages', folder, 'package.json');
const readManifest = (folder) => JSON.parse(readFileSync(manifestPath(folder), 'utf8'));
const folders = readdirSync(join(root, 'packages')).filter((folder) => existsSync(manifestPath(folder)));
const versionsBefore = new Map(folders.map((folder) => [folder, readManifest(folder).version]));

execFileSync(process.execPath, [changesets, 'version'], { cwd: root, stdio: 'inherit' });

const coreVersion = readManifest('core').version;
const [major, minor] = coreVersion.split('.').map(Number);
const floor = `^${major}.${minor}.0`;
const problems = [];
for (const folder of folders) {
  const manifest = readManifest(folder);
  const range = manifest.peerDependencies?.[core];
  if (folder === 'core' || manifest.private === true || range === undefined) continue;
  if (manifest.version === versionsBefore.get(folder)) continue;
  // check-packages keeps provider ranges as `^x.y.z`; anything else needs a person to decide.
  const caret = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (caret === null) {
    problems.push(`packages/${folder}: peer range ${range} on ${core} is not ^x.y.z; set its floor by hand`);
    continue;
  }
  const [rangeMajor, rangeMinor] = [Number(caret[1]), Number(caret[2])];
  if (rangeMajor !== major) {
    problems.push(`packages/${folder}: peer range ${range} on ${core} does not cover core ${coreVersion}`);
    continue;
  }
  if (rangeMinor >= minor) continue;
  manifest.peerDependencies[core] = floor;
  writeFileSync(manifestPath(folder), `${JSON.stringify(manifest, null, 2)}\n`);
  noteInChangelog(folder, manifest.version, `Requires ${core} ${floor} (peer dependency, was ${range}).`);
  console.log(`${manifest.name}@${manifest.version}: peer ${core} ${range} -> ${floor}`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}

/** Adds `line` under the version's heading in the CHANGELOG that `changeset version` just wrote. */
function noteInChangelog(folder, version, line) {
  const path = join(root, 'packages', folder, 'CHANGELOG.md');
  const heading = `## ${version}\n`;
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const at = text.indexOf(heading);
  if (at === -1) {
    problems.push(`packages/${folder}: CHANGELOG.md has no "${heading.trim()}" to note the peer range in`);
    return;
  }
  const after = at + heading.length;
  writeFileSync(path, `${text.slice(0, after)}\n### Peer Dependencies\n\n- ${line}\n${text.slice(after)}`);
}
