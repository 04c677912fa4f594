import type { DeclaredOptions } from '@tasklens/core/plugin';
import type { InitRunOptions } from './legacy/init-run-options';
import { textOption } from './neptune-option-declaration';
import { neptuneSecretOption } from './resolve-neptune-secret';

/** `neptuneInitRun`'s own options (flytekit's `neptune_init_run` arguments), each declared once. */
export const neptuneInitRunDeclarations = {
  /** `workspace-name/project-name` (required; no env var: flytekit requires it). */
  project: textOption({ defaultValue: undefined }),
  /** The API token for remote runs: a `Secret`, or a function returning it (required; no env var: remotely the token comes from it). */
  secret: neptuneSecretOption,
  /** Neptune server URL for the UI link (a self-hosted server's URL in practice); default `https://app.neptune.ai`; no env var. */
  host: textOption({ defaultValue: 'https://app.neptune.ai' }),
};

/** The ones flytekit requires. */
export const requiredNeptuneInitRunOptions = ['project', 'secret'] as const;

type InitRunDecoratorDeclared = DeclaredOptions<typeof neptuneInitRunDeclarations>;

/** What `neptuneInitRun` takes: its own options, and `initRun()`'s (but the token, which comes from `secret`). */
export type NeptuneInitRunOptions = Omit<InitRunOptions, 'project' | 'apiToken'> &
  InitRunDecoratorDeclared & {
    [Name in (typeof requiredNeptuneInitRunOptions)[number]]-?: NonNullable<InitRunDecoratorDeclared[Name]>;
  };
