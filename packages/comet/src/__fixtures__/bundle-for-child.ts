import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Writes `script` (which may import `@tasklens/comet`, `@tasklens/core` and
 * `@tasklens/core/cli/execute-command`) to `directory` and bundles it with the package sources, so
 * a plain Node child process runs the code under test. Returns the bundle's path.
 */
export function bundleForChild(directory: string, script: string): string {
  const entry = join(directory, 'child-source.ts');
  const outfile = join(directory, 'child.mjs');
  writeFileSync(entry, script);
  buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    alias: {
      '@tasklens/comet': source('../index.ts'),
      '@tasklens/core/cli/execute-command': source('../../../core/src/cli/execute-command.ts'),
      '@tasklens/core/plugin': source('../../../core/src/plugin/index.ts'),
      '@tasklens/core/testing': source('../../../core/src/testing/index.ts'),
      '@tasklens/core': source('../../../core/src/index.ts'),
    },
    define: { __PACKAGE_VERSION__: '"0.0.0-test"' },
    // Bundled CommonJS dependencies (e.g. protobuf runtimes) may call require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  return outfile;
}
