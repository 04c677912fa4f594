import type { Task } from '../task/task';
import type { Workflow } from '../task/workflow';
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

/** `tasklens run <module> <workflow> --help`: the workflow and its inputs as flags with their types. */
export function workflowHelp(modulePath: string, workflow: Workflow): string {
  const inputs = workflow.inputs === undefined ? undefined : table(workflow.inputs, inputFlag);
  const description = workflow.description === undefined ? [] : ['', workflow.description];
  return [
    `usage: tasklens run ${modulePath} ${workflow.workflowName}${inputs === undefined || inputs.length === 0 ? '' : ' [inputs]'}`,
    ...description,
    '',
    'inputs:',
    ...(inputs === undefined
      ? [
          '  (declared by name only: none from the command line; declare them with workflow({ name, inputs }, fn))',
        ]
      : inputs.length === 0
        ? ['  (none)']
        : inputs),
    '',
    'outputs:',
    '  what the workflow returns, printed as JSON',
  ].join('\n');
}

/** `tasklens run <module> --help`: the tasks and workflows a module exports. */
export function moduleHelp(
  modulePath: string,
  tasks: ReadonlyMap<string, Task>,
  workflows: ReadonlyMap<string, Workflow> = new Map(),
): string {
  const entry = (exportName: string, name: string, inputs: TypeRecord | undefined) => {
    const flags = Object.entries(inputs ?? {})
      .map(([input, descriptor]) => `${inputFlag(input)} <${descriptor.typeName}>`)
      .join(' ');
    return `  ${exportName}${name === exportName ? '' : ` (${name})`}  ${flags}`.trimEnd();
  };
  const taskLines = [...tasks.entries()].map(([exportName, task]) =>
    entry(exportName, task.taskName, task.inputs),
  );
  const workflowLines = [...workflows.entries()].map(([exportName, workflow]) =>
    entry(exportName, workflow.workflowName, workflow.inputs),
  );
  return [
    `usage: tasklens run ${modulePath} <task|workflow> [inputs]`,
    '',
    'tasks:',
    ...(taskLines.length === 0 ? ['  (none exported)'] : taskLines),
    ...(workflowLines.length === 0 ? [] : ['', 'workflows:', ...workflowLines]),
  ].join('\n');
}
