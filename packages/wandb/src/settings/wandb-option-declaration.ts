import {
  textOption as coreTextOption,
  type OptionDeclaration,
  rejectUnknownOptions,
} from '@tasklens/core/plugin';

/**
 * A W&B option declared once: core's declaration (type, default, environment variable,
 * validation) plus whether `login()` may set it, as `wandb.login()` does for the key and host.
 */
export interface WandbOptionDeclaration<Input, Resolved> extends OptionDeclaration<Input, Resolved> {
  /** Taken from `login()` after the value given in code and before the environment variable. */
  readonly fromLogin?: true;
}

/** A declaration of any types, for tables of them. */
export type AnyWandbDeclaration = WandbOptionDeclaration<any, any>;

/** Core's text option, with the places W&B also reads it from; `check` returns the value kept. */
export function textOption<Default extends string | undefined>(
  settings: { defaultValue: Default; environmentVariable?: string; fromLogin?: true },
  check?: (text: string, option: string) => string | undefined,
): WandbOptionDeclaration<string, Default> {
  return coreTextOption(settings, check);
}

/** An object option passed through as given (core's). */
export { objectOption } from '@tasklens/core/plugin';

/**
 * Every declared option in the SDK's order of precedence: given in code, then `login()` (where
 * declared), then its environment variable (an empty one counts as unset), then its default. The
 * value found, wherever it came from, is validated under the option's own name. A name that is not
 * declared is an `InvalidOptionError`.
 */
export function resolveWandbOptions(
  declarations: Readonly<Record<string, AnyWandbDeclaration>>,
  given: object,
  session: Readonly<Record<string, unknown>>,
  environment: Readonly<Record<string, string | undefined>>,
  caller: string,
): Record<string, unknown> {
  rejectUnknownOptions(declarations, given, caller);
  const values: Record<string, unknown> = {};
  // for…in, not Object.entries: no array of pairs on every run start.
  for (const name in declarations) {
    const declaration = declarations[name] as AnyWandbDeclaration;
    let value = (given as Record<string, unknown>)[name];
    if (value === undefined && declaration.fromLogin) value = session[name];
    if (value === undefined && declaration.environmentVariable !== undefined) {
      const text = environment[declaration.environmentVariable] || undefined;
      value = text === undefined ? undefined : declaration.parseEnvironment?.(text);
    }
    values[name] = value === undefined ? declaration.defaultValue : declaration.validate(value, name, values);
  }
  return values;
}
