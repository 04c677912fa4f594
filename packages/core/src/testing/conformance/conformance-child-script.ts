import { join } from 'node:path';
import type { ConformanceChildCommand, ConformanceChildScenario } from '../tracker-conformance-adapter';

/**
 * The provider-specific parts of a conformance child program; the rest (the `tasklens execute`
 * call, the logging loop, `ready`, staying alive) is the same for every tracker and written by
 * `conformanceChildScript`. Each part is JavaScript source. In scope: `options` (the `options`
 * value, as JSON), `run` (the started run, in `logRow`) and `step` (in `logRow`).
 */
export interface ConformanceChildProgram {
  /** The import lines of the snippets below, e.g. `import { init, wandbInit, wandbRun } from '@tasklens/wandb';`. */
  readonly imports: string;
  /** Plain JSON data the snippets read as `options` (usually the adapter's run options). */
  readonly options: unknown;
  /** `log-then-idle`: an expression that starts a run from `options` (awaited), e.g. `init(options)`. */
  readonly startRun: string;
  /** `execute-task`: an arrow function from `options` to the provider's task decorator. */
  readonly decorator: string;
  /** `execute-task`: an expression for the run the decorator opened, read inside the task, e.g. `wandbRun()`. */
  readonly currentRun: string;
  /** A statement that logs the row `{ value: step }` at step `step` on `run`. */
  readonly logRow: string;
}

/** The execute-task scenario of `ConformanceChildScenario`. */
export type ConformanceExecuteScenario = Extract<ConformanceChildScenario, { kind: 'execute-task' }>;

/** The task that the child program of an execute-task scenario defines and runs. */
const taskName = 'conformanceTask';
/** Stands for the child's own file in the arguments; replaced at run time (the bundle's path is known only there). */
const selfPlaceholder = '__SELF__';
/** Tells a child program that it was started by the suite (and not imported by `tasklens execute`). */
const childVariable = 'TASKLENS_CONFORMANCE_CHILD';

/**
 * The `tasklens execute` arguments of an execute-task scenario, as pyflyte-execute takes them,
 * for the task `task.name` exported by the module file `task.module`.
 */
export function executeArgumentsFor(
  scenario: ConformanceExecuteScenario,
  task: { readonly module: string; readonly name: string },
): string[] {
  return [
    '--inputs',
    scenario.inputsPath,
    '--output-prefix',
    scenario.outputPrefix,
    '--raw-output-data-prefix',
    scenario.rawOutputPrefix,
    '--task-module',
    task.module,
    '--task-name',
    task.name,
  ];
}

/** The lines that log `steps` rows, print `ready` and keep the process alive. */
function logThenWait(program: ConformanceChildProgram, steps: number): string {
  return `for (let step = 0; step < ${steps}; step++) ${program.logRow};
console.log('ready');
setInterval(() => {}, 1000);`;
}

/**
 * The source of the child program of `scenario` (an ES module that imports the provider package
 * and core's entries; bundle it for a plain Node process). `log-then-idle`: start a run, log,
 * print `ready`, stay alive. `execute-task`: run `tasklens execute` on a task of this very file,
 * wrapped by the provider's decorator, which logs, prints `ready` and waits forever. Start it with
 * `conformanceChildCommand`.
 */
export function conformanceChildScript(
  scenario: ConformanceChildScenario,
  program: ConformanceChildProgram,
): string {
  const options = `const options = ${JSON.stringify(program.options)};`;
  if (scenario.kind === 'log-then-idle') {
    return `${program.imports}
${options}
const run = await ${program.startRun};
${logThenWait(program, scenario.steps)}
`;
  }
  const args = executeArgumentsFor(scenario, { module: selfPlaceholder, name: taskName });
  return `import { fileURLToPath } from 'node:url';
import { task } from '@tasklens/core';
import { executeCommand } from '@tasklens/core/cli/execute-command';
${program.imports}
${options}
export const ${taskName} = task(
  { name: 'conformance.sigterm', enableDeck: true },
  (${program.decorator})(options)(async () => {
    const run = ${program.currentRun};
    ${logThenWait(program, scenario.steps).replaceAll('\n', '\n    ')}
    await new Promise(() => {});
  }),
);
if (process.env.${childVariable} === 'main') {
  process.env.${childVariable} = 'loaded';
  const args = ${JSON.stringify(args)}.map((arg) => (arg === '${selfPlaceholder}' ? fileURLToPath(import.meta.url) : arg));
  // Not awaited: the task module is this very file, and tasklens execute imports it again.
  void executeCommand(args).then((outcome) => process.exit(outcome.exitCode));
}
`;
}

/**
 * The command that runs a bundled child program (`bundle`, built from `conformanceChildScript`)
 * with `scratch` as its local Flyte sandbox; `environment` adds variables (e.g. a HOME of its own).
 */
export function conformanceChildCommand(
  bundle: string,
  scratch: string,
  environment: Readonly<Record<string, string>> = {},
): ConformanceChildCommand {
  return {
    command: process.execPath,
    args: [bundle],
    env: { [childVariable]: 'main', FLYTE_SDK_LOCAL_SANDBOX: join(scratch, 'sandbox'), ...environment },
  };
}
