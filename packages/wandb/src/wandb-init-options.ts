import { InvalidOptionError } from '@tasklens/core';
import {
  type DeclaredOptions,
  declareOption,
  resolveDeclaredOptions,
  secretOption,
} from '@tasklens/core/plugin';
import type { InitOptions } from './run/init-options';
import { textOption } from './settings/wandb-option-declaration';

/** Something with a `download()` to a local path, like flytekit's `FlyteDirectory`. */
export interface Downloadable {
  download(): string | Promise<string>;
}

/** `wandbInit`'s own options (flytekit's `wandb_init` arguments), each declared once. Order is flytekit's check order. */
export const wandbInitDeclarations = {
  /** W&B project (required; flytekit: "project must be set"); no env var. */
  project: textOption({ defaultValue: undefined }),
  /** W&B entity, user or team (required; flytekit: "entity must be set"); no env var. */
  entity: textOption({ defaultValue: undefined }),
  /** The API key for remote runs: a `Secret`, or a function returning the key (required; "secret must be set"); no env var. */
  secret: secretOption('the API key'),
  /** Run id; default: none locally, the pod name (`HOSTNAME`, else the execution name) remotely; no env var. */
  id: textOption({ defaultValue: undefined }),
  /** W&B UI URL, used only for console links; default `https://wandb.ai`; no env var. */
  host: textOption({ defaultValue: 'https://wandb.ai' }),
  /** W&B API URL the remote run logs in to; default `https://api.wandb.ai`; no env var. */
  apiHost: textOption({ defaultValue: 'https://api.wandb.ai' }),
  /** Run directory root: a path, the name of a task input holding one, or a `Downloadable` (checked when the task runs); default WANDB_DIR, else cwd. */
  dir: declareOption<string | Downloadable, undefined>({
    expected: 'a path, the name of a task input, or something with download()',
    defaultValue: undefined,
    validate: (value) => value as string | Downloadable,
  }),
};

/** The ones flytekit requires, in its order. */
const requiredWandbInitOptions = ['project', 'entity', 'secret'] as const;

type WandbInitDeclared = DeclaredOptions<typeof wandbInitDeclarations>;
type RequiredWandbInitOptions = {
  [Name in (typeof requiredWandbInitOptions)[number]]-?: NonNullable<WandbInitDeclared[Name]>;
};

/** What `wandbInit` takes: its own options, and `init()`'s (but those it decides itself). */
export type WandbInitOptions = Omit<InitOptions, keyof WandbInitDeclared | 'apiKey' | 'baseUrl'> &
  WandbInitDeclared &
  RequiredWandbInitOptions;

/**
 * `wandbInit`'s own options, checked when the decorator is written: flytekit's checks and messages
 * first, in its order (`is None`, so '' passes), then each declared option's kind.
 */
export function resolveWandbInitOptions(options: WandbInitOptions) {
  const given = (options ?? {}) as Partial<WandbInitOptions>;
  for (const name of requiredWandbInitOptions) {
    if (given[name] === undefined || given[name] === null) {
      throw new InvalidOptionError({ option: name, message: `${name} must be set` });
    }
  }
  const own = Object.fromEntries(
    Object.keys(wandbInitDeclarations).map((name) => [name, (given as Record<string, unknown>)[name]]),
  );
  return resolveDeclaredOptions(wandbInitDeclarations, own, 'wandbInit') as ReturnType<
    typeof resolveDeclaredOptions<typeof wandbInitDeclarations>
  > &
    RequiredWandbInitOptions;
}
