import { InvalidOptionError } from '@tasklens/core';
import {
  textOption as coreTextOption,
  type OptionDeclaration,
  rejectUnknownOptions,
} from '@tasklens/core/plugin';

/**
 * A Comet option declared once: core's declaration (type, default, environment variable,
 * validation) plus the other places the Python SDK reads a setting from.
 */
export interface CometOptionDeclaration<Input, Resolved> extends OptionDeclaration<Input, Resolved> {
  /** Key in the `[comet]` section of `.comet.config` (`api_key`), read after the environment variable. */
  readonly configKey?: string;
  /** Also taken from `login()`, after the value given in code (as `comet_ml.login()` settings are). */
  readonly fromLogin?: true;
}

/** A declaration of any types, for tables of them. */
export type AnyCometDeclaration = CometOptionDeclaration<any, any>;

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

/** Core's text option, with the places Comet also reads it from; `check` returns the value kept. */
export function textOption<Default extends string | undefined>(
  settings: { defaultValue: Default; environmentVariable?: string; configKey?: string; fromLogin?: true },
  check?: (text: string, option: string) => string | undefined,
): CometOptionDeclaration<string, Default> {
  return coreTextOption(settings, check);
}

/** An object option passed through as given (core's). */
export { objectOption } from '@tasklens/core/plugin';

const truthy = /^(1|true|yes|on)$/i;

/** A flag; as the SDK, a text value (environment or config file) is true only when 1/true/yes/on. */
export function flagOption(settings: {
  defaultValue: boolean;
  environmentVariable?: string;
  configKey?: string;
  fromLogin?: true;
}): CometOptionDeclaration<boolean, boolean> {
  return {
    expected: 'a boolean',
    ...settings,
    // Parenthesized: compiled with flagOption (at import), not inside the first start().
    // biome-ignore format: the parentheses are the compile hint
    validate: (function validate(value: unknown, option: string): boolean {
      if (typeof value !== 'boolean') {
        throw new InvalidOptionError({ option, message: `${option} must be a boolean, got ${shown(value)}` });
      }
      return value;
    }),
    parseEnvironment: (text) => truthy.test(text),
  };
}

/** Where `resolveCometOptions` reads options not given in code. */
export interface CometOptionSources {
  /** What `login()` remembered. */
  readonly session: Readonly<Record<string, unknown>>;
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** The merged `[comet]` section of the `.comet.config` files. */
  readonly file: Readonly<Record<string, string>>;
}

/**
 * Every declared option in the Python SDK's order of precedence: given in code, then `login()`,
 * then its environment variable, then `.comet.config`, then its default. An empty string from any
 * of them means "not set" (the SDK's check), and the value found, wherever it came from, is
 * validated under the option's own name. A name that is not declared is an `InvalidOptionError`.
 */
// biome-ignore format: parenthesized, V8 compiles it at import (see startExperiment)
export const resolveCometOptions = (function resolveCometOptions(
  declarations: Readonly<Record<string, AnyCometDeclaration>>,
  given: object,
  sources: CometOptionSources,
  caller: string,
): Record<string, unknown> {
  rejectUnknownOptions(declarations, given, caller);
  const values: Record<string, unknown> = {};
  // for…in, not Object.entries: this runs on every start() (at load ~17 the resolution took 20–31 µs
  // a call with Object.entries, 4–9 µs without).
  for (const name in declarations) {
    const declaration = declarations[name] as AnyCometDeclaration;
    let value = (given as Record<string, unknown>)[name];
    if (value === undefined && declaration.fromLogin) value = sources.session[name];
    if (value === undefined) {
      const variable = declaration.environmentVariable;
      const text =
        (variable === undefined ? undefined : sources.environment[variable] || undefined) ??
        (declaration.configKey === undefined ? undefined : sources.file[declaration.configKey]);
      value = text === undefined || text === '' ? undefined : declaration.parseEnvironment?.(text);
    }
    values[name] =
      value === undefined || value === ''
        ? declaration.defaultValue
        : declaration.validate(value, name, values);
  }
  return values;
});
