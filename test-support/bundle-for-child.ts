import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const coreSource = (path: string) => fileURLToPath(new URL(`../packages/core/src/${path}`, import.meta.url));

/** What to bundle for a child process. */
export interface ChildBundleOptions {
  /** Where the script and the bundle are written. */
  directory: string;
  /** The package under test, e.g. `@tasklens/wandb`, resolved to `packageEntry` (its `src/index.ts`). */
  packageName: string;
  packageEntry: string;
  /** The child's script (may import the package and core's entries); default: bundle the package entry itself. */
  script?: string | undefined;
  /** The bundle's file name in `directory`; default `child.mjs`. */
  outfileName?: string | undefined;
  /** Write `<bundle>.map` beside the bundle (to map a position in the bundle back to the source); default false. */
  sourceMap?: boolean | undefined;
}

/**
 * Bundles a child script (or the package itself) with the package's and core's sources, so a
 * plain Node child process runs the code under test. Every core entry is aliased explicitly
 * (root, `/plugin`, `/testing`, `/testing/conformance`, `/cli/execute-command`), as COMMON rules require. Returns the
 * bundle's path.
 */
export function bundleForChild(options: ChildBundleOptions): string {
  let entry = options.packageEntry;
  if (options.script !== undefined) {
    entry = join(options.directory, 'child-source.ts');
    writeFileSync(entry, options.script);
  }
  const outfile = join(options.directory, options.outfileName ?? 'child.mjs');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    sourcemap: options.sourceMap ?? false,
    alias: {
      [options.packageName]: options.packageEntry,
      '@tasklens/core/cli/execute-command': coreSource('cli/execute-command.ts'),
      '@tasklens/core/plugin': coreSource('plugin/index.ts'),
      '@tasklens/core/testing/conformance': coreSource('testing/conformance/index.ts'),
      '@tasklens/core/testing': coreSource('testing/index.ts'),
      '@tasklens/core': coreSource('index.ts'),
    },
    define: { __PACKAGE_VERSION__: '"0.0.0-test"' },
    // Bundled CommonJS dependencies (e.g. protobuf runtimes) may call require().
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  return outfile;
}
