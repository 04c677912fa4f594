import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'legacy/index': 'src/legacy/index.ts',
    'testing/index': 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // import.meta.url in the CJS build too (operations-database.ts requires SQLite lazily through it).
  shims: true,
  external: ['@tasklens/core'],
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
