import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oraclePython } from '../../../test-support/oracle-python';

export { oraclePython };

const _repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A CLI installed next to the oracle python (`neptune`, …). */
export function oracleCli(name: string): string {
  return join(oraclePython(), '..', name);
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
