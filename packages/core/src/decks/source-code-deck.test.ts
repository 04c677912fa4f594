import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { renderSourceCode } from './source-code-deck';

const fixture = new URL('../__fixtures__/typed-task-source.ts', import.meta.url);

/** Compiles the fixture to an ES module in a fresh folder, with an inline or a separate source map. */
async function compiledFixture(mapKind: 'inline' | 'file'): Promise<(...args: any[]) => unknown> {
  const directory = mkdtempSync(join(tmpdir(), 'deck-source-'));
  const source = readFileSync(fixture, 'utf8');
  const output = ts.transpileModule(source, {
    fileName: fixture.pathname,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      ...(mapKind === 'inline' ? { inlineSourceMap: true, inlineSources: true } : { sourceMap: true }),
    },
  });
  const file = join(directory, 'typed-task-source.mjs');
  let text = output.outputText;
  if (mapKind === 'file') {
    const map = JSON.parse(output.sourceMapText!);
    map.sources = [fixture.pathname];
    writeFileSync(`${file}.map`, JSON.stringify(map));
    text = text.replace(/\/\/# sourceMappingURL=\S+/, '//# sourceMappingURL=typed-task-source.mjs.map');
  }
  writeFileSync(file, text);
  const module = await import(pathToFileURL(file).href);
  return module.scoreRows;
}

describe('the Source Code deck', () => {
  test.each(['inline', 'file'] as const)(
    'shows the TypeScript source through a source map (%s)',
    async (mapKind) => {
      const html = renderSourceCode(await compiledFixture(mapKind));
      // TypeScript-only syntax, escaped, from the original file; the compiled JavaScript folded below.
      expect(html).toContain('rows: readonly Row[], weight: number): Promise&lt;number&gt;');
      expect(html).toContain('return total satisfies number;');
      expect(html).toContain('typed-task-source.ts (through its source map)');
      expect(html).toMatch(
        /<details><summary[^>]*>Compiled JavaScript<\/summary><pre[^>]*><code>async function scoreRows\(rows, weight\)/,
      );
      // Only the function's lines, not the whole file.
      expect(html).not.toContain('interface Row');
    },
    60_000, // compiling and the inspector round trip are slow on a loaded machine
  );

  test('without a source map it shows the function as compiled', () => {
    const fn = new Function('a', 'return a + 1') as (...args: any[]) => unknown;
    const html = renderSourceCode(fn);
    expect(html).toContain('return a + 1');
    expect(html).not.toContain('through its source map');
  });
});
