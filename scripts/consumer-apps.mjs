#!/usr/bin/env node
// Proves the packages from a registry, as a user gets them: starts Verdaccio 6.8.0 on 127.0.0.1,
// publishes every package in packages/* to it, then for each provider creates a fresh app
// (`npm init -y`, CommonJS) that installs only @tasklens/core and that provider from it, runs a
// task in ESM (`.mjs`) and in CJS (`.cjs`), type-checks with moduleResolution node16 and bundler,
// and checks no other provider got installed. Prints each app's node_modules size.
//   npm run build && node scripts/consumer-apps.mjs            (CI: .ci/run)
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
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tasklens-consumer-'));
const verdaccioVersion = '6.8.0';
const typescript = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const packages = readdirSync(join(root, 'packages'))
  .filter((folder) => existsSync(join(root, 'packages', folder, 'package.json')))
  .map((folder) => ({
    folder,
    manifest: JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => manifest.private !== true);
const providers = packages.filter(({ folder }) => folder !== 'core');

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

const failures = [];
const sizes = [];
let verdaccio;
try {
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

  for (const { folder, manifest } of packages) {
    run('npm', ['publish', '--registry', registry, '--no-git-checks'], {
      cwd: join(root, 'packages', folder),
      env: npmEnvironment,
    });
    console.log(`published ${manifest.name}@${manifest.version}`);
  }

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
    sizes.push(
      `${manifest.name}: node_modules ${(kilobytes(join(app, 'node_modules')) / 1024).toFixed(1)} MiB`,
    );
  }
} finally {
  verdaccio?.kill();
  if (failures.length === 0) rmSync(work, { recursive: true, force: true });
}
console.log(sizes.join('\n'));
if (failures.length > 0) {
  console.error(failures.join('\n\n'));
  process.exit(1);
}
console.log(
  `consumer apps: ${providers.length} providers installed from Verdaccio, ESM and CJS tasks ran, node16 and bundler type-checks passed`,
);
