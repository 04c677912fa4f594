// An esbuild plugin for the ES module build: the modules of `@tasklens/core` (the task-author entry)
// and of `tasklens execute` go into ONE shared chunk instead of ~20 small ones.
//
// Why: esbuild's code splitting makes a chunk per set of entry points (public entries and dynamic
// `import()` targets) that use a module, and each chunk is a file Node's ES module loader must
// resolve, read, compile and link: ~1 ms of CPU each in a fresh process. Importing the split
// `@tasklens/core` cost ~30 ms of CPU, the same code as one file ~14 ms, and `tasklens execute`'s
// cold start of a trivial task is ~100 ms (issue #16).
//
// How: every entry point (and every `import()` target) also imports the anchor module, whose
// namespace names the anchored modules, so their code is used by the same set of entry points and
// esbuild puts it in one chunk. The anchored modules load no protobuf runtime (the type engine and
// flyteidl stay in their own chunks, imported when needed), so nothing more is evaluated at start.
// The CommonJS build is left alone.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * The plugin; `entries` are the build's entry files and `anchorFile` the module naming what to keep
 * together, relative to the package directory (tsup's working directory).
 */
export function oneRuntimeChunk(entries, anchorFile) {
  const anchor = resolve(anchorFile);
  return {
    name: 'one-runtime-chunk',
    setup(build) {
      if (build.initialOptions.format !== 'esm') return;
      const anchored = new Set(entries.map((entry) => resolve(entry)));
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === 'anchor') return undefined;
        const result = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'anchor',
        });
        if (!result.external) anchored.add(result.path);
        return result;
      });
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        if (!anchored.has(path) || path === anchor) return undefined;
        const source = await readFile(path, 'utf8');
        // A comparison that reads the namespace keeps every anchored export in this entry point.
        return {
          contents: `${source}\nimport * as runtimeAnchor from ${JSON.stringify(anchor)};\nif (runtimeAnchor === undefined) throw new TypeError('tasklens: runtime chunk missing');\n`,
          loader: 'ts',
        };
      });
    },
  };
}
