import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as whole from '../index';
import * as legacy from './index';

/** Every module a bundle of `entry` imports from outside the package sources, and the sources it holds. */
async function importsOf(entry: string): Promise<{ external: string[]; sources: string[] }> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    define: { __PACKAGE_VERSION__: '"0.0.0-test"' },
    // Every package stays outside the bundle, so the metafile names each one the entry imports.
    packages: 'external',
  });
  const inputs = Object.entries(result.metafile.inputs);
  return {
    external: inputs.flatMap(([, input]) =>
      input.imports.filter((item) => item.external).map((item) => item.path),
    ),
    sources: inputs.map(([path]) => path),
  };
}

describe('@tasklens/neptune/legacy', () => {
  it('loads neither SQLite, protobuf, zlib nor any Scale module (the whole package loads them)', async () => {
    const scaleDependencies = /^(node-sqlite3-wasm|@bufbuild\/protobuf)|zlib$/;
    const light = await importsOf('./index.ts');
    expect(light.external.filter((path) => scaleDependencies.test(path))).toEqual([]);
    expect(light.sources.filter((path) => path.includes('/scale/'))).toEqual([]);
    // The package index does load them (protobuf at import; SQLite is required on the first Scale
    // database open): the check above would see them if legacy code imported Scale.
    const heavy = await importsOf('../index.ts');
    expect(heavy.external).toContain('@bufbuild/protobuf');
    expect(heavy.sources.some((path) => path.includes('/scale/'))).toBe(true);
  });

  it('exports the same objects as the package index, for every name it has', () => {
    const packageExports = new Map(Object.entries(whole));
    const exports = Object.entries(legacy);
    expect(exports.length).toBeGreaterThan(5);
    for (const [name, value] of exports) expect(packageExports.get(name), name).toBe(value);
  });
});
