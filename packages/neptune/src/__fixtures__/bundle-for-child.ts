import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForChild as bundle } from '../../../../test-support/bundle-for-child';

// The package requires node-sqlite3-wasm at run time (createRequire(import.meta.url), on the first
// database open), which esbuild leaves out of the bundle: the child resolves it from a node_modules
// beside the bundle, linked to the installed package (which finds its .wasm beside its own script).
const sqlitePackage = dirname(dirname(createRequire(import.meta.url).resolve('node-sqlite3-wasm')));

/**
 * Writes `script` (which may import `@tasklens/neptune` and core's entries) to `directory` and
 * bundles it with the package sources for a plain Node child process. Returns the bundle's path.
 * With `sourceMap`, also `<bundle>.map` beside it.
 */
export function bundleForChild(directory: string, script: string, sourceMap = false): string {
  const packageEntry = fileURLToPath(new URL('../index.ts', import.meta.url));
  const outfile = bundle({ directory, script, packageName: '@tasklens/neptune', packageEntry, sourceMap });
  const linked = join(dirname(outfile), 'node_modules', 'node-sqlite3-wasm');
  if (!existsSync(linked)) {
    mkdirSync(dirname(linked), { recursive: true });
    symlinkSync(sqlitePackage, linked, 'dir');
  }
  return outfile;
}
