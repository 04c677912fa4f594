import { InvalidOptionError } from '../errors/invalid-option-error';
import type { Task } from '../task/task';
import { parseCliValue } from './parse-cli-value';
import { suggestNearest } from './suggest-nearest';
import { inputFlag } from './task-help';

/** `--rowCount 3`, `--row-count=3` → `{ rowCount: '3' }`, matched against the declared input names. */
export function parseRunInputs(
  task: Pick<Task<any, any>, 'taskName' | 'inputs'>,
  argv: readonly string[],
): Record<string, unknown> {
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
      // `--hepl` is a mistyped --help, not a missing input.
      const nearest = suggestNearest(`--${flag}`, [...known, '--help']);
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
