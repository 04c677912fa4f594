import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForChild as bundle } from '../../../../test-support/bundle-for-child';

// node-sqlite3-wasm finds its .wasm beside its script through __dirname, which an ESM bundle lacks.
const sqliteDirectory = dirname(createRequire(import.meta.url).resolve('node-sqlite3-wasm'));

/**
 * Writes `script` (which may import `@tasklens/neptune` and core's entries) to `directory` and
 * bundles it with the package sources for a plain Node child process. Returns the bundle's path.
 * With `sourceMap`, also `<bundle>.map` beside it.
 */
export function bundleForChild(directory: string, script: string, sourceMap = false): string {
  const packageEntry = fileURLToPath(new URL('../index.ts', import.meta.url));
  const outfile = bundle({ directory, script, packageName: '@tasklens/neptune', packageEntry, sourceMap });
  writeFileSync(outfile, `const __dirname = ${JSON.stringify(sqliteDirectory)};\n${readFileSync(outfile, 'utf8')}`);
  if (sourceMap) {
    // The line added above shifts the bundle down one line: so does an empty first line of mappings.
    const mapFile = `${outfile}.map`;
    const map = JSON.parse(readFileSync(mapFile, 'utf8'));
    writeFileSync(mapFile, JSON.stringify({ ...map, mappings: `;${map.mappings}` }));
  }
  return outfile;
}
