import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

/** Bundles the package (and core) so a plain Node child process can run a script against it. */
export function bundlePackage(directory: string): string {
  const outfile = join(directory, 'comet.mjs');
  const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  buildSync({
    entryPoints: [source('../index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    alias: {
      '@tasklens/core/plugin': source('../../../core/src/plugin/index.ts'),
      '@tasklens/core': source('../../../core/src/index.ts'),
    },
    define: { __PACKAGE_VERSION__: '"0.0.0-test"' },
    logLevel: 'silent',
  });
  return outfile;
}
