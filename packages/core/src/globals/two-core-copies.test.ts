import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Bundles all of core as one self-contained copy claiming `version`, like a plugin's bundled core. */
function bundleCore(directory: string, version: string): string {
  const outfile = join(directory, `core-${version}.mjs`);
  buildSync({
    entryPoints: [fileURLToPath(new URL('../index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'node',
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
    logLevel: 'error',
    outfile,
  });
  return outfile;
}

// Loads three copies of core in one process: A and B share major 1, C is major 2. State shaped by
// the version (log sink, context) is per major; what the process has once (exit signal handlers)
// and what every copy must honour (secret values to mask) is shared by all.
const driver = (a: string, b: string, c: string) => `
import * as a from ${JSON.stringify(a)};
import * as b from ${JSON.stringify(b)};
import * as c from ${JSON.stringify(c)};
const result = { versions: [a.VERSION, b.VERSION, c.VERSION] };

a.registerSecretValue('sentinel-secret-4711');
result.redactedByB = b.redactSecrets('key=sentinel-secret-4711');
result.redactedByC = c.redactSecrets('key=sentinel-secret-4711');
c.registerSecretValue('other-major-secret-0815');
result.redactedByA = a.redactSecrets('key=other-major-secret-0815');

const linesA = [];
const linesC = [];
a.setLogSink((level, line) => linesA.push(line));
c.setLogSink((level, line) => linesC.push(line));
b.createLogger('copy-b').warn('from b');
c.createLogger('copy-c').warn('from c');
result.linesA = linesA;
result.linesC = linesC;

const context = a.createLocalContext({ taskName: 'shared' });
a.runInContext(context, () => {
  result.contextSeenByB = b.findCurrentContext() === context;
  result.contextSeenByC = c.findCurrentContext() === undefined ? 'none' : 'some';
});

const flushed = [];
const unregister = a.registerExitFlush(async () => { flushed.push('a'); });
await b.flushAllOnExit('beforeExit', 1000);
result.flushedByB = [...flushed];
await c.flushAllOnExit('beforeExit', 1000);
unregister();
result.flushedByC = [...flushed];

// A plugin's slot follows the plugin's version, not the copy of core that serves it.
const plugin = (version) => ({ packageName: '@tasklens/example-plugin', version });
a.globalSlot(plugin('3.1.0'), 'session').set('plugin v3 state');
result.pluginSameMajorFromC = c.globalSlot(plugin('3.4.2'), 'session').get();
result.pluginOtherMajorFromB = b.globalSlot(plugin('4.0.0'), 'session').get() ?? 'none';
console.log(JSON.stringify(result));
`;

describe('two copies of core in one process', () => {
  // Generous bound: three esbuild bundles and a child process on a loaded machine.
  it('share state within a major, keep it apart across majors, and share exit flushes and secrets with all', () => {
    const directory = mkdtempSync(join(tmpdir(), 'tasklens-copies-'));
    const script = join(directory, 'driver.mjs');
    writeFileSync(
      script,
      driver(bundleCore(directory, '1.4.0'), bundleCore(directory, '1.9.2'), bundleCore(directory, '2.0.0')),
    );
    const child = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      timeout: 100_000,
      env: { ...process.env, TASKLENS_LOG_LEVEL: 'info', FLYTE_SDK_LOCAL_SANDBOX: directory },
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout);
    expect(result.versions).toEqual(['1.4.0', '1.9.2', '2.0.0']);
    expect(result.redactedByB).toBe('key=***');
    expect(result.redactedByC).toBe('key=***');
    expect(result.redactedByA).toBe('key=***');
    expect(result.linesA).toEqual(['[copy-b] WARN from b']);
    expect(result.linesC).toEqual(['[copy-c] WARN from c']);
    expect(result.contextSeenByB).toBe(true);
    expect(result.contextSeenByC).toBe('none');
    expect(result.flushedByB).toEqual(['a']);
    expect(result.flushedByC).toEqual(['a', 'a']);
    expect(result.pluginSameMajorFromC).toBe('plugin v3 state');
    expect(result.pluginOtherMajorFromB).toBe('none');
  }, 120_000);
});
