import { fileURLToPath } from 'node:url';
import { bundleForChild as bundle } from '../../../../test-support/bundle-for-child';

/**
 * Writes `script` (which may import `@tasklens/wandb` and core's entries) to `directory` and
 * bundles it with the package sources for a plain Node child process. Returns the bundle's path.
 */
export function bundleForChild(directory: string, script: string): string {
  const packageEntry = fileURLToPath(new URL('../index.ts', import.meta.url));
  return bundle({ directory, script, packageName: '@tasklens/wandb', packageEntry });
}
