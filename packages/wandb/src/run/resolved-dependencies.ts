import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `requirements.txt` for a Node program: the resolved versions of the nearest package.json's
 * dependencies (`name==version`, as pip freeze lists Python's), found in node_modules.
 */
export function resolvedDependencies(start = process.cwd()): string {
  let directory = start;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) return '';
    directory = parent;
  }
  try {
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).sort();
    return names
      .map((name) => {
        const installed = join(directory, 'node_modules', name, 'package.json');
        const version = existsSync(installed)
          ? (JSON.parse(readFileSync(installed, 'utf8')) as { version?: string }).version
          : undefined;
        return `${name}==${version ?? 'unknown'}\n`;
      })
      .join('');
  } catch {
    return '';
  }
}
