import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oraclePython } from '../../../test-support/oracle-python';

export { oraclePython };

const _repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The `wandb` CLI next to the oracle python. */
export function oracleWandbCli(): string {
  return join(oraclePython(), '..', 'wandb');
}

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program asynchronously (the test server lives in this process, so never block the loop). */
export function run(
  program: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(
      program,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs ?? 240_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Environment for the Python SDK against a local server, with extras (stats, git, code) off. */
export function pythonWandbEnvironment(
  baseUrl: string | undefined,
  apiKey: string,
  home: string,
): Record<string, string> {
  return {
    HOME: home,
    WANDB_API_KEY: apiKey,
    ...(baseUrl === undefined ? {} : { WANDB_BASE_URL: baseUrl }),
    WANDB_DISABLE_GIT: 'true',
    WANDB_DISABLE_CODE: 'true',
    WANDB_CONSOLE: 'off',
    WANDB_X_DISABLE_STATS: 'true',
    WANDB_SILENT: 'true',
  };
}
