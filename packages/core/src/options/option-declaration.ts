import { InvalidOptionError } from '../errors/invalid-option-error';

/**
 * One option declared once: the type a user passes (`Input`), what it resolves to when not given
 * (`Resolved`, the default), how a given value is validated, and the environment variable read at
 * execution when code does not set it. Options types, defaults and validation all derive from it.
 */
export interface OptionDeclaration<Input, Resolved> {
  /** What a valid value looks like, for messages ("a positive integer"). */
  readonly expected: string;
  /** Used when the option is not given; `undefined` when the environment or another option decides. */
  readonly defaultValue: Resolved;
  /** Read at execution when code leaves the option out; an invalid value is warned about and ignored. */
  readonly environmentVariable?: string;
  /** Checks a value given in code; throws `InvalidOptionError` naming `option`. `earlier` holds the options resolved before it. */
  validate(value: unknown, option: string, earlier: Readonly<Record<string, unknown>>): Input;
  /** Parses the environment variable's text; `undefined` means invalid. */
  parseEnvironment?(text: string): Input | undefined;
}

type AnyDeclaration = OptionDeclaration<any, any>;
type InputOf<Declaration> = Declaration extends OptionDeclaration<infer Input, unknown> ? Input : never;
type ResolvedOf<Declaration> =
  Declaration extends OptionDeclaration<unknown, infer Resolved> ? Resolved : never;

/** The options object users write: every declared option, optional. */
export type DeclaredOptions<Declarations> = {
  -readonly [Name in keyof Declarations]?: InputOf<Declarations[Name]> | undefined;
};

/** Every declared option after validation, defaults applied. */
export type DeclaredValues<Declarations> = {
  -readonly [Name in keyof Declarations]: InputOf<Declarations[Name]> | ResolvedOf<Declarations[Name]>;
};

function invalid(option: string, expected: string, value: unknown): InvalidOptionError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new InvalidOptionError({ option, message: `${option} must be ${expected}, got ${shown}` });
}

/** Declares a hand-written option (the identity: it fixes the declaration's types). */
export function declareOption<Input, Resolved>(
  declaration: OptionDeclaration<Input, Resolved>,
): OptionDeclaration<Input, Resolved> {
  return declaration;
}

/** A boolean option; `environmentVariable` accepts 1/0, true/false, yes/no, on/off. */
export function booleanOption<Default extends boolean | undefined>(
  defaultValue: Default,
  environmentVariable?: string,
): OptionDeclaration<boolean, Default> {
  return {
    expected: 'a boolean',
    defaultValue,
    ...(environmentVariable === undefined ? {} : { environmentVariable }),
    // Parenthesized: compiled with booleanOption (at import), not inside the first start() given one.
    // biome-ignore format: the parentheses are the compile hint
    validate: (function validate(value: unknown, option: string): boolean {
      if (typeof value !== 'boolean') {
        throw new InvalidOptionError({ option, message: `${option} must be a boolean, got ${typeof value}` });
      }
      return value;
    }),
    parseEnvironment(text) {
      const word = text.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(word)) return true;
      if (['0', 'false', 'no', 'off'].includes(word)) return false;
      return undefined;
    },
  };
}

/** An integer option of at least `minimum`; `expected` may explain a special value (0 turns it off). */
export function integerOption<Default extends number | undefined>(settings: {
  minimum: number;
  defaultValue: Default;
  environmentVariable?: string;
  expected?: string;
}): OptionDeclaration<number, Default> {
  const expected =
    settings.expected ??
    (settings.minimum === 1 ? 'a positive integer' : `an integer >= ${settings.minimum}`);
  // biome-ignore format: the parentheses are the compile hint
  const accepts = (function accepts(value: unknown): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value >= settings.minimum;
  });
  return {
    expected,
    defaultValue: settings.defaultValue,
    ...(settings.environmentVariable === undefined
      ? {}
      : { environmentVariable: settings.environmentVariable }),
    // Parenthesized: compiled with integerOption (at import), not inside the first start() given one.
    // biome-ignore format: the parentheses are the compile hint
    validate: (function validate(value: unknown, option: string): number {
      if (!accepts(value)) throw invalid(option, expected, value);
      return value;
    }),
    parseEnvironment(text) {
      const value = text.trim() === '' ? Number.NaN : Number(text);
      return accepts(value) ? value : undefined;
    },
  };
}

/** A finite number option of at least `minimum`. */
export function numberOption(settings: {
  minimum: number;
  defaultValue: number;
}): OptionDeclaration<number, number> {
  const expected = `a number >= ${settings.minimum}`;
  return {
    expected,
    defaultValue: settings.defaultValue,
    validate(value, option) {
      if (typeof value !== 'number' || !Number.isFinite(value) || !(value >= settings.minimum)) {
        throw invalid(option, expected, value);
      }
      return value;
    },
  };
}

