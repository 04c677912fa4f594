import type { Task } from '../task/task';
import type { TypeRecord } from '../types/type-descriptor';

/** `--row-count` for `rowCount`, as `tasklens run` accepts it. */
export function inputFlag(name: string): string {
  return `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`).replaceAll('_', '-')}`;
}

function table(record: TypeRecord, flag: (name: string) => string): string[] {
  const rows = Object.entries(record).map(([name, descriptor]) => [flag(name), descriptor.typeName] as const);
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, type]) => `  ${left.padEnd(width)}   ${type}`);
}

/** `tasklens run <module> <task> --help`: the task, its inputs as flags with their types, its outputs. */
export function taskHelp(modulePath: string, task: Task<any, any>): string {
  const inputs = table(task.inputs, inputFlag);
  const outputs = table(task.outputs, (name) => name);
  const description = task.options.description === undefined ? [] : ['', task.options.description];
  return [
    `usage: tasklens run ${modulePath} ${task.taskName}${inputs.length === 0 ? '' : ' [inputs]'}`,
    ...description,
    '',
    'inputs:',
    ...(inputs.length === 0 ? ['  (none)'] : inputs),
    '',
    'outputs:',
    ...(outputs.length === 0 ? ['  (none)'] : outputs),
  ].join('\n');
}

/** `tasklens run <module> --help`: the tasks a module exports. */
export function moduleHelp(modulePath: string, tasks: ReadonlyMap<string, Task>): string {
  const lines = [...tasks.entries()].map(([exportName, task]) => {
    const inputs = Object.entries(task.inputs)
      .map(([name, descriptor]) => `${inputFlag(name)} <${descriptor.typeName}>`)
      .join(' ');
    return `  ${exportName}${task.taskName === exportName ? '' : ` (${task.taskName})`}  ${inputs}`.trimEnd();
  });
  return [
    `usage: tasklens run ${modulePath} <task> [inputs]`,
    '',
    'tasks:',
    ...(lines.length === 0 ? ['  (none exported)'] : lines),
  ].join('\n');
}
