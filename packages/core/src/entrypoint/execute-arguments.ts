import { InvalidOptionError } from '../errors/invalid-option-error';

/** The pyflyte-execute command line, plus where to find the task. */
export interface ExecuteArguments {
  /** `--inputs`: URI of inputs.pb (a `flyteidl.core.LiteralMap`). */
  inputs: string;
  /** `--output-prefix`: where outputs.pb / error.pb / deck.html go. */
  outputPrefix: string;
  /** `--raw-output-data-prefix`: where produced blobs go; absent → a local sandbox directory. */
  rawOutputDataPrefix: string | undefined;
  /** `--checkpoint-path`; absent → no checkpointing. */
  checkpointPath: string | undefined;
  /** `--prev-checkpoint`; `""` (as propeller renders "none") → absent. */
  previousCheckpoint: string | undefined;
  /** `--task-module` (or loader arg `task-module`): file path or package specifier of the module. */
  taskModule: string;
  /** `--task-name` (or loader arg `task-name`): export name, or the declared task name. */
  taskName: string;
}

/** Flags that take a value; any other `--flag` is ignored (with its value, if one follows). */
const valueFlags: Record<string, keyof ExecuteArguments | undefined> = {
  '--inputs': 'inputs',
  '--output-prefix': 'outputPrefix',
  '--raw-output-data-prefix': 'rawOutputDataPrefix',
  '--checkpoint-path': 'checkpointPath',
  '--prev-checkpoint': 'previousCheckpoint',
  '--task-module': 'taskModule',
  '--task-name': 'taskName',
};

/** Flyte/pyflyte flags known to take no value. */
const switchFlags = new Set(['--test']);

/**
 * flytekit's `normalize_inputs`: an unrendered template (`{{.rawOutputDataPrefix}}`, old
 * propeller) or an empty / `""` value means "not given".
 */
export function normalizeFlyteValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === '""' || trimmed === "''") return undefined;
  if (/^\{\{\s*[.$][A-Za-z]+\s*\}\}$/.test(trimmed)) return undefined;
  return value;
}

/**
 * Parses `tasklens execute` arguments. Unknown flags (e.g. `--resolver`, `--dynamic-addl-distro`)
 * are ignored, so a pyflyte-style argument list works unchanged; after `--`, flytekit-style loader
 * arguments `task-module <m> task-name <n>` are honoured too.
 */
export function parseExecuteArguments(argv: readonly string[]): ExecuteArguments {
  const found: Partial<Record<keyof ExecuteArguments, string>> = {};
  let index = 0;
  for (; index < argv.length; index++) {
    const token = argv[index]!;
    if (token === '--') {
      index++;
      break;
    }
    if (!token.startsWith('--')) continue;
    const equals = token.indexOf('=');
    const flag = equals === -1 ? token : token.slice(0, equals);
    const inline = equals === -1 ? undefined : token.slice(equals + 1);
    const field = valueFlags[flag];
    if (field !== undefined) {
      const value = inline ?? argv[++index];
      if (value === undefined)
        throw new InvalidOptionError({ option: flag, message: `${flag} needs a value` });
      found[field] = value;
    } else if (inline === undefined && !switchFlags.has(flag)) {
      // An unknown flag swallows a following value, if there is one.
      const next = argv[index + 1];
      if (next !== undefined && !next.startsWith('--')) index++;
    }
  }
  for (; index + 1 < argv.length; index += 2) {
    const key = argv[index]!;
    if (key === 'task-module') found.taskModule ??= argv[index + 1]!;
    else if (key === 'task-name') found.taskName ??= argv[index + 1]!;
  }

  const required = (field: keyof ExecuteArguments, flag: string, hint: string) => {
    const value = normalizeFlyteValue(found[field]);
    if (value === undefined)
      throw new InvalidOptionError({ option: flag, message: `${flag} is required (${hint})` });
    return value;
  };
  return {
    inputs: required('inputs', '--inputs', 'URI of inputs.pb, {{.input}}'),
    outputPrefix: required('outputPrefix', '--output-prefix', 'URI prefix for outputs.pb, {{.outputPrefix}}'),
    rawOutputDataPrefix: normalizeFlyteValue(found.rawOutputDataPrefix),
    checkpointPath: normalizeFlyteValue(found.checkpointPath),
    previousCheckpoint: normalizeFlyteValue(found.previousCheckpoint),
    taskModule: required('taskModule', '--task-module', 'path of the JavaScript module exporting the task'),
    taskName: required('taskName', '--task-name', 'export name of the task in that module'),
  };
}
