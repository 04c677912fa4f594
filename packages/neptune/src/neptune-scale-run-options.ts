import type { DeclaredOptions } from '@tasklens/core/plugin';
import { textOption } from './neptune-option-declaration';
import { neptuneSecretOption } from './resolve-neptune-secret';
import { type CreateScaleRunOptions, createScaleRunDeclarations } from './scale/create-scale-run-options';

/** `neptuneScaleRun`'s own options (flytekit's `neptune_scale_run` arguments), each declared once. */
export const neptuneScaleRunDeclarations = {
  /** `workspace-name/project-name` (required; no env var: flytekit requires it). */
  project: textOption({ defaultValue: undefined }),
  /** The API token for remote runs: a `Secret`, or a function returning it (required; no env var: remotely the token comes from it). */
  secret: neptuneSecretOption,
  /** Run id (1 to 128 bytes; remotely an empty one also means the pod name, as flytekit tests truthiness); default: generated locally, the pod name (`HOSTNAME`, else the execution name) remotely; no env var. */
  runId: textOption({ defaultValue: undefined }),
  /** Experiment to attach the run to (1 to 730 characters); default none; no env var. */
  experimentName: createScaleRunDeclarations.experimentName,
};

/** The ones flytekit requires. */
export const requiredNeptuneScaleRunOptions = ['project', 'secret'] as const;

type ScaleRunDecoratorDeclared = DeclaredOptions<typeof neptuneScaleRunDeclarations>;

/** What `neptuneScaleRun` takes: its own options, and `createScaleRun()`'s (but the token, which comes from `secret`). */
export type NeptuneScaleRunOptions = Omit<
  CreateScaleRunOptions,
  keyof ScaleRunDecoratorDeclared | 'apiToken'
> &
  ScaleRunDecoratorDeclared & {
    [Name in (typeof requiredNeptuneScaleRunOptions)[number]]-?: NonNullable<ScaleRunDecoratorDeclared[Name]>;
  };
