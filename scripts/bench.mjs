#!/usr/bin/env node
// Runs every package's benchmarks (packages/*/bench/*.mjs) one after another, so they do not
// compete for the machine's cores. Pass package names to run only those: `npm run bench -- wandb`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = new Set(process.argv.slice(2));
let failures = 0;
for (const name of readdirSync(join(root, 'packages')).sort()) {
  const directory = join(root, 'packages', name, 'bench');
  if ((only.size > 0 && !only.has(name)) || !existsSync(directory)) continue;
  for (const script of readdirSync(directory)
    .filter((file) => file.endsWith('.mjs'))
    .sort()) {
    console.log(`\n=== ${name}/bench/${script} ===`);
    const result = spawnSync(process.execPath, [join(directory, script)], {
      stdio: 'inherit',
      cwd: join(root, 'packages', name),
    });
    if (result.status !== 0) failures++;
  }
}
process.exit(failures === 0 ? 0 : 1);
