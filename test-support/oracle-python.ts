import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ProcessResult, runProcess } from './run-process';

/** The repository root (this folder's parent). */
export const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/**
 * The oracle virtualenv's folder: `TASKLENS_ORACLE_DIR` (the same setting
 * `scripts/setup-python-oracle.sh` creates it at), default `<repository>/.venv/oracle`.
 */
export function oracleDirectory(): string {
  const configured = process.env.TASKLENS_ORACLE_DIR;
  return configured ? resolve(configured) : join(repositoryRoot, '.venv', 'oracle');
}

/**
 * The oracle virtualenv's python: `TASKLENS_ORACLE_PYTHON` when set, else `bin/python` inside
 * {@link oracleDirectory}. Interop tests fail loudly when it is missing rather than skip.
 */
export function oraclePython(): string {
  const python = process.env.TASKLENS_ORACLE_PYTHON || join(oracleDirectory(), 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(
      `The Python oracle is missing at ${python}: run \`bash scripts/setup-python-oracle.sh\` first (TASKLENS_ORACLE_DIR moves both)`,
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

/**
 * Runs a program as an oracle process: by default in an empty working directory with only the
 * oracle's environment (nothing of this process's leaks in). Asynchronous, like `runProcess`.
 */
export function runOracle(
  program: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return runProcess(program, args, {
    cwd: options.cwd ?? oracleWorkingDirectory(),
    env: options.env ?? oracleEnvironment(),
    replaceEnvironment: true,
    timeoutMs: options.timeoutMs,
  });
}

/** Runs a Python script in the oracle venv and parses the JSON on its last stdout line. */
export async function runOraclePythonJson<T>(script: string, env?: Record<string, string>): Promise<T> {
  const result = await runOracle(oraclePython(), ['-c', script], { env: oracleEnvironment(env) });
  if (result.code !== 0)
    throw new Error(`python failed (${result.code}): ${result.stderr}\n${result.stdout}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as T;
}
