import { runInContext } from '../context/context-storage';
import { createLocalContext } from '../context/create-local-context';
import { writeDeck } from '../decks/write-deck';
import { importTaskModule, loadTask, TaskLoadError, tasksOf } from '../entrypoint/load-task';
import { commandUsage } from './cli-usage';
import { parseRunInputs } from './parse-run-inputs';
import { findWorkflow, runWorkflow, workflowsOf } from './run-workflow';
import { moduleHelp, taskHelp } from './task-help';

/** `tasklens run <module> <task|workflow> --name value …`: a local run, like `pyflyte run`. */
export async function runCommand(argv: readonly string[], write: (line: string) => void): Promise<number> {
  const [modulePath, taskName, ...rest] = argv;
  const isHelp = (token: string | undefined) => token === '--help' || token === '-h';
  if (modulePath === undefined || isHelp(modulePath)) {
    write(commandUsage.run);
    return modulePath === undefined ? 2 : 0;
  }
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
  if (workflow !== undefined) return runWorkflow(modulePath, workflow, rest, write);
  const workflows = workflowsOf(module);
  if (!isTask && workflows.size > 0) {
    const listed = (entries: [string, string][]) =>
      entries.map(([exportName, name]) => `${exportName} (${name})`).join(', ') || '(none)';
    throw new TaskLoadError(
      `Task or workflow ${taskName} not found in ${modulePath}; exported tasks: ${listed([...tasks].map(([exportName, task]) => [exportName, task.taskName]))}; workflows: ${listed([...workflows].map(([exportName, found]) => [exportName, found.workflowName]))}`,
    );
  }
  const task = await loadTask(modulePath, taskName);
  if (rest.some(isHelp)) {
    write(taskHelp(modulePath, task));
    return 0;
  }
  const inputs = parseRunInputs(task, rest);
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
