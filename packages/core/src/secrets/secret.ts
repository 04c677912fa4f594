import { InvalidOptionError } from '../errors/invalid-option-error';

/** How Flyte mounts a secret into the pod, as flytekit's `Secret.MountType`. */
export type SecretMountRequirement = 'ANY' | 'ENV_VAR' | 'FILE';

export interface SecretOptions {
  /** Secret group (Kubernetes secret name); required, as flytekit requires it at registration. */
  group: string;
  /** Key inside the group. */
  key?: string;
  /** Version of the group; used only in the derived env var and file names. */
  groupVersion?: string;
  /** How the secret is mounted; default `ANY`. */
  mountRequirement?: SecretMountRequirement;
  /** Environment variable to expose the secret as; must match `^[A-Z_][A-Z0-9_]*$`. */
  envVar?: string;
}

// Python's re.match(r"^[A-Z_][A-Z0-9_]*$") — its `$` also matches before one final newline.
const environmentVariablePattern = /^[A-Z_][A-Z0-9_]*\n?$/;
const mountRequirements: readonly SecretMountRequirement[] = ['ANY', 'ENV_VAR', 'FILE'];

/** A secret a task requests, as flytekit's `Secret`: a reference, never the value. */
export class Secret {
  readonly group: string | undefined;
  readonly key: string | undefined;
  readonly groupVersion: string | undefined;
  readonly mountRequirement: SecretMountRequirement;
  readonly envVar: string | undefined;

  constructor(options: SecretOptions) {
    // flytekit refuses a Secret without a group when a task is registered (its default plugin).
    if (options.group === undefined || options.group === null) {
      throw new InvalidOptionError({ option: 'Secret.group', message: 'Group is a required parameter' });
    }
    if (options.envVar !== undefined && !environmentVariablePattern.test(options.envVar)) {
      throw new InvalidOptionError({
        option: 'Secret.envVar',
        message: `Invalid environment variable name: ${options.envVar}`,
      });
    }
    const mountRequirement = options.mountRequirement ?? 'ANY';
    if (!mountRequirements.includes(mountRequirement)) {
      throw new InvalidOptionError({
        option: 'Secret.mountRequirement',
        message: `Secret.mountRequirement must be one of ${mountRequirements.join(', ')}, got ${JSON.stringify(mountRequirement)}`,
      });
    }
    for (const field of ['group', 'key', 'groupVersion'] as const) {
      const value = options[field];
      if (value !== undefined && typeof value !== 'string') {
        throw new InvalidOptionError({
          option: `Secret.${field}`,
          message: `Secret.${field} must be a string`,
        });
      }
    }
    this.group = options.group;
    this.key = options.key;
    this.groupVersion = options.groupVersion;
    this.mountRequirement = mountRequirement;
    this.envVar = options.envVar;
  }

  /** Never reveals anything but the reference. */
  toString(): string {
    return `Secret(group=${this.group ?? ''}, key=${this.key ?? ''})`;
  }
}
