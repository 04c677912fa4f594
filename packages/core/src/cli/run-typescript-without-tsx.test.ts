import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const core = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fresh app (`npm init -y`: CommonJS) with a *copy* of the built @tasklens/core and no tsx. A
 * symlink would not do: Node resolves from the real path, inside this repository, where tsx is a
 * devDependency, so the missing-peer path would never run.
 */
function appWithoutTsx(): string {
  const app = mkdtempSync(join(tmpdir(), 'tasklens-no-tsx-'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
  writeFileSync(
    join(app, 'app.ts'),
    "import { task } from '@tasklens/core';\nexport const train = task({ name: 'train' }, async () => 1);\n",
  );
  const installed = join(app, 'node_modules', '@tasklens', 'core');
  mkdirSync(installed, { recursive: true });
  cpSync(join(core, 'package.json'), join(installed, 'package.json'));
  cpSync(join(core, 'bin'), join(installed, 'bin'), { recursive: true });
  cpSync(join(core, 'dist'), join(installed, 'dist'), {
    recursive: true,
    filter: (source) => !/\.(map|cjs|d\.c?ts)$/.test(source),
  });
  // core's one dependency; tsx is never looked up from here.
  const protobuf = realpathSync(createRequire(join(core, 'package.json')).resolve('@bufbuild/protobuf'));
  mkdirSync(join(app, 'node_modules', '@bufbuild'), { recursive: true });
  symlinkSync(
    protobuf.slice(0, protobuf.lastIndexOf('/dist/')),
    join(app, 'node_modules', '@bufbuild', 'protobuf'),
  );
  return app;
}

describe('tasklens run with a .ts file when the tsx peer is not installed', () => {
  it('says to install tsx or compile first, and exits 1 without a stack trace', () => {
    // Built by `npm test` (and `npm run build`) before the suites run.
    expect(existsSync(join(core, 'dist', 'cli.js')), 'run `npm run build` first').toBe(true);
    const app = appWithoutTsx();
    // The premise: tsx cannot be resolved from the app, nor from the copied core.
    expect(() => createRequire(join(app, 'package.json')).resolve('tsx')).toThrow();
    expect(() =>
      createRequire(join(app, 'node_modules', '@tasklens', 'core', 'dist', 'cli.js')).resolve('tsx'),
    ).toThrow();
    for (const modulePath of ['./app.ts', 'app.ts']) {
      const result = spawnSync(
        process.execPath,
        [join(app, 'node_modules', '@tasklens', 'core', 'bin', 'tasklens.mjs'), 'run', modulePath, 'train'],
        { cwd: app, encoding: 'utf8' },
      );
      expect(result.status, result.stderr).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`Cannot load task module ${modulePath}`);
      expect(result.stderr).toContain('npm install -D tsx');
      expect(result.stderr).toContain('compile it to JavaScript first');
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
