import { runInContext } from '../context/context-storage';
import { createLocalContext } from '../context/create-local-context';
import { writeDeck } from '../decks/write-deck';
import { importTaskModule, loadTask, tasksOf } from '../entrypoint/load-task';
import { InvalidOptionError } from '../errors/invalid-option-error';
import type { Task } from '../task/task';
import { commandUsage } from './cli-usage';
import { parseCliValue } from './parse-cli-value';
import { suggestNearest } from './suggest-nearest';
import { inputFlag, moduleHelp, taskHelp } from './task-help';

/** `--rowCount 3`, `--row-count=3` → `{ rowCount: '3' }`, matched against the declared input names. */
export function parseRunInputs(task: Task<any, any>, argv: readonly string[]): Record<string, unknown> {
  const byFlag = new Map<string, string>();
  for (const name of Object.keys(task.inputs)) {
    byFlag.set(name, name);
    byFlag.set(
      name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
      name,
    );
    byFlag.set(name.replaceAll('_', '-'), name);
  }
  const inputs: Record<string, unknown> = {};
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]!;
    if (!token.startsWith('--')) {
      throw new InvalidOptionError({
        option: token,
        message: `Unexpected argument ${token}; inputs are given as --name value`,
      });
    }
    const equals = token.indexOf('=');
    const flag = token.slice(2, equals === -1 ? undefined : equals);
    const name = byFlag.get(flag);
    if (name === undefined) {
      const known = Object.keys(task.inputs).map(inputFlag);
      const nearest = suggestNearest(`--${flag}`, known);
      throw new InvalidOptionError({
        option: `--${flag}`,
        message: `${task.taskName} has no input ${flag}${nearest === undefined ? '' : ` (did you mean ${nearest}?)`}; inputs: ${known.join(', ') || '(none)'}; see \`tasklens run <module> ${task.taskName} --help\``,
      });
    }
    const text = equals === -1 ? argv[++index] : token.slice(equals + 1);
    if (text === undefined)
      throw new InvalidOptionError({ option: `--${flag}`, message: `--${flag} needs a value` });
    inputs[name] = parseCliValue(text, task.inputs[name]!, `--${flag}`);
  }
  return inputs;
}

/** `tasklens run <module> <task> --name value …`: a local run, like `pyflyte run`. */
export async function runCommand(argv: readonly string[], write: (line: string) => void): Promise<number> {
  const [modulePath, taskName, ...rest] = argv;
  const isHelp = (token: string | undefined) => token === '--help' || token === '-h';
  if (modulePath === undefined || isHelp(modulePath)) {
    write(commandUsage.run);
    return modulePath === undefined ? 2 : 0;
  }
  if (taskName === undefined || isHelp(taskName)) {
    write(moduleHelp(modulePath, tasksOf(await importTaskModule(modulePath, process.cwd()))));
    return taskName === undefined ? 2 : 0;
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
