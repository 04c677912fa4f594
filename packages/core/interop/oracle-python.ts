import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  oracleEnvironment,
  oraclePython,
  oracleWorkingDirectory,
  repositoryRoot,
} from '../../../test-support/oracle-python';

export { oraclePython };

/** Runs a script from `interop/python/` with JSON on stdin and parses the JSON it prints. */
export function runOracleScript<Result>(script: string, input: unknown): Result {
  const output = execFileSync(
    oraclePython(),
    [join(repositoryRoot, 'packages/core/interop/python', script)],
    {
      input: JSON.stringify(input),
      cwd: oracleWorkingDirectory(),
      env: oracleEnvironment(),
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(output.toString('utf8')) as Result;
}
