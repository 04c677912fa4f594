#!/usr/bin/env node
// Proves the packages from a registry, as a user gets them: starts Verdaccio 6.8.0 on 127.0.0.1,
// publishes every package in packages/* to it, then for each provider creates a fresh app
// (`npm init -y`, CommonJS) that installs only @tasklens/core and that provider from it, runs a
// task in ESM (`.mjs`) and in CJS (`.cjs`), type-checks with moduleResolution node16 and bundler,
// and checks no other provider got installed. Prints each app's node_modules size and writes the
// sizes to .test-output/consumer-apps/sizes.json and sizes.md (or where --sizes <file.json> says).
//   npm run build && node scripts/consumer-apps.mjs [options]            (CI: .ci/run --release)
// --release      publish what `npm run release` would: a scratch copy of the working tree versioned
//                by scripts/version-packages.mjs with the pending .changeset files, then built (see
//                release-copy.mjs). The repository's own build (the previous versions) is published
//                first, so each app installs the new versions over a registry that also holds the
//                old ones, and a provider whose peer floor on core rose must refuse the old core.
// --provider X   only the app of packages/X (repeatable; default every provider).
// --optional-peers  after the checks, also install each provider's optional peers (the newest
//                version its range allows: apache-arrow for whylogs) and record that size too.
// A package's `consumer/task.ts` is its app's task (written without top-level await, so the same
// file compiles to both module formats); without one, a core task that loads the provider runs.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { versionedReleaseCopy } from './release-copy.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: options } = parseArgs({
  options: {
    release: { type: 'boolean', default: false },
    provider: { type: 'string', multiple: true },
    'optional-peers': { type: 'boolean', default: false },
    sizes: { type: 'string', default: join(root, '.test-output', 'consumer-apps', 'sizes.json') },
  },
});
const work = mkdtempSync(join(tmpdir(), 'tasklens-consumer-'));
const verdaccioVersion = '6.8.0';
const typescript = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const publishable = (base) =>
  readdirSync(join(base, 'packages'))
    .filter((folder) => existsSync(join(base, 'packages', folder, 'package.json')))
    .map((folder) => ({
      folder,
      directory: join(base, 'packages', folder),
      manifest: JSON.parse(readFileSync(join(base, 'packages', folder, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => manifest.private !== true)
    .filter(({ folder }) => folder === 'core' || !options.provider || options.provider.includes(folder));
const previous = publishable(root);
for (const folder of options.provider ?? [])
  if (!previous.some((entry) => entry.folder === folder))
    throw new Error(`no published package packages/${folder}`);

const run = (command, args, options = {}) =>
  execFileSync(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 600_000,
    ...options,
  });

async function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url, seconds) {
  for (let attempt = 0; attempt < seconds * 4; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Verdaccio did not answer at ${url} within ${seconds} s`);
}

function kilobytes(directory) {
  return Number.parseInt(run('du', ['-sk', directory]).split('\t')[0], 10);
}

/** Installed packages in an app (npm's lockfile lists each one under `packages`, the app itself as ""). */
function countPackages(app) {
  const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8'));
  return Object.keys(lock.packages).filter((path) => path !== '').length;
}

const failures = [];
const sizes = [];
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
let verdaccio;
let packages = previous;
try {
  if (options.release) {
    console.log('versioning a scratch copy with the pending changesets and building it…');
    const copy = join(work, 'release');
    try {
      const versioned = versionedReleaseCopy(
        root,
        copy,
        previous.map(({ folder }) => folder),
      );
      if (versioned.trim() !== '') console.log(versioned.trim());
      console.log(`versioned and built (${elapsed()})`);
    } catch (error) {
      // Kept in failures so the scratch folder stays for a look (see `finally`).
      failures.push('release versioning and build');
      throw new Error(
        `release versioning and build failed in ${copy}: ${error.stderr || error.stdout || error.message}`,
      );
    }
    packages = publishable(copy);
    for (const { manifest } of packages) {
      const before = previous.find((entry) => entry.manifest.name === manifest.name).manifest;
      console.log(
        `${manifest.name}: ${before.version} -> ${manifest.version}` +
          (manifest.peerDependencies?.['@tasklens/core']
            ? `, peer @tasklens/core ${before.peerDependencies['@tasklens/core']} -> ${manifest.peerDependencies['@tasklens/core']}`
            : ''),
      );
    }
  }
  const providers = packages.filter(({ folder }) => folder !== 'core');
  // Verdaccio is a tool of this script, not of the workspace: installed apart, pinned.
  const tools = join(work, 'tools');
  console.log(`installing verdaccio@${verdaccioVersion}…`);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefix', tools, `verdaccio@${verdaccioVersion}`]);
  const port = await freePort();
  const registry = `http://127.0.0.1:${port}/`;
  const storage = join(work, 'storage');
  writeFileSync(
    join(work, 'verdaccio.yaml'),
    [
      `storage: ${storage}`,
      'auth:',
      `  htpasswd: { file: ${join(work, 'htpasswd')}, max_users: 10 }`,
      'uplinks:',
      '  npmjs: { url: https://registry.npmjs.org/ }',
      'packages:',
      "  '@tasklens/*': { access: $all, publish: $authenticated }",
      "  '**': { access: $all, publish: $authenticated, proxy: npmjs }",
      `listen: 127.0.0.1:${port}`,
      'log: { type: stdout, format: pretty, level: error }',
      '',
    ].join('\n'),
  );
  verdaccio = spawn(
    join(tools, 'node_modules', '.bin', 'verdaccio'),
    ['--config', join(work, 'verdaccio.yaml')],
    {
      stdio: 'inherit',
    },
  );
  await waitFor(`${registry}-/ping`, 120);
  const user = await fetch(`${registry}-/user/org.couchdb.user:ci`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ci', password: 'consumer-apps-ci' }),
  });
  const { token } = await user.json();
  const npmrc = join(work, '.npmrc');
  writeFileSync(npmrc, `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
  const npmEnvironment = { ...process.env, npm_config_userconfig: npmrc, npm_config_registry: registry };

  const published = new Set();
  const publish = ({ directory, manifest }) => {
    const id = `${manifest.name}@${manifest.version}`;
    if (published.has(id)) return; // a package this release does not bump
    run('npm', ['publish', '--registry', registry, '--no-git-checks'], {
      cwd: directory,
      env: npmEnvironment,
    });
    published.add(id);
    console.log(`published ${id}`);
  };
  // The previous versions first: `latest` ends on the release's.
  if (options.release) for (const entry of previous) publish(entry);
  for (const entry of packages) publish(entry);
  console.log(`published (${elapsed()})`);
  const core = packages.find(({ folder }) => folder === 'core').manifest;
  const previousCore = previous.find(({ folder }) => folder === 'core').manifest;

  for (const { folder, manifest } of providers) {
    const app = join(work, `app-${folder}`);
    mkdirSync(app);
    const step = (what, action) => {
      try {
        return action();
      } catch (error) {
        failures.push(`${manifest.name} app: ${what}: ${error.stderr || error.stdout || error.message}`);
        return undefined;
      }
    };
    run('npm', ['init', '-y'], { cwd: app, env: npmEnvironment });
    const installed = step('npm install', () =>
      run('npm', ['install', '--no-audit', '--no-fund', '@tasklens/core', manifest.name], {
        cwd: app,
        env: npmEnvironment,
      }),
    );
    if (installed === undefined) continue;
    const scoped = readdirSync(join(app, 'node_modules', '@tasklens')).sort();
    if (scoped.join(',') !== ['core', folder].sort().join(','))
      failures.push(`${manifest.name} app installed other providers: @tasklens/{${scoped.join(',')}}`);
    const installedVersion = (name) =>
      JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')).version;
    for (const [name, version] of [
      [manifest.name, manifest.version],
      [core.name, core.version],
    ]) {
      if (installedVersion(name) !== version)
        failures.push(`${manifest.name} app installed ${name}@${installedVersion(name)}, not ${version}`);
    }
    // The builds embed their version (`VERSION`, from package.json at build time): a package built
    // before versioning would say the old one.
    const embedded = step('VERSION of the installed packages', () =>
      JSON.parse(
        run(
          process.execPath,
          [
            '-e',
            `console.log(JSON.stringify([require('${core.name}').VERSION, require('${manifest.name}').VERSION]))`,
          ],
          { cwd: app },
        ),
      ),
    );
    if (embedded !== undefined) {
      if (embedded[0] !== core.version)
        failures.push(`${core.name}@${core.version} says VERSION ${embedded[0]}`);
      // JSON turns a provider without a VERSION export (memray) into null.
      if (embedded[1] !== null && embedded[1] !== manifest.version)
        failures.push(`${manifest.name}@${manifest.version} says VERSION ${embedded[1]}`);
    }
    const peerRange = manifest.peerDependencies['@tasklens/core'];
    console.log(
      `${manifest.name}@${manifest.version} (peer @tasklens/core ${peerRange}) installed with core ${core.version}`,
    );
    // A provider released beside a new core minor had its floor raised to that minor
    // (version-packages.mjs): npm must refuse it beside the previous core.
    const previousProvider = previous.find((entry) => entry.folder === folder).manifest;
    const minorOf = (version) => version.split('.').slice(0, 2).join('.');
    if (
      options.release &&
      previousProvider.version !== manifest.version &&
      minorOf(previousCore.version) !== minorOf(core.version)
    ) {
      try {
        run(
          'npm',
          [
            'install',
            '--dry-run',
            '--no-audit',
            '--no-fund',
            `${core.name}@${previousCore.version}`,
            `${manifest.name}@${manifest.version}`,
          ],
          { cwd: app, env: npmEnvironment },
        );
        failures.push(
          `${manifest.name}@${manifest.version} (peer ${peerRange}) installs beside ${core.name}@${previousCore.version}: its raised floor does not keep the old core out`,
        );
      } catch (error) {
        if (!/ERESOLVE/.test(`${error.stderr}${error.stdout}`))
          failures.push(
            `${manifest.name} app: npm install of the old core failed for another reason: ${error.stderr || error.message}`,
          );
        else
          console.log(
            `${manifest.name}@${manifest.version} refuses ${core.name}@${previousCore.version} (ERESOLVE)`,
          );
      }
    }
    const fixture = join(root, 'packages', folder, 'consumer', 'task.ts');
    const source = existsSync(fixture)
      ? readFileSync(fixture, 'utf8')
      : [
          "import { task, types } from '@tasklens/core';",
          `import * as provider from '${manifest.name}';`,
          "const loaded = task({ name: 'consumer.loaded', outputs: types.integer() }, () => Object.keys(provider).length);",
          'loaded().then((count) => {',
          "  if (count === 0) throw new Error('the provider exports nothing');",
          "  console.log('task ran; provider exports', count);",
          '});',
          '',
        ].join('\n');
    writeFileSync(join(app, 'task.mts'), source);
    writeFileSync(join(app, 'task.cts'), source);
    writeFileSync(join(app, 'task.ts'), source);
    const common = ['--strict', '--skipLibCheck', '--target', 'es2022'];
    // node16: type-checks and emits task.mjs (import) and task.cjs (require) from the same source.
    step('tsc --moduleResolution node16', () =>
      run(
        process.execPath,
        [typescript, ...common, '--module', 'node16', '--moduleResolution', 'node16', 'task.mts', 'task.cts'],
        {
          cwd: app,
        },
      ),
    );
    step('tsc --moduleResolution bundler', () =>
      run(
        process.execPath,
        [typescript, ...common, '--noEmit', '--module', 'esnext', '--moduleResolution', 'bundler', 'task.ts'],
        { cwd: app },
      ),
    );
    for (const script of ['task.mjs', 'task.cjs']) {
      const output = step(`node ${script}`, () =>
        run(process.execPath, [script], { cwd: app, env: { ...process.env, WANDB_MODE: 'offline' } }),
      );
      if (output !== undefined)
        console.log(`${manifest.name} ${script}: ${output.trim().split('\n').at(-1)}`);
    }
    const size = {
      app: `app-${folder}`,
      installs: `${core.name}@${core.version} ${manifest.name}@${manifest.version}`,
      kib: kilobytes(join(app, 'node_modules')),
      packages: countPackages(app),
    };
    const optionalPeers = Object.entries(manifest.peerDependenciesMeta ?? {})
      .filter(([, meta]) => meta.optional === true)
      .map(([name]) => `${name}@${manifest.peerDependencies[name]}`);
    if (options['optional-peers'] && optionalPeers.length > 0) {
      step(`npm install ${optionalPeers.join(' ')}`, () => {
        run('npm', ['install', '--no-audit', '--no-fund', ...optionalPeers], {
          cwd: app,
          env: npmEnvironment,
        });
        size.withOptionalPeers = {
          installs: optionalPeers
            .map((spec) => `${spec.replace(/@[^@]*$/, '')}@${installedVersion(spec.replace(/@[^@]*$/, ''))}`)
            .join(' '),
          kib: kilobytes(join(app, 'node_modules')),
          packages: countPackages(app),
        };
      });
    }
    sizes.push(size);
    console.log(`${manifest.name} app done (${elapsed()})`);
  }
} finally {
  verdaccio?.kill();
  if (failures.length === 0) rmSync(work, { recursive: true, force: true });
}
const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
for (const size of sizes)
  console.log(
    `${size.installs}: node_modules ${mib(size.kib)}, ${size.packages} packages` +
      (size.withOptionalPeers
        ? `; with ${size.withOptionalPeers.installs}: ${mib(size.withOptionalPeers.kib)}, ${size.withOptionalPeers.packages} packages`
        : ''),
  );
if (sizes.length > 0) {
  const sizesFile = resolve(options.sizes);
  mkdirSync(dirname(sizesFile), { recursive: true });
  const measured = {
    date: new Date().toISOString(),
    release: options.release,
    node: process.version,
    apps: sizes,
  };
  writeFileSync(sizesFile, `${JSON.stringify(measured, null, 2)}\n`);
  writeFileSync(
    sizesFile.replace(/\.json$/, '.md'),
    [
      `Consumer apps' node_modules (du -sk), ${measured.date}${options.release ? ', release-versioned tree' : ''}`,
      '',
      '| app | installs | node_modules | packages | with optional peers |',
      '| --- | --- | ---: | ---: | --- |',
      ...sizes.map(
        (size) =>
          `| ${size.app} | ${size.installs} | ${mib(size.kib)} | ${size.packages} | ${size.withOptionalPeers ? `${size.withOptionalPeers.installs}: ${mib(size.withOptionalPeers.kib)}, ${size.withOptionalPeers.packages} packages` : ''} |`,
      ),
      '',
    ].join('\n'),
  );
  console.log(`sizes written to ${sizesFile} and .md`);
}
if (failures.length > 0) {
  console.error(failures.join('\n\n'));
  process.exit(1);
}
console.log(
  `consumer apps: ${sizes.length} providers installed from Verdaccio${options.release ? ' at their release versions' : ''}, ESM and CJS tasks ran, node16 and bundler type-checks passed`,
);
