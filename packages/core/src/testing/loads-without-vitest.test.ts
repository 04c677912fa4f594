import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

// `@tasklens/<provider>/testing` test servers may run under jest or from a plain script, where
// vitest is absent: `@tasklens/core/testing` must not import it (only `/testing/conformance` may).
// Each entry is bundled as tsup bundles it (vitest external) into a directory outside the repo,
// then loaded by a plain Node child that cannot resolve vitest.

const directory = mkdtempSync(join(tmpdir(), 'tasklens-testing-without-vitest-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function bundleEntry(entry: string, format: 'esm' | 'cjs'): string {
  const outfile = join(directory, `${entry.replaceAll('/', '-')}.${format === 'esm' ? 'mjs' : 'cjs'}`);
  buildSync({
    entryPoints: [fileURLToPath(new URL(`../${entry}/index.ts`, import.meta.url))],
    bundle: true,
    format,
    platform: 'node',
    target: 'node20',
    outfile,
    external: ['vitest'],
    define: { __PACKAGE_VERSION__: '"0.0.0-test"' },
    logLevel: 'silent',
  });
  return outfile;
}

/** Loads `bundle` in a child and, once loaded, uses the test-server helpers; returns its output. */
function loadInChild(bundle: string, format: 'esm' | 'cjs') {
  const load =
    format === 'esm' ? `await import(${JSON.stringify(bundle)})` : `require(${JSON.stringify(bundle)})`;
  const script = [
    `const testing = ${load};`,
    'const random = testing.seededRandom?.(7);',
    'console.log(JSON.stringify({ names: Object.keys(testing).sort(), draw: random?.() }));',
  ].join('\n');
  const scriptFile = join(
    directory,
    `child-${format}-${Math.random().toString(36).slice(2)}.${format === 'esm' ? 'mjs' : 'cjs'}`,
  );
  writeFileSync(scriptFile, format === 'esm' ? script : `(async () => {\n${script}\n})();`);
  const environment = { ...process.env };
  delete environment.NODE_PATH;
  delete environment.NODE_OPTIONS;
  return spawnSync(process.execPath, [scriptFile], { cwd: directory, env: environment, encoding: 'utf8' });
}

describe('@tasklens/core/testing without vitest installed', () => {
  it('runs in a directory where vitest cannot be resolved', () => {
    expect(() => createRequire(join(directory, 'x.js')).resolve('vitest')).toThrow(/Cannot find module/);
  });

  for (const format of ['esm', 'cjs'] as const) {
    it(`loads the test-server base, fault plan, holding server and pollUntil (${format})`, () => {
      const child = loadInChild(bundleEntry('testing', format), format);
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      const { names, draw } = JSON.parse(child.stdout) as { names: string[]; draw: number };
      expect(names).toEqual(
        expect.arrayContaining([
          'TestServer',
          'decideFault',
          'seededRandom',
          'startHoldingServer',
          'pollUntil',
        ]),
      );
      expect(names).not.toContain('describeTrackerConformance');
      expect(draw).toBeGreaterThanOrEqual(0);
      expect(draw).toBeLessThan(1);
    });
  }

  // The control: the same check on the conformance entry sees vitest missing, so the check above
  // would catch a vitest import coming back into `@tasklens/core/testing`.
  it('the conformance entry, which does use vitest, fails to load there', () => {
    const child = loadInChild(bundleEntry('testing/conformance', 'esm'), 'esm');
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain("Cannot find package 'vitest'");
  });
});
