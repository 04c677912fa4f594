import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

const environmentVariable = /\bno env var\b|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;

/**
 * The public options that break CONTRIBUTING's rule "every public option has a one-line doc
 * comment naming its default and env var": for each named options type exported from `entryFile`
 * (a package's `src/index.ts`), every property whose doc comment does not say `default` (or
 * `required`) or does not name an environment variable (`WANDB_MODE`, …) or say `no env var`.
 */
export function undocumentedOptions(entryFile: string, typeNames: readonly string[]): string[] {
  const program = ts.createProgram([entryFile], {
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    paths: sourcePaths(),
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entryFile);
  const entry = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (entry === undefined) return [`${entryFile}: not a module`];
  const exported = new Map(checker.getExportsOfModule(entry).map((symbol) => [symbol.name, symbol]));
  const problems: string[] = [];
  for (const typeName of typeNames) {
    const symbol = exported.get(typeName);
    if (symbol === undefined) {
      problems.push(`${typeName}: not exported from ${entryFile}`);
      continue;
    }
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const properties = checker.getDeclaredTypeOfSymbol(target).getProperties();
    // A type built from an import that did not resolve has none: that must not pass as documented.
    if (properties.length === 0) problems.push(`${typeName}: no properties found`);
    for (const property of properties) {
      const doc = ts.displayPartsToString(property.getDocumentationComment(checker));
      const missing = [
        /\b(default|required)\b/i.test(doc) ? undefined : 'its default',
        environmentVariable.test(doc) ? undefined : 'its env var (or "no env var")',
      ].filter((part) => part !== undefined);
      if (missing.length > 0) {
        problems.push(`${typeName}.${property.name}: the doc comment does not name ${missing.join(' or ')}`);
      }
    }
  }
  return problems;
}

/** Workspace packages and their subpath entries mapped to their sources (as `vitest.shared.ts` does), so no build is needed. */
function sourcePaths(): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  const packagesDirectory = join(root, 'packages');
  for (const folder of readdirSync(packagesDirectory)) {
    const source = join(packagesDirectory, folder, 'src');
    if (!existsSync(join(source, 'index.ts'))) continue;
    paths[`@tasklens/${folder}`] = [join(source, 'index.ts')];
    paths[`@tasklens/${folder}/*`] = [join(source, '*', 'index.ts')];
  }
  return paths;
}