/** A non-empty path string. */
export function pathOption<Default extends string | undefined>(
  defaultValue: Default,
  environmentVariable?: string,
): OptionDeclaration<string, Default> {
  return {
    expected: 'a non-empty path string',
    defaultValue,
    ...(environmentVariable === undefined ? {} : { environmentVariable }),
    validate(value, option) {
      if (typeof value !== 'string' || value === '') throw invalid(option, 'a non-empty path string', value);
      return value;
    },
    parseEnvironment: (text) => (text === '' ? undefined : text),
  };
}

/** How a value is shown in an option's error: a string quoted, anything else by its type. */
function shownType(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

/**
 * A text option. `check` adds the vendor's own rule: it returns the value to keep (`undefined`
 * drops it, as a client that ignores a bad value with a warning) or throws `InvalidOptionError`.
 * `settings` may carry a provider's own fields (where else the value is read from); they are kept.
 */
export function textOption<Default extends string | undefined, Settings extends object = object>(
  settings: Settings & { defaultValue: Default; environmentVariable?: string },
  check?: (text: string, option: string) => string | undefined,
): OptionDeclaration<string, Default> & Settings {
  return {
    expected: 'a string',
    ...settings,
    // Parenthesized: compiled with textOption (at import, where options are declared), not
    // inside the first start() that validates a text option.
    // biome-ignore format: the parentheses are the compile hint
    validate: (function validate(value: unknown, option: string): string {
      if (typeof value !== 'string') {
        throw new InvalidOptionError({
          option,
          message: `${option} must be a string, got ${shownType(value)}`,
        });
      }
      return (check === undefined ? value : check(value, option)) as string;
    }),
    // biome-ignore format: the parentheses are the compile hint
    parseEnvironment: (function parseEnvironment(text: string): string {
      return text;
    }),
  };
}

/** An object option passed through as given (an environment, a retry policy); `expected` says what it holds. */
export function objectOption<Input extends object>(expected: string): OptionDeclaration<Input, undefined> {
  return {
    expected,
    defaultValue: undefined,
    // Parenthesized: compiled with objectOption (at import), not inside the first start() that
    // validates an object option (every decorator passes its environment as one).
    // biome-ignore format: the parentheses are the compile hint
    validate: (function validate(value: unknown, option: string): Input {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new InvalidOptionError({
          option,
          message: `${option} must be ${expected}, got ${shownType(value)}`,
        });
      }
      return value as Input;
    }),
  };
}

/**
 * Throws `InvalidOptionError` for the first name in `given` that is not declared, listing the
 * known ones; `prefix` (when given) qualifies the option's name (`memrayProfiling.interval`).
 */
export function rejectUnknownOptions(
  declarations: Readonly<Record<string, unknown>>,
  given: object,
  caller: string,
  prefix?: string,
): void {
  checkOptionNames(declarations, given, caller, prefix);
}

// Every provider's start() calls this once: parenthesized, so V8 compiles it at import, not inside
// that first call (the exported declaration above stays a function, for the API report).
// biome-ignore format: the parentheses are the compile hint
const checkOptionNames = (function checkOptionNames(
  declarations: Readonly<Record<string, unknown>>,
  given: object,
  caller: string,
  prefix: string | undefined,
): void {
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(declarations, name)) {
      throw new InvalidOptionError({
        option: prefix === undefined ? name : `${prefix}.${name}`,
        message: `${caller} has no option ${name}; known options: ${Object.keys(declarations).join(', ')}`,
      });
    }
  }
});

/**
 * Validates `given` against `declarations` in declaration order, after rejecting names that are
 * not declared. `prefix` names options in errors (`memrayProfiling.memoryIntervalMs`).
 */
export function resolveDeclaredOptions<Declarations extends Record<string, AnyDeclaration>>(
  declarations: Declarations,
  given: object,
  prefix: string,
): DeclaredValues<Declarations> {
  const names = Object.keys(declarations);
  rejectUnknownOptions(declarations, given, prefix, prefix);
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const declaration = declarations[name] as AnyDeclaration;
    const value = (given as Record<string, unknown>)[name];
    values[name] =
      value === undefined
        ? declaration.defaultValue
        : declaration.validate(value, `${prefix}.${name}`, values);
  }
  return values as DeclaredValues<Declarations>;
}

/**
 * An option's value at execution: the one given in code, else its environment variable (an invalid
 * text is reported through `warn` and ignored), else `fallback`.
 */
export function resolveAtExecution<Input>(
  declaration: OptionDeclaration<Input, unknown>,
  given: Input | undefined,
  environment: Readonly<Record<string, string | undefined>>,
  fallback: Input,
  warn: (message: string) => void,
): Input {
  if (given !== undefined) return given;
  const variable = declaration.environmentVariable;
  const text = variable === undefined ? undefined : environment[variable];
  if (variable === undefined || text === undefined || text === '') return fallback;
  const parsed = declaration.parseEnvironment?.(text);
  if (parsed === undefined) {
    warn(`${variable}=${JSON.stringify(text)} is not ${declaration.expected}; using the default`);
    return fallback;
  }
  return parsed;
}
