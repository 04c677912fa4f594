#!/usr/bin/env node
// Independent versions: a changeset for one provider bumps only that provider (and what changesets'
// rules require: nothing else here, since providers take core as a peer and no one depends on a
// provider). Runs `changeset version` on a copy of the manifests with that one changeset, for each
// provider in turn, and checks which versions moved and that the CHANGELOGs followed: the bumped
// package's CHANGELOG.md gains a `## <new version>` section above the ones it had (kept as they
// were), every other package's CHANGELOG.md is left byte for byte. Then the release's own step
// (scripts/version-packages.mjs) with a core minor and one provider's patch: that provider's peer
// range on core must rise to the new core minor (noted in its new section), the others' stay.
//   node scripts/check-changeset-isolation.mjs   (CI: .ci/run)
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const changesets = join(root, 'node_modules', '@changesets', 'cli', 'bin.js');
const workspaces = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group))
    .filter((folder) => existsSync(join(root, group, folder, 'package.json')))
    .map((folder) => join(group, folder)),
);
const manifest = (base, workspace) => JSON.parse(readFileSync(join(base, workspace, 'package.json'), 'utf8'));
const providers = workspaces.filter(
  (workspace) =>
    workspace.startsWith('packages/') &&
    workspace !== 'packages/core' &&
    manifest(root, workspace).private !== true,
);

/** A copy of the manifests, CHANGELOGs and the changesets config (no changesets), for `changeset version`. */
function copyManifests() {
  const copy = mkdtempSync(join(tmpdir(), 'changeset-isolation-'));
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  mkdirSync(join(copy, '.changeset'));
  cpSync(join(root, '.changeset', 'config.json'), join(copy, '.changeset', 'config.json'));
  for (const workspace of workspaces) {
    mkdirSync(join(copy, workspace), { recursive: true });
    cpSync(join(root, workspace, 'package.json'), join(copy, workspace, 'package.json'));
    if (existsSync(join(root, workspace, 'CHANGELOG.md')))
      cpSync(join(root, workspace, 'CHANGELOG.md'), join(copy, workspace, 'CHANGELOG.md'));
  }
  return copy;
}

const problems = [];
const readChangelog = (base, workspace) => {
  const path = join(base, workspace, 'CHANGELOG.md');
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
};

/**
 * The CHANGELOGs after `changeset version` in `copy`: each moved workspace's gained one section for
 * its new version, right under the title, holding `entries`, with the old text after it unchanged;
 * every other workspace's is unchanged. `what` names the case in problems.
 */
function checkChangelogs(copy, moved, entries, what) {
  for (const workspace of workspaces) {
    const before = readChangelog(root, workspace);
    const after = readChangelog(copy, workspace);
    const { name, version, private: unpublished } = manifest(copy, workspace);
    if (!moved.includes(workspace)) {
      if (after !== before) problems.push(`${what}: ${name} was not bumped but its CHANGELOG.md changed`);
      continue;
    }
    if (unpublished === true) continue;
    const title = `# ${name}\n`;
    if (before === undefined || after === undefined || !before.startsWith(title)) {
      problems.push(`${what}: ${name} has no CHANGELOG.md starting with "${title.trim()}"`);
      continue;
    }
    const oldSections = before.slice(title.length).trimStart();
    const heading = `\n## ${version}\n`;
    const added = after.indexOf(heading);
    const kept = after.indexOf(oldSections);
    if (added === -1 || kept === -1 || added > kept || after.slice(kept) !== oldSections) {
      problems.push(
        `${what}: ${name}'s CHANGELOG.md did not gain "## ${version}" above its earlier sections, kept as they were`,
      );
      continue;
    }
    const section = after.slice(added, kept);
    for (const entry of entries(workspace))
      if (!section.includes(entry)) problems.push(`${what}: ${name}'s "## ${version}" lacks "${entry}"`);
  }
}

for (const provider of providers) {
  const copy = copyManifests();
  try {
    const name = manifest(root, provider).name;
    writeFileSync(
      join(copy, '.changeset', 'one-provider.md'),
      `---\n'${name}': patch\n---\n\nA fix in ${name} only.\n`,
    );
    execFileSync(process.execPath, [changesets, 'version'], { cwd: copy, stdio: 'pipe' });
    const moved = workspaces.filter(
      (workspace) => manifest(copy, workspace).version !== manifest(root, workspace).version,
    );
    if (moved.join() !== provider)
      problems.push(`a patch changeset for ${name} moved: ${moved.join(', ') || 'nothing'}`);
    checkChangelogs(copy, moved, () => [`A fix in ${name} only.`], `a patch changeset for ${name}`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
{
  const copy = copyManifests();
  try {
    const [released, ...others] = providers;
    const name = manifest(root, released).name;
    writeFileSync(
      join(copy, '.changeset', 'core-export.md'),
      `---\n'@tasklens/core': minor\n---\n\nA new export.\n`,
    );
    writeFileSync(
      join(copy, '.changeset', 'provider-uses-it.md'),
      `---\n'${name}': patch\n---\n\nUses it.\n`,
    );
    const versionPackages = join(root, 'scripts', 'version-packages.mjs');
    execFileSync(process.execPath, [versionPackages, copy], { stdio: 'pipe' });
    const [major, minor] = manifest(copy, 'packages/core').version.split('.');
    const floor = `^${major}.${minor}.0`;
    const peer = (base, workspace) => manifest(base, workspace).peerDependencies['@tasklens/core'];
    const moved = workspaces.filter(
      (workspace) => manifest(copy, workspace).version !== manifest(root, workspace).version,
    );
    checkChangelogs(
      copy,
      moved,
      (workspace) =>
        workspace === 'packages/core'
          ? ['A new export.']
          : workspace === released
            ? ['Uses it.', `Requires @tasklens/core ${floor}`]
            : [],
      `a core minor with a ${name} patch`,
    );
    if (peer(copy, released) !== floor)
      problems.push(
        `after a core minor, ${name}'s release kept peer ${peer(copy, released)} (want ${floor})`,
      );
    for (const other of others) {
      if (peer(copy, other) !== peer(root, other))
        problems.push(
          `${manifest(root, other).name} was not released but its peer range moved to ${peer(copy, other)}`,
        );
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `changeset isolation: a changeset for each of ${providers.length} providers bumps only that provider and adds a section to its CHANGELOG.md alone; a core minor raises the released provider's peer floor`,
);
