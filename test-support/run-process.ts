import { execFile } from 'node:child_process';

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunProcessOptions {
  /** Working directory; default this process's. */
  cwd?: string | undefined;
  /** Environment added to `process.env` (or the whole environment with `replaceEnvironment`). */
  env?: Record<string, string | undefined> | undefined;
  /** Use `env` alone instead of merging it into `process.env`; default false. */
  replaceEnvironment?: boolean | undefined;
  /** Kill the program after this long, in ms; default 240000. */
  timeoutMs?: number | undefined;
}

/**
 * Runs a program asynchronously and resolves with its exit code and output. Asynchronous because
 * interop tests often run a test server in this same process, which a blocking call would starve.
 */
export function runProcess(
  program: string,
  args: readonly string[],
  options: RunProcessOptions = {},
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(
      program,
      args,
      {
        cwd: options.cwd,
        env: options.replaceEnvironment ? options.env : { ...process.env, ...options.env },
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
