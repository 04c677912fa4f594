// The tree `npm run release` would publish, made on a scratch copy so the repository is left alone:
// the working tree's tracked and new files (the pending .changeset files with them), versioned by
// the release's own step (scripts/version-packages.mjs: `changeset version`, CHANGELOGs, provider
// peer floors raised to the new core minor), then built, core first. The packages embed their
// version at build time (`__PACKAGE_VERSION__`), so the build has to follow the versioning.
//
// node_modules is not installed again: the copy gets a node_modules folder whose entries link to
// the repository's, except the workspace links (`@tasklens/*`), which point into the copy, so a
// provider builds against the copy's versioned core.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Copies `root` into `copy`, versions it and builds `core` and `folders` (packages/ folder names).
 * Returns what `changeset version` printed.
 */
export function versionedReleaseCopy(root, copy, folders) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
    .split('\0')
    // A node_modules symlink is no directory, so `.gitignore`'s `node_modules/` lets it through.
    .filter(
      (file) => file !== '' && existsSync(join(root, file)) && !file.split('/').includes('node_modules'),
    );
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file), { verbatimSymlinks: true });
  }
  linkNodeModules(join(root, 'node_modules'), join(copy, 'node_modules'));
  // A workspace's own node_modules (npm nests a dependency there when versions clash).
  for (const group of ['packages', 'apps']) {
    for (const folder of readdirSync(join(root, group))) {
      const nested = join(root, group, folder, 'node_modules');
      if (existsSync(nested) && existsSync(join(copy, group, folder)))
        symlinkSync(nested, join(copy, group, folder, 'node_modules'));
    }
  }
  const versioned = execFileSync(process.execPath, [join(root, 'scripts', 'version-packages.mjs'), copy], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const folder of ['core', ...folders.filter((folder) => folder !== 'core')]) {
    execFileSync('npm', ['run', 'build'], {
      cwd: join(copy, 'packages', folder),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 900_000,
    });
  }
  return versioned;
}

function linkNodeModules(from, to) {
  mkdirSync(to);
  for (const entry of readdirSync(from)) {
    if (entry !== '@tasklens') {
      symlinkSync(join(from, entry), join(to, entry));
      continue;
    }
    // Workspace links are relative (`../../packages/core`): recreated as they are, they resolve
    // inside the copy.
    mkdirSync(join(to, entry));
    for (const workspace of readdirSync(join(from, entry))) {
      const link = join(from, entry, workspace);
      if (lstatSync(link).isSymbolicLink()) symlinkSync(readlinkSync(link), join(to, entry, workspace));
      else symlinkSync(link, join(to, entry, workspace));
    }
  }
}
