// An esbuild plugin for the ES module build: `import { readFileSync } from 'node:fs'` becomes a
// read of `process.getBuiltinModule('node:fs')` (Node ≥ 20.16; core needs ≥ 20.19).
//
// Why: the first ES `import` of a Node built-in builds its module facade, which reads every export
// and so runs the lazy getters behind them. For `node:fs` that loads the whole streams stack
// (`fs.ReadStream`, `fs.promises`): ~3–6 ms of CPU in a fresh process, and `tasklens execute`'s
// cold start of a trivial task is ~100 ms (issue #16). `getBuiltinModule` returns the CommonJS
// exports and runs nothing. The CommonJS build is left alone: `require` builds no facade.
//
// Every export that is a plain value (not a getter) is re-exported under its own name; importing
// a getter-backed name (e.g. `promises` from `node:fs`) fails the build, so nothing is silently
// undefined. Import `node:fs/promises` instead.
import { builtinModules, createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const builtins = new Set(builtinModules);
const namespace = 'tasklens-builtin';

/** The plugin; `format` is tsup's output format of the build it is added to. */
export function builtinsWithoutEsmFacade() {
  return {
    name: 'builtins-without-esm-facade',
    setup(build) {
      if (build.initialOptions.format !== 'esm') return;
      build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
        const name = args.path.replace(/^node:/, '');
        if (!builtins.has(name) || args.namespace === namespace) return undefined;
        return { path: name, namespace };
      });
      build.onLoad({ filter: /.*/, namespace }, ({ path }) => {
        const descriptors = Object.getOwnPropertyDescriptors(require(`node:${path}`));
        const names = Object.keys(descriptors).filter(
          (name) => 'value' in descriptors[name] && name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name),
        );
        const lines = [
          `const builtin = process.getBuiltinModule(${JSON.stringify(`node:${path}`)});`,
          'export default builtin;',
          ...names.map((name, index) => `const value${index} = builtin.${name};`),
          `export { ${names.map((name, index) => `value${index} as ${name}`).join(', ')} };`,
        ];
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}
