// Shared by the drift/constraints/reports/transformer interop tests: finds the Python oracle and runs
// scripts in it. Missing Python is a failure, never a skip.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { oraclePython } from '../../../test-support/oracle-python';

export { oraclePython };

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const packageRoot = fileURLToPath(new URL('../', import.meta.url));

/** Runs a Python script (file path or `-c` code) in the oracle and returns its stdout. */
export function runPython(arguments_: string[], input?: string): string {
  return execFileSync(oraclePython(), arguments_, {
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PYTHONWARNINGS: 'ignore', WHYLOGS_NO_ANALYTICS: 'True' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}
