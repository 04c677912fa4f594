import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { builtinsWithoutEsmFacade } from './scripts/builtins-without-esm-facade.mjs';
import { oneRuntimeChunk } from './scripts/one-runtime-chunk.mjs';

const entry = {
  index: 'src/index.ts',
  plugin: 'src/plugin/index.ts',
  cli: 'src/cli/main.ts',
  'testing/index': 'src/testing/index.ts',
  'testing/conformance/index': 'src/testing/conformance/index.ts',
};
const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

export default defineConfig({
  // `plugin` is `@tasklens/core/plugin`, `testing/index` is `@tasklens/core/testing` (test servers,
  // fault plans; loads without vitest), `testing/conformance/index` is
  // `@tasklens/core/testing/conformance` (the tracker conformance suite, the only vitest user).
  // `cli` is the `tasklens` bin (bin/tasklens.mjs imports dist/cli.js).
  entry,
  // The conformance suite registers vitest tests; vitest is an optional peer, never bundled.
  external: ['vitest'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Bundled: as ~90 separate ES modules, loading protobuf-es took half of `tasklens execute`'s cold
  // start CPU. It stays a dependency for the `.d.ts` files and for users building flyteidl messages.
  noExternal: ['@bufbuild/protobuf'],
  // The ES module build reads Node built-ins through `process.getBuiltinModule`: an ES import of
  // `node:fs` alone loads the streams stack (see the plugin; `tasklens execute` cold start, #16).
  // (tsup would otherwise resolve `node:` imports before any plugin sees them.)
  removeNodeProtocol: false,
  // The task-author API and the execute path share one chunk (see the plugin; #16).
  esbuildPlugins: [
    builtinsWithoutEsmFacade(),
    oneRuntimeChunk(Object.values(entry), 'src/runtime-anchor.ts'),
  ],
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  // load-task reads `import.meta.url` only in the ES module build (`__filename` in the CommonJS one).
  esbuildOptions(options) {
    options.logOverride = { ...options.logOverride, 'empty-import-meta': 'silent' };
  },
});
