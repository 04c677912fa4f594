import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Maps every workspace package name (and its subpath entries) to its TypeScript source, so tests
 * run against the code being edited rather than a stale build.
 */
export function sourceAliases(): { find: RegExp; replacement: string }[] {
  const aliases: { find: RegExp; replacement: string }[] = [];
  const packagesDirectory = join(root, 'packages');
  for (const folder of readdirSync(packagesDirectory)) {
    const source = join(packagesDirectory, folder, 'src');
    if (!existsSync(join(source, 'index.ts'))) continue;
    const name = `@tasklens/${folder}`;
    // Subpath entries such as `@tasklens/whylogs/sketches` map to `src/sketches/index.ts`.
    aliases.push({ find: new RegExp(`^${name}/(.+)$`), replacement: join(source, '$1', 'index.ts') });
    aliases.push({ find: new RegExp(`^${name}$`), replacement: join(source, 'index.ts') });
  }
  return aliases;
}
