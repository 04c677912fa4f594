import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Info-string word that marks a block as an excerpt: type-checked, not run (```` ```ts excerpt ````). */
export const excerptMarker = 'excerpt';

/** One TypeScript code block of a README. */
export interface CodeBlock {
  /** The README, relative to the repository root. */
  readme: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** True for a block marked as an excerpt. */
  excerpt: boolean;
  source: string;
}

// Folders that are not the project's own documentation (copies of specs, installs, outputs).
const skippedFolders = new Set([
  'node_modules',
  'dist',
  '.git',
  '.venv',
  '.oracle',
  '.turbo',
  '.test-output',
  '.changeset',
  'specs',
]);

/** Every `README.md` in the repository, found by walking it so new packages join by themselves. */
export function findReadmes(root: string, directory = root): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) found.push(...findReadmes(root, join(directory, entry.name)));
    } else if (entry.name === 'README.md') {
      found.push(relative(root, join(directory, entry.name)));
    }
  }
  return found.sort();
}

/** The ```ts / ```typescript blocks of a Markdown text, with the excerpt marker read from the info string. */
export function extractCodeBlocks(markdown: string, readme: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*(\S*)(.*)$/.exec(lines[index]!);
    if (fence === null) continue;
    const [, indent, marker, language, rest] = fence as unknown as [string, string, string, string, string];
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !lines[end]!.trimStart().startsWith(marker)) body.push(lines[end++]!);
    if (language === 'ts' || language === 'typescript') {
      blocks.push({
        readme,
        line: index + 1,
        excerpt: rest.split(/\s+/).includes(excerptMarker),
        source: body.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n'),
      });
    }
    index = end;
  }
  return blocks;
}

/** All README TypeScript blocks of the repository. */
export function readmeCodeBlocks(root: string): CodeBlock[] {
  return findReadmes(root).flatMap((readme) =>
    extractCodeBlocks(readFileSync(join(root, readme), 'utf8'), readme),
  );
}
