import { fileURLToPath } from 'node:url';
import { bundleForChild } from '../../../../test-support/bundle-for-child';

/**
 * Bundles the package (and core) so a plain Node child process can run a script against it; with
 * `sourceMap`, also `comet.mjs.map` beside it.
 */
export function bundlePackage(directory: string, sourceMap = false): string {
  const packageEntry = fileURLToPath(new URL('../index.ts', import.meta.url));
  return bundleForChild({ directory, packageName: '@tasklens/comet', packageEntry, outfileName: 'comet.mjs', sourceMap });
}
