import { InvalidOptionError } from '@tasklens/core';
import {
  textOption as coreTextOption,
  type DeclaredValues,
  type OptionDeclaration,
  rejectUnknownOptions,
  resolveDeclaredOptions,
} from '@tasklens/core/plugin';

/**
 * A Neptune option declared once: core's declaration (type, default, environment variable,
 * validation) plus the two rules the Neptune clients apply that core's helpers do not.
 */
export interface NeptuneOptionDeclaration<Input, Resolved> extends OptionDeclaration<Input, Resolved> {
  /** An empty string (given, or in the variable) counts as not set (neptune-scale's `or`). */
  readonly emptyIsUnset?: true;
  /** The message when neither code, the variable nor a default gives a value (the option is required). */
  readonly requiredMessage?: string;
}

/** A declaration of any types, for tables of them. */
export type AnyNeptuneDeclaration = NeptuneOptionDeclaration<any, any>;

/** Core's text option, with the places Neptune also reads it from; `check` returns the value kept. */
export function textOption<Default extends string | undefined>(
  settings: {
    defaultValue: Default;
    environmentVariable?: string;
    emptyIsUnset?: true;
    requiredMessage?: string;
  },
  check?: (text: string, option: string) => string | undefined,
): NeptuneOptionDeclaration<string, Default> {
  return coreTextOption(settings, check);
}

/** An object option passed through as given (core's). */
export { objectOption } from '@tasklens/core/plugin';

/** One of a few words, as the clients' `mode` (the message is the clients' own). */
export function choiceOption<Choice extends string>(
  choices: readonly Choice[],
  settings: { defaultValue: Choice; environmentVariable?: string; emptyIsUnset?: true },
): NeptuneOptionDeclaration<Choice, Choice> {
  return {
    expected: `one of ${choices.join(', ')}`,
    ...settings,
    // Parenthesized: compiled with choiceOption (at import, where options are declared), not
    // inside the first start that validates the mode.
    // biome-ignore format: the parentheses are the compile hint
    validate: (function validate(value: unknown, option: string): Choice {
      if (!(choices as readonly unknown[]).includes(value)) {
        throw new InvalidOptionError({
          option,
          message: `${option} must be one of ${choices.join(', ')}, got "${String(value)}"`,
        });
      }
      return value as Choice;
    }),
    // biome-ignore format: the parentheses are the compile hint
    parseEnvironment: (function parseEnvironment(text: string): Choice {
      return text as Choice;
    }),
  };
}

/**
 * Every declared option in the clients' order: the value given in code, else its environment
 * variable, else its default; whichever was found is validated under the option's own name (an
 * invalid `NEPTUNE_MODE` is an error, as in the clients). Declaration order is the order the
 * clients check in. A name that is not declared is an `InvalidOptionError`.
 */
// Every run start calls this once: parenthesized, so V8 compiles it when the package is imported,
// not inside the first start of the process.
// biome-ignore format: the parentheses are the compile hint
export const resolveNeptuneOptions = (function resolveNeptuneOptions(
  declarations: Readonly<Record<string, AnyNeptuneDeclaration>>,
  given: object,
  environment: Readonly<Record<string, string | undefined>>,
  caller: string,
): Record<string, unknown> {
  rejectUnknownOptions(declarations, given, caller);
  const values: Record<string, unknown> = {};
  // for…in, not Object.entries: no array of pairs on every run start.
  for (const name in declarations) {
    const declaration = declarations[name] as AnyNeptuneDeclaration;
    let value = (given as Record<string, unknown>)[name];
    if (isUnset(value, declaration) && declaration.environmentVariable !== undefined) {
      const text = environment[declaration.environmentVariable];
      value = text === undefined ? undefined : declaration.parseEnvironment?.(text);
    }
    if (isUnset(value, declaration)) {
      if (declaration.requiredMessage !== undefined && declaration.defaultValue === undefined) {
        throw new InvalidOptionError({ option: name, message: declaration.requiredMessage });
      }
      values[name] = declaration.defaultValue;
    } else {
      values[name] = declaration.validate(value, name, values);
    }
  }
  return values;
});

/** Not set: absent, or empty where an empty value counts as unset. */
// biome-ignore format: the parentheses are the compile hint
const isUnset = (function isUnset(value: unknown, declaration: AnyNeptuneDeclaration): boolean {
  return value === undefined || (declaration.emptyIsUnset === true && value === '');
});

/**
 * A decorator's own options, checked when it is written (as flytekit's constructor): each declared
 * one is validated (`<decorator>.<option>` in errors) and each of `required` must be given.
 */
export function resolveDecoratorOptions<
  Declarations extends Record<string, AnyNeptuneDeclaration>,
  Required extends keyof Declarations & string,
>(
  declarations: Declarations,
  required: readonly Required[],
  given: object,
  decorator: string,
): DeclaredValues<Declarations> & { [Name in Required]: NonNullable<DeclaredValues<Declarations>[Name]> } {
  const own = Object.fromEntries(
    Object.keys(declarations).map((name) => [name, (given as Record<string, unknown>)[name]]),
  );
  const values = resolveDeclaredOptions(declarations, own, decorator);
  for (const name of required) {
    if (values[name] === undefined) {
      throw new InvalidOptionError({
        option: `${decorator}.${name}`,
        message: `${decorator}.${name} is required (${declarations[name]?.expected})`,
      });
    }
  }
  return values as DeclaredValues<Declarations> & {
    [Name in Required]: NonNullable<DeclaredValues<Declarations>[Name]>;
  };
}
