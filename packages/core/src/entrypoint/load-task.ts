import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TasklensError } from '../errors/tasklens-error';
import { isTask, type Task } from '../task/task';

const marker = 'tasklens.error.TasklensTaskLoadError';
const symbol = Symbol.for(marker);

/** The module or the task in it could not be found; reported as a user error, as flytekit does. */
export class TaskLoadError extends TasklensError {
  protected readonly [symbol] = true;

  constructor(message: string, cause?: unknown) {
    super({ name: 'TasklensTaskLoadError', message, cause });
  }

  static override isInstance(error: unknown): error is TaskLoadError {
    return TasklensError.hasMarker(error, marker);
  }
}

const typeScriptExtensions = new Set(['.ts', '.mts', '.cts', '.tsx']);

/** How to run TypeScript task files; shown when tsx is missing. */
export const typeScriptHint =
  'Running a TypeScript file needs tsx, an optional peer of @tasklens/core: install it with `npm install -D tsx`, ' +
  'or compile it to JavaScript first (`npx tsc`) and pass the .js file.';

type TsImport = (specifier: string, parentURL: string) => Promise<unknown>;

/** tsx's `tsImport`, from the user's project first, else next to this package; undefined when absent. */
async function loadTsImport(cwd: string): Promise<TsImport | undefined> {
  // In the CommonJS build `import.meta` is empty; `__filename` is this file there.
  const here = typeof __filename === 'string' ? __filename : import.meta.url;
  for (const base of [resolve(cwd, 'package.json'), here]) {
    try {
      // `require.resolve` would pick tsx's CommonJS build; its exports map names the ES module one.
      const manifestPath = createRequire(base).resolve('tsx/package.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        exports?: Record<string, { import?: { default?: string } }>;
      };
      const entry = manifest.exports?.['./esm/api']?.import?.default;
      if (entry === undefined) continue;
      const api = (await import(pathToFileURL(join(dirname(manifestPath), entry)).href)) as {
        tsImport?: TsImport;
      };
      if (typeof api.tsImport === 'function') return api.tsImport;
    } catch {
      // Not installed there; try the next place.
    }
  }
  return undefined;
}

/**
 * Imports `specifier`: a file path relative to `cwd` (`./app.js`, or bare `app.ts` when that file
 * exists, as `pyflyte run app.py` takes), or a package name resolved from `cwd`. TypeScript files
 * (`.ts`, `.mts`, `.cts`, `.tsx`) are loaded through tsx when it is installed.
 */
export async function importTaskModule(specifier: string, cwd: string): Promise<Record<string, unknown>> {
  const isPath =
    specifier.startsWith('.') ||
    isAbsolute(specifier) ||
    specifier.startsWith('file:') ||
    existsSync(resolve(cwd, specifier));
  let url: string;
  try {
    url = specifier.startsWith('file:')
      ? specifier
      : isPath
        ? pathToFileURL(resolve(cwd, specifier)).href
        : pathToFileURL(createRequire(resolve(cwd, 'package.json')).resolve(specifier)).href;
  } catch (error) {
    throw new TaskLoadError(
      `Cannot resolve task module ${specifier} from ${cwd}: ${(error as Error).message}`,
      error,
    );
  }
  if (typeScriptExtensions.has(extname(new URL(url).pathname))) {
    const tsImport = await loadTsImport(cwd);
    if (tsImport === undefined)
      throw new TaskLoadError(`Cannot load task module ${specifier}: ${typeScriptHint}`);
    try {
      return (await tsImport(url, pathToFileURL(resolve(cwd, 'package.json')).href)) as Record<
        string,
        unknown
      >;
    } catch (error) {
      throw new TaskLoadError(`Cannot load task module ${specifier}: ${(error as Error).message}`, error);
    }
  }
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new TaskLoadError(`Cannot load task module ${specifier}: ${(error as Error).message}`, error);
  }
}

/** Every task a module exports, by export name (a CommonJS module's exports are looked into too). */
export function tasksOf(module: Record<string, unknown>): Map<string, Task> {
  const tasks = new Map<string, Task>();
  const visit = (exports: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(exports))
      if (isTask(value) && !tasks.has(name)) tasks.set(name, value);
  };
  visit(module);
  const fallback = module.default;
  if (fallback !== null && typeof fallback === 'object') visit(fallback as Record<string, unknown>);
  return tasks;
}

/** Finds a task by export name, else by its declared name (`task({ name })`). */
export async function loadTask(
  specifier: string,
  taskName: string,
  cwd: string = process.cwd(),
): Promise<Task> {
  const module = await importTaskModule(specifier, cwd);
  const tasks = tasksOf(module);
  const task =
    tasks.get(taskName) ?? [...tasks.values()].find((candidate) => candidate.taskName === taskName);
  if (task === undefined) {
    const available = [...tasks.entries()].map(([name, candidate]) => `${name} (${candidate.taskName})`);
    throw new TaskLoadError(
      `Task ${taskName} not found in ${specifier}; exported tasks: ${available.length === 0 ? '(none)' : available.join(', ')}`,
    );
  }
  return task;
}
