#!/usr/bin/env node
// A fresh clone anywhere must build and test: no tracked file may reach outside the repository for
// what it needs. Fails when a tracked file refers to the sibling `shared` folder the project's notes
// once lived in (a relative path up one level into it, or the same as `join` arguments), or to an
// absolute path under the `work` folder at the root of the project's machines, where this repository
// happens to be checked out.
//
// What is checked: every tracked file (code, tests, fixtures, scripts, configs, CI and markdown),
// except docs/specs/, the copy of the reference notes that says where each one came from. Markdown
// counts too: a link up into `shared` in CONTRIBUTING.md or a README is a path a reader follows, and
// it points nowhere in a clone. A provenance line is fine where it names a source without a path
// into this machine (a repository, a URL, a package), so a provenance line needs no exception here.
// Binary files (with a NUL byte) are skipped.
//   node scripts/check-self-contained.mjs [repository root]   (npm run lint)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
const exempt = ['docs/specs/'];
// Written so that this file does not match itself.
const references = [
  { what: 'the sibling shared folder', pattern: /\.\.[/\\]shared\b/ },
  { what: 'the sibling shared folder', pattern: /['"]\.\.['"]\s*,\s*['"]shared['"]/ },
  { what: 'an absolute /work path', pattern: /(?<![\w.~-])\/work\// },
];

const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
  .split('\0')
  .filter((file) => file !== '' && !exempt.some((folder) => file.startsWith(folder)));
const problems = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    continue; // deleted in the working tree, not yet staged
  }
  if (text.includes('\0')) continue;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    for (const { what, pattern } of references)
      if (pattern.test(line))
        problems.push(`${file}:${index + 1}: refers to ${what}: ${line.trim().slice(0, 120)}`);
  });
}
if (problems.length > 0) {
  console.error(
    `${problems.join('\n')}\n\nA clone elsewhere has no such path: copy what is needed into the repository (fixtures in src/__fixtures__/, reference notes in docs/specs/) and refer to it relatively.`,
  );
  process.exit(1);
}
console.log(`check-self-contained: ${files.length} tracked files refer to nothing outside the repository`);
