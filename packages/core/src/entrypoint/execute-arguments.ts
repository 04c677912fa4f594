import { unknownFlagError } from '../cli/suggest-nearest';
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
  /** Set by `tasklens map-execute`: run as ArrayNode / map-task subtask (pick element i of each list input). */
  mapTask?: MapTaskArguments;
}

/** What `tasklens map-execute` adds: the inputs passed whole (pyflyte-map-execute's loader args `vars a,b`). */
export interface MapTaskArguments {
  /** Inputs bound to one value for every subtask (`vars a,b` after `--`, or `--bound-inputs a,b`); default none. */
  boundInputs: readonly string[];
}

/** Flags that take a value: pyflyte-execute's, plus where to find the task. */
const valueFlags: Record<string, keyof ExecuteArguments | undefined> = {
  '--inputs': 'inputs',
  '--output-prefix': 'outputPrefix',
  '--raw-output-data-prefix': 'rawOutputDataPrefix',
  '--checkpoint-path': 'checkpointPath',
  '--prev-checkpoint': 'previousCheckpoint',
  '--task-module': 'taskModule',
  '--task-name': 'taskName',
  // pyflyte-execute's other flags, accepted (propeller or a copied command line may pass them) and
  // unused: dynamic tasks and resolvers are Python's.
  '--dynamic-addl-distro': undefined,
  '--dynamic-dest-dir': undefined,
  '--resolver': undefined,
};

/** pyflyte-map-execute's extra flags: `--max-concurrency` (accepted, unused: the engine schedules), bound inputs. */
const mapValueFlags: Record<string, 'boundInputs' | undefined> = {
  '--max-concurrency': undefined,
  '--bound-inputs': 'boundInputs',
};

/** pyflyte-execute's flag that takes no value. */
const switchFlags = new Set(['--test']);

/** Every flag `tasklens execute` takes. */
export const executeFlags: readonly string[] = [...Object.keys(valueFlags), ...switchFlags, '--help'];

/** Every flag `tasklens map-execute` takes. */
export const mapExecuteFlags: readonly string[] = [...executeFlags, ...Object.keys(mapValueFlags)];

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
 * Parses `tasklens execute` arguments. pyflyte-execute's flags are accepted (`--resolver`,
 * `--dynamic-addl-distro`, … are ignored), so a pyflyte-style argument list works unchanged; an
 * unknown flag is refused naming the nearest known one, as pyflyte-execute refuses it. After `--`,
 * flytekit-style loader arguments `task-module <m> task-name <n>` are honoured too.
 */
export function parseExecuteArguments(argv: readonly string[]): ExecuteArguments {
  return parseArguments(argv, false);
}

/**
 * Parses `tasklens map-execute` arguments: `tasklens execute`'s plus pyflyte-map-execute's
 * `--max-concurrency`, and the bound inputs as flytekit's map-task loader args give them
 * (`-- vars a,b resolver … task-module m task-name n`) or as `--bound-inputs a,b`.
 */
export function parseMapExecuteArguments(argv: readonly string[]): ExecuteArguments {
  return parseArguments(argv, true);
}

/** Names in flytekit's `vars` loader arg: comma-separated, empty parts dropped. */
function splitNames(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function parseArguments(argv: readonly string[], mapTask: boolean): ExecuteArguments {
  const found: Partial<Record<keyof ExecuteArguments, string>> = {};
  const boundInputs: string[] = [];
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
    if (flag in valueFlags) {
      const value = inline ?? argv[++index];
      if (value === undefined)
        throw new InvalidOptionError({ option: flag, message: `${flag} needs a value` });
      const field = valueFlags[flag];
      if (field !== undefined) found[field] = value;
    } else if (mapTask && flag in mapValueFlags) {
      const value = inline ?? argv[++index];
      if (value === undefined)
        throw new InvalidOptionError({ option: flag, message: `${flag} needs a value` });
      if (mapValueFlags[flag] === 'boundInputs') boundInputs.push(...splitNames(value));
    } else if (!switchFlags.has(flag)) {
      throw mapTask
        ? unknownFlagError('tasklens map-execute', flag, mapExecuteFlags)
        : unknownFlagError('tasklens execute', flag, executeFlags);
    }
  }
  for (; index + 1 < argv.length; index += 2) {
    const key = argv[index]!;
    if (key === 'task-module') found.taskModule ??= argv[index + 1]!;
    else if (key === 'task-name') found.taskName ??= argv[index + 1]!;
    else if (key === 'vars' && mapTask) boundInputs.push(...splitNames(argv[index + 1]!));
  }

  const required = (field: keyof ExecuteArguments, flag: string, hint: string) => {
    const value = normalizeFlyteValue(found[field]);
    if (value === undefined)
      throw new InvalidOptionError({ option: flag, message: `${flag} is required (${hint})` });
    return value;
  };
  const parsed: ExecuteArguments = {
    inputs: required('inputs', '--inputs', 'URI of inputs.pb, {{.input}}'),
    outputPrefix: required('outputPrefix', '--output-prefix', 'URI prefix for outputs.pb, {{.outputPrefix}}'),
    rawOutputDataPrefix: normalizeFlyteValue(found.rawOutputDataPrefix),
    checkpointPath: normalizeFlyteValue(found.checkpointPath),
    previousCheckpoint: normalizeFlyteValue(found.previousCheckpoint),
    taskModule: required('taskModule', '--task-module', 'path of the JavaScript module exporting the task'),
    taskName: required('taskName', '--task-name', 'export name of the task in that module'),
  };
  if (mapTask) parsed.mapTask = { boundInputs: [...new Set(boundInputs)] };
  return parsed;
}
