import { InvalidOptionError } from '../errors/invalid-option-error';
import { isWorkflow, type Workflow } from '../task/workflow';
import { parseRunInputs } from './parse-run-inputs';
import { inputFlag } from './task-help';

/** Every workflow a module exports, by export name (a CommonJS module's exports are looked into too). */
export function workflowsOf(module: Record<string, unknown>): Map<string, Workflow> {
  const workflows = new Map<string, Workflow>();
  const visit = (exports: Record<string, unknown>) => {
    for (const [name, value] of Object.entries(exports))
      if (isWorkflow(value) && !workflows.has(name)) workflows.set(name, value);
  };
  visit(module);
  const fallback = module.default;
  if (fallback !== null && typeof fallback === 'object') visit(fallback as Record<string, unknown>);
  return workflows;
}

/** A workflow by export name, else by its declared name; undefined when the module has none so named. */
export function findWorkflow(module: Record<string, unknown>, name: string): Workflow | undefined {
  const workflows = workflowsOf(module);
  return workflows.get(name) ?? [...workflows.values()].find((candidate) => candidate.workflowName === name);
}

/** JSON for what a workflow returned: bigints as numbers' text, objects with `toJSON` as they say. */
function outputJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item), 2) ?? 'null'
  );
}

/**
 * A workflow's inputs from `--name value` flags, parsed by their declared types, defaults filled
 * in; undefined for a workflow declared by name only (which takes none). Throws
 * InvalidOptionError for a usage error: an unknown, missing or unreadable input.
 */
export function parseWorkflowInputs(
  modulePath: string,
  workflow: Workflow,
  argv: readonly string[],
): Record<string, unknown> | undefined {
  if (workflow.inputs === undefined) {
    if (argv.length > 0) {
      throw new InvalidOptionError({
        option: argv[0]!,
        message: `${workflow.workflowName} is declared by name only and takes no inputs from the command line; declare them with workflow({ name, inputs }, fn)`,
      });
    }
    return undefined;
  }
  const inputs = parseRunInputs({ taskName: workflow.workflowName, inputs: workflow.inputs }, argv);
  const missing = Object.entries(workflow.inputs)
    .filter(([name, descriptor]) => !(name in inputs) && descriptor.default === undefined)
    .map(([name]) => inputFlag(name));
  if (missing.length > 0) {
    throw new InvalidOptionError({
      option: missing[0]!,
      message: `${workflow.workflowName}: missing input${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; see \`tasklens run ${modulePath} ${workflow.workflowName} --help\``,
    });
  }
  for (const [name, descriptor] of Object.entries(workflow.inputs))
    if (!(name in inputs) && descriptor.default !== undefined) inputs[name] = descriptor.default.value;
  return inputs;
}

/**
 * Runs a workflow locally, as `pyflyte run <file> <workflow>` does: every task it calls runs as a
 * node of one local execution, and what it returns is printed as JSON. `inputs` come from
 * parseWorkflowInputs (undefined: declared by name only).
 */
export async function runWorkflow(
  workflow: Workflow,
  inputs: Record<string, unknown> | undefined,
  write: (line: string) => void,
): Promise<number> {
  const result = inputs === undefined ? await workflow() : await workflow(inputs);
  write(outputJson(result));
  return 0;
}
