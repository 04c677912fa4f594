// Every ```ts block of every README.md in the repository is type-checked as its own ES module (with
// the published packages' types, moduleResolution NodeNext, strict) and, unless marked
// ```ts excerpt, run with Node in a fresh working directory. Runs against the built packages:
// `npm test` builds first. Marker and rules: CONTRIBUTING.md, "README examples".
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CodeBlock, readmeCodeBlocks } from './extract-code-blocks';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository so `@tasklens/*` and the packages' dependencies resolve from its node_modules.
const output = join(root, '.test-output', 'readme-examples');
const blocks = readmeCodeBlocks(root);

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
  typeRoots: [join(root, 'node_modules', '@types')],
};

function fileName(block: CodeBlock): string {
  return join(
    output,
    `${block.readme.replace(/\/?README\.md$/, '').replaceAll('/', '-') || 'root'}-line-${block.line}.mts`,
  );
}

// Every block is a module of its own, so blocks may reuse names and use top-level await.
function moduleSource(block: CodeBlock): string {
  return `${block.source}\nexport {};\n`;
}

let diagnostics = new Map<string, string[]>();

beforeAll(() => {
  rmSync(output, { recursive: true, force: true });
  mkdirSync(output, { recursive: true });
  for (const block of blocks) writeFileSync(fileName(block), moduleSource(block));
  const program = ts.createProgram(blocks.map(fileName), compilerOptions);
  diagnostics = new Map(blocks.map((block) => [fileName(block), []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? '';
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const position =
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
        : undefined;
    const where = position === undefined ? file : `line ${position.line + 1}`;
    const list = diagnostics.get(file);
    if (list !== undefined) list.push(`${where}: ${message}`);
    else diagnostics.set(file, [`${file} ${where}: ${message}`]);
  }
});

/** memray reports of a run must show where memory went, not an empty chart. */
function emptyMemrayReports(directory: string): string[] {
  const reports = join(directory, 'memray_bin');
  if (!existsSync(reports)) return [];
  return readdirSync(reports)
    .filter((name) => name.endsWith('.html'))
    .filter((name) =>
      readFileSync(join(reports, name), 'utf8').includes('data-role="top"><li>No sampled allocations.</li>'),
    );
}

describe('README examples', () => {
  it('finds the TypeScript blocks of every README', () => {
    const readmes = new Set(blocks.map((block) => block.readme));
    expect(readmes).toContain('README.md');
    expect(readmes).toContain('packages/core/README.md');
  });

  it.each(
    blocks.map(
      (block) => [`${block.readme}:${block.line}${block.excerpt ? ' (excerpt)' : ''}`, block] as const,
    ),
  )('%s compiles and runs', (_name, block) => {
    const file = fileName(block);
    expect(diagnostics.get(file) ?? [], `type errors in ${block.readme} block at line ${block.line}`).toEqual(
      [],
    );
    // Files the program reports outside the blocks (a broken package type) fail every block.
    const outside = [...diagnostics.entries()].filter(
      ([name]) => !blocks.some((other) => fileName(other) === name),
    );
    expect(outside.flatMap(([, messages]) => messages)).toEqual([]);
    if (block.excerpt) return;
    const compiled = ts.transpileModule(moduleSource(block), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
    const script = file.replace(/\.mts$/, '.mjs');
    writeFileSync(script, compiled);
    const workingDirectory = mkdtempSync(join(tmpdir(), 'readme-example-'));
    try {
      const result = spawnSync(process.execPath, [script], {
        cwd: workingDirectory,
        encoding: 'utf8',
        timeout: 150_000,
        env: {
          ...process.env,
          // Examples that track runs stay on this machine (W&B's own switch, documented in its README).
          WANDB_MODE: 'offline',
          FLYTE_SDK_LOCAL_SANDBOX: join(workingDirectory, 'sandbox'),
        },
      });
      expect(
        result.status,
        `${block.readme} block at line ${block.line} exited ${result.status}:\n${result.stdout}\n${result.stderr}`,
      ).toBe(0);
      expect(emptyMemrayReports(workingDirectory), 'memray reports with no sampled allocation').toEqual([]);
    } finally {
      rmSync(workingDirectory, { recursive: true, force: true });
    }
  });
});
