#!/usr/bin/env node
// Independent versions: a changeset for one provider bumps only that provider (and what changesets'
// rules require: nothing else here, since providers take core as a peer and no one depends on a
// provider). Runs `changeset version` on a copy of the manifests with that one changeset, for each
// provider in turn, and checks which versions moved and that the provider got a CHANGELOG entry.
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

const problems = [];
for (const provider of providers) {
  const copy = mkdtempSync(join(tmpdir(), 'changeset-isolation-'));
  try {
    cpSync(join(root, 'package.json'), join(copy, 'package.json'));
    mkdirSync(join(copy, '.changeset'));
    cpSync(join(root, '.changeset', 'config.json'), join(copy, '.changeset', 'config.json'));
    for (const workspace of workspaces) {
      mkdirSync(join(copy, workspace), { recursive: true });
      cpSync(join(root, workspace, 'package.json'), join(copy, workspace, 'package.json'));
    }
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
    const changelog = join(copy, provider, 'CHANGELOG.md');
    if (!existsSync(changelog) || !readFileSync(changelog, 'utf8').includes(`A fix in ${name} only.`))
      problems.push(`${name}: CHANGELOG.md has no entry for the changeset`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `changeset isolation: a changeset for each of ${providers.length} providers bumps only that provider`,
);
