import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this folder's parent). */
export const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/**
 * The oracle virtualenv's python (`scripts/setup-python-oracle.sh`); `TASKLENS_ORACLE_PYTHON`
 * overrides it. Interop tests fail loudly when it is missing rather than skip.
 */
export function oraclePython(): string {
  const python =
    process.env.TASKLENS_ORACLE_PYTHON ?? join(repositoryRoot, '.venv', 'oracle', 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(
      `The Python oracle is missing at ${python}: run \`bash scripts/setup-python-oracle.sh\` first`,
    );
  }
  return python;
}

/** A console script of the oracle virtualenv, e.g. `pyflyte-execute` or `wandb`. */
export function oracleCommand(name: string): string {
  return join(oraclePython(), '..', name);
}

/**
 * Environment for oracle processes: a private HOME (no user config leaks in) and no whylogs
 * telemetry — flytekit's plugin discovery imports whylogs, which otherwise phones home.
 */
export function oracleEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: mkdtempSync(join(tmpdir(), 'oracle-home-')),
    WHYLOGS_NO_ANALYTICS: 'True',
    ...extra,
  };
}

/** An empty working directory, so no file of the work tree shadows a Python package. */
export function oracleWorkingDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'oracle-'));
}
