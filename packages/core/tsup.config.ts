import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

export default defineConfig({
  // `testing/index` is `@tasklens/core/testing` (the tracker conformance suite). `cli` is the `tasklens` bin (bin/tasklens.mjs imports dist/cli.js).
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts', 'testing/index': 'src/testing/index.ts' },
  // The conformance suite registers vitest tests; vitest is an optional peer, never bundled.
  external: ['vitest'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
