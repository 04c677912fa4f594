import { execFile } from 'node:child_process';
import {
  oracleCommand,
  oracleEnvironment,
  oraclePython,
  oracleWorkingDirectory,
} from '../../../test-support/oracle-python';

export { oracleCommand, oracleEnvironment, oraclePython, oracleWorkingDirectory };

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program asynchronously (a test server may live in this process, so never block the loop). */
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
        cwd: options.cwd ?? oracleWorkingDirectory(),
        env: options.env ?? oracleEnvironment(),
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

/** Runs a Python script in the oracle venv and parses the JSON on its last stdout line. */
export async function runPythonJson<T>(script: string, env?: Record<string, string>): Promise<T> {
  const result = await run(oraclePython(), ['-c', script], { env: oracleEnvironment(env) });
  if (result.code !== 0)
    throw new Error(`python failed (${result.code}): ${result.stderr}\n${result.stdout}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as T;
}
