#!/usr/bin/env node
// Rewrites `import { … } from '@tasklens/core'` across the repository so that what moved to
// `@tasklens/core/plugin` (the plugin-author API) is imported from there. Only import lines change.
// Run after merging code written against the old all-in-one root:
//   node scripts/split-core-imports.mjs && npx biome check --write .
// Names exported by neither entry (internals such as TaskExecutor) are reported, not rewritten.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const entries = {
  '@tasklens/core': join(root, 'packages/core/src/index.ts'),
  '@tasklens/core/plugin': join(root, 'packages/core/src/plugin/index.ts'),
};
const program = ts.createProgram(Object.values(entries), { allowJs: false, noEmit: true });
const checker = program.getTypeChecker();
const exported = {};
for (const [specifier, file] of Object.entries(entries)) {
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(file));
  exported[specifier] = new Set(checker.getExportsOfModule(symbol).map((entry) => entry.name));
}

const skipped = new Set(['node_modules', 'dist', '.git', '.venv', '.turbo', '.test-output']);
function* sourceFiles(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name)) yield* sourceFiles(join(directory, entry.name));
    } else if (/\.(ts|mts|cts|tsx|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      yield join(directory, entry.name);
    }
  }
}

const importPattern = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@tasklens\/core';/g;
// A destructured dynamic import of core, as tests use.
const dynamicPattern = /const\s+\{([^}]*)\}\s*=\s*await\s+import\('@tasklens\/core'\)/g;
const problems = [];
let changed = 0;
for (const directory of ['packages', 'apps', 'scripts', 'test-support']) {
  for (const file of sourceFiles(join(root, directory))) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes("'@tasklens/core'")) continue;
    const rewritten = text
      .replace(importPattern, (whole, typeOnly = '', list) => {
        const names = list
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
        const rootNames = [];
        const pluginNames = [];
        for (const name of names) {
          const bare = name.replace(/^type\s+/, '').split(/\s+as\s+/)[0];
          if (exported['@tasklens/core'].has(bare)) rootNames.push(name);
          else if (exported['@tasklens/core/plugin'].has(bare)) pluginNames.push(name);
          else {
            problems.push(`${relative(root, file)}: ${bare} is no longer exported`);
            rootNames.push(name);
          }
        }
        if (pluginNames.length === 0) return whole;
        const lines = [];
        if (rootNames.length > 0)
          lines.push(`import ${typeOnly}{ ${rootNames.join(', ')} } from '@tasklens/core';`);
        lines.push(`import ${typeOnly}{ ${pluginNames.join(', ')} } from '@tasklens/core/plugin';`);
        return lines.join('\n');
      })
      .replace(dynamicPattern, (whole, list) => {
        const names = list
          .split(',')
          .map((name) => name.trim().split(/\s*:\s*/)[0])
          .filter(Boolean);
        if (names.every((name) => exported['@tasklens/core'].has(name))) return whole;
        if (names.every((name) => exported['@tasklens/core/plugin'].has(name)))
          return whole.replace("'@tasklens/core'", "'@tasklens/core/plugin'");
        problems.push(`${relative(root, file)}: split \`${whole}\` by hand`);
        return whole;
      });
    if (rewritten !== text) {
      writeFileSync(file, rewritten);
      changed++;
      console.log(`rewrote ${relative(root, file)}`);
    }
  }
}
console.log(`${changed} files rewritten`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
