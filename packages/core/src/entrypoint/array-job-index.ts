import { InvalidOptionError } from '../errors/invalid-option-error';
import { pythonStrip } from '../secrets/python-text';

/**
 * Python's `int(text)` for base-10 text: surrounding whitespace, one sign, ASCII digits with single
 * underscores between them (`"1_000"`). Anything else (`""`, `"1.0"`, `"0x1"`) is refused with
 * CPython's message, naming the environment variable it came from.
 */
export function parsePythonInt(text: string, variable: string): number {
  const stripped = pythonStrip(text);
  if (!/^[+-]?\d+(_\d+)*$/.test(stripped)) {
    throw new InvalidOptionError({
      option: variable,
      message: `${variable}: invalid literal for int() with base 10: ${pythonRepr(text)}`,
    });
  }
  const value = Number(stripped.replaceAll('_', ''));
  if (!Number.isSafeInteger(value))
    throw new InvalidOptionError({
      option: variable,
      message: `${variable}: ${text} is not a usable array index`,
    });
  return value;
}

function pythonRepr(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replaceAll("'", "\\'")}'`;
}

/**
 * The index of this ArrayNode / map-task subtask, as flytekit's `ArrayNodeMapTask` computes it:
 * `int($BATCH_JOB_ARRAY_INDEX_OFFSET or "0") + int(${$BATCH_JOB_ARRAY_INDEX_VAR_NAME} or "0")`.
 * Propeller sets `BATCH_JOB_ARRAY_INDEX_VAR_NAME=FLYTE_K8S_ARRAY_INDEX` and `FLYTE_K8S_ARRAY_INDEX=<i>`;
 * AWS Batch and the legacy array plugin add an offset. A named variable that is absent counts as 0,
 * as in flytekit; text Python's `int()` refuses is an `InvalidOptionError` naming the variable.
 */
export function computeArrayJobIndex(environment: Readonly<Record<string, string | undefined>>): number {
  const offset = parsePythonInt(
    environment.BATCH_JOB_ARRAY_INDEX_OFFSET ?? '0',
    'BATCH_JOB_ARRAY_INDEX_OFFSET',
  );
  // flytekit looks up the variable named by BATCH_JOB_ARRAY_INDEX_VAR_NAME, defaulting the name to "0".
  const variable = environment.BATCH_JOB_ARRAY_INDEX_VAR_NAME ?? '0';
  return offset + parsePythonInt(environment[variable] ?? '0', variable);
}
