#!/usr/bin/env node
// Every error a user can meet is a typed `TasklensError` subclass naming the option or field
// (CONTRIBUTING.md), so library code never throws or builds a plain `Error` / `TypeError`.
// Scans packages/*/src/**/*.ts (the published packages; apps are examples) except tests, test helpers, fixtures and the
// test kits in `src/testing/` (a throw there is a test failure, not a library error). A line that
// must keep a plain Error (e.g. re-describing a user's own error under its own name) carries
// `plain-error:` and the reason in a comment on it or on the line above. Part of `npm run lint`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const plainError = /\b(?:new|throw)\s+(?:Type)?Error\(/;
const exemption = 'plain-error:';

/** True for files that are tests or test support rather than library code. */
function isTestCode(path) {
  return (
    /\.test(?:-helper)?\.ts$/.test(path) ||
    path.includes('/__fixtures__/') ||
    path.includes('/src/testing/') ||
    path.endsWith('.d.ts')
  );
}

function* sourceFiles(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts') && !isTestCode(path)) yield path;
  }
}

const problems = [];
let scanned = 0;
for (const group of ['packages']) {
  for (const folder of readdirSync(join(root, group))) {
    const source = join(root, group, folder, 'src');
    let files;
    try {
      files = [...sourceFiles(source)];
    } catch {
      continue;
    }
    for (const file of files) {
      scanned++;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        if (!plainError.test(line)) return;
        if (line.includes(exemption) || (lines[index - 1] ?? '').includes(exemption)) return;
        problems.push(`${relative(root, file)}:${index + 1}: ${line.trim()}`);
      });
    }
  }
}
if (problems.length > 0) {
  console.error(
    `Plain errors in library code (throw a TasklensError subclass naming the option or field, e.g. InvalidOptionError, CorruptFileError, InvalidStateError):\n${problems.join('\n')}`,
  );
  process.exit(1);
}
console.log(`check-plain-errors: ${scanned} library files, no plain Error`);
