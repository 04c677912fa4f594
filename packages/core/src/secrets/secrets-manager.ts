import { existsSync, readFileSync } from 'node:fs';
import { MissingSecretError } from '../errors/missing-secret-error';
import { pythonPathJoin, pythonReadText, pythonStrip, Utf8DecodeError } from './python-text';
import { SecretReadError } from './secret-read-error';
import { registerSecretValue } from './secret-redactor';
import { loadSecretsConfig, type SecretsConfig } from './secrets-config';

export interface SecretsManagerOptions {
  /** Environment to read; default `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Local runs also accept the un-prefixed env var, as flytekit; default true. */
  isLocal?: boolean;
  /** Overrides the configuration that is otherwise read from `FLYTE_SECRETS_*` and the config file. */
  config?: SecretsConfig;
}

export interface SecretLookup {
  group?: string | undefined;
  key?: string | undefined;
  groupVersion?: string | undefined;
}

function nameParts({ group, groupVersion, key }: SecretLookup): string[] {
  return [group, groupVersion, key].filter((part): part is string => typeof part === 'string' && part !== '');
}

/**
 * flytekit's `SecretsManager`: the prefixed env var, then (locally only) the un-prefixed one, then
 * the file under the secrets directory; values are trimmed. Values found are registered for
 * redaction so they never reach a log line.
 */
export class SecretsManager {
  private readonly environment: Readonly<Record<string, string | undefined>>;
  private readonly isLocal: boolean;
  readonly config: SecretsConfig;

  constructor(options: SecretsManagerOptions = {}) {
    this.environment = options.environment ?? process.env;
    this.isLocal = options.isLocal ?? true;
    this.config = options.config ?? loadSecretsConfig(this.environment);
  }

  /** The env var flytekit looks for first: `<prefix><GROUP>_<VERSION>_<KEY>` (upper-cased, dashes kept). */
  environmentVariableName(lookup: SecretLookup, prefix = this.config.envPrefix): string {
    return `${prefix}${nameParts(lookup)
      .map((part) => part.toUpperCase())
      .join('_')}`;
  }

  /**
   * The file flytekit looks for: `<dir>/<group>/<version>/<filePrefix><key>`, lower-cased, joined
   * as Python's `os.path.join` does (an absolute part replaces the directory; `..` is kept as is).
   */
  filePath(lookup: SecretLookup): string {
    const parts = nameParts(lookup).map((part) => part.toLowerCase());
    if (parts.length === 0) {
      // flytekit fails here with IndexError ("list index out of range") from `l[-1]`.
      throw new SecretReadError({
        message: 'A secret needs a group, group version or key to name its file: list index out of range',
      });
    }
    parts[parts.length - 1] = `${this.config.filePrefix}${parts.at(-1)}`;
    return pythonPathJoin(this.config.defaultDirectory, ...parts);
  }

  /** The secret as text; throws `MissingSecretError` with flytekit's message when it is nowhere. */
  get(lookup: SecretLookup): string {
    return this.read(lookup, 'text') as string;
  }

  /** The secret file's bytes (or the env value's UTF-8 bytes), flytekit's `encode_mode="rb"`. */
  getBytes(lookup: SecretLookup): Uint8Array {
    return this.read(lookup, 'bytes') as Uint8Array;
  }

  private read(lookup: SecretLookup, mode: 'text' | 'bytes'): string | Uint8Array {
    const prefixes = this.isLocal ? [this.config.envPrefix, ''] : [this.config.envPrefix];
    let environmentVariable = '';
    for (const prefix of prefixes) {
      environmentVariable = this.environmentVariableName(lookup, prefix);
      const value = this.environment[environmentVariable];
      if (value !== undefined) return this.found(pythonStrip(value), mode);
    }
    const path = this.filePath(lookup);
    if (existsSync(path)) {
      const content = readSecretFile(path);
      if (mode === 'bytes') return this.found(trimBytes(content), mode);
      try {
        return this.found(pythonStrip(pythonReadText(content)), mode);
      } catch (error) {
        if (!(error instanceof Utf8DecodeError)) throw error;
        throw new SecretReadError({
          message: `Secret file ${path} is not UTF-8: ${error.message}`,
          filePath: path,
        });
      }
    }
    const group = lookup.group ?? 'None';
    const key = lookup.key ?? 'None';
    throw new MissingSecretError({
      group: lookup.group,
      key: lookup.key,
      environmentVariable,
      filePath: path,
      message:
        `Please make sure to add secret_requests=[Secret(group=${group}, key=${key})] in @task. ` +
        `Unable to find secret for key ${key} in group ${group} in Env Var:${environmentVariable} and FilePath: ${path}`,
    });
  }

  private found(value: string | Uint8Array, mode: 'text' | 'bytes'): string | Uint8Array {
    if (typeof value === 'string') {
      registerSecretValue(value);
      return mode === 'bytes' ? new TextEncoder().encode(value) : value;
    }
    registerSecretValue(Buffer.from(value).toString('utf8'));
    return value;
  }
}

/** The file's bytes; errors carry Python's `OSError` text (`[Errno 21] Is a directory: '<path>'`). */
function readSecretFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const { errno, code } = error as NodeJS.ErrnoException;
    const reason =
      code === 'EISDIR'
        ? 'Is a directory'
        : code === 'EACCES'
          ? 'Permission denied'
          : (error as Error).message;
    throw new SecretReadError({
      message: `Cannot read secret file: [Errno ${Math.abs(errno ?? 0)}] ${reason}: '${path}'`,
      filePath: path,
      cause: error,
    });
  }
}

/** Python's `bytes.strip()`: ASCII whitespace at both ends. */
function trimBytes(bytes: Uint8Array): Uint8Array {
  const isSpace = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
  let start = 0;
  let end = bytes.length;
  while (start < end && isSpace(bytes[start]!)) start++;
  while (end > start && isSpace(bytes[end - 1]!)) end--;
  return bytes.subarray(start, end);
}
