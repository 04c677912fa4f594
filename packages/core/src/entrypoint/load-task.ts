import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
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

/** Imports `specifier` (a file path relative to `cwd`, or a package name resolved from `cwd`). */
export async function importTaskModule(specifier: string, cwd: string): Promise<Record<string, unknown>> {
  const isPath = specifier.startsWith('.') || isAbsolute(specifier) || specifier.startsWith('file:');
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
