import { runInContext } from '../context/context-storage';
import { createLocalContext } from '../context/create-local-context';
import { writeDeck } from '../decks/write-deck';
import { importTaskModule, loadTask, tasksOf } from '../entrypoint/load-task';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { commandUsage } from './cli-usage';
import { parseRunInputs } from './parse-run-inputs';
import { findWorkflow, parseWorkflowInputs, runWorkflow, workflowsOf } from './run-workflow';
import { suggestNearest, unknownFlagError } from './suggest-nearest';
import { moduleHelp, taskHelp, workflowHelp } from './task-help';

/** A usage error: named on stderr, exit 2, as pyflyte run (click) does. */
function usageError(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

/** Parses with `parse`; a bad, unknown or missing input (InvalidOptionError) becomes a usage error. */
function parseInputs<T>(parse: () => T): { inputs: T } | { exitCode: number } {
  try {
    return { inputs: parse() };
  } catch (error) {
    if (InvalidOptionError.isInstance(error))
      return { exitCode: usageError(`tasklens run: ${error.message}`) };
    throw error;
  }
}

/** `tasklens run <module> <task|workflow> --name value …`: a local run, like `pyflyte run`. */
export async function runCommand(argv: readonly string[], write: (line: string) => void): Promise<number> {
  const [modulePath, taskName, ...rest] = argv;
  const isHelp = (token: string | undefined) => token === '--help' || token === '-h';
  if (modulePath === undefined || isHelp(modulePath)) {
    write(commandUsage.run);
    return modulePath === undefined ? 2 : 0;
  }
  // A flag where the module or the task belongs (`run --hepl`) is a mistyped option, not a name.
  if (modulePath.startsWith('-'))
    return usageError(unknownFlagError('tasklens run', modulePath, ['--help']).message);
  if (taskName?.startsWith('-') === true && !isHelp(taskName))
    return usageError(unknownFlagError(`tasklens run ${modulePath}`, taskName, ['--help']).message);
  if (taskName === undefined || isHelp(taskName)) {
    const module = await importTaskModule(modulePath, process.cwd());
    write(moduleHelp(modulePath, tasksOf(module), workflowsOf(module)));
    return taskName === undefined ? 2 : 0;
  }
  const module = await importTaskModule(modulePath, process.cwd());
  const tasks = tasksOf(module);
  // A task wins over a workflow of the same name, so adding workflows never changes what runs.
  const isTask =
    tasks.has(taskName) || [...tasks.values()].some((candidate) => candidate.taskName === taskName);
  const workflow = isTask ? undefined : findWorkflow(module, taskName);
  if (workflow !== undefined) {
    if (rest.some(isHelp)) {
      write(workflowHelp(modulePath, workflow));
      return 0;
    }
    const parsed = parseInputs(() => parseWorkflowInputs(modulePath, workflow, rest));
    return 'exitCode' in parsed ? parsed.exitCode : runWorkflow(workflow, parsed.inputs, write);
  }
  if (!isTask) {
    // pyflyte run's "No such command": a usage error, with the nearest name.
    const listed = (entries: [string, string][]) =>
      entries.map(([exportName, name]) => `${exportName} (${name})`).join(', ') || '(none)';
    const taskEntries = [...tasks].map(([exportName, task]): [string, string] => [exportName, task.taskName]);
    const workflowEntries = [...workflowsOf(module)].map(([exportName, found]): [string, string] => [
      exportName,
      found.workflowName,
    ]);
    const nearest = suggestNearest(taskName, [...taskEntries, ...workflowEntries].flat());
    return usageError(
      `tasklens run: Task or workflow ${taskName} not found in ${modulePath}${nearest === undefined ? '' : ` (did you mean ${nearest}?)`}; exported tasks: ${listed(taskEntries)}; workflows: ${listed(workflowEntries)}`,
    );
  }
  const task = await loadTask(modulePath, taskName);
  if (rest.some(isHelp)) {
    write(taskHelp(modulePath, task));
    return 0;
  }
  const parsed = parseInputs(() => parseRunInputs(task, rest));
  if ('exitCode' in parsed) return parsed.exitCode;
  const { inputs } = parsed;
  const context = createLocalContext({ taskName: task.taskName, enableDeck: task.enableDeck });
  const execution = await runInContext(context, () => task.execute(context, inputs));
  write(JSON.stringify(execution.outputs, null, 2));
  if (task.enableDeck) {
    // Printed once, on stdout beside the outputs, so writeDeck does not log it as well.
    const deckPath = await writeDeck(context, undefined, false);
    if (deckPath !== undefined) write(`deck: file://${deckPath}`);
  }
  return 0;
}
