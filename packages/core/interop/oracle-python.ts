import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** The oracle virtualenv's python; interop tests fail loudly when it is missing. */
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

/**
 * Runs a script from `interop/python/` with JSON on stdin and parses the JSON it prints. The
 * working directory is an empty temp dir so no file of the work tree shadows a Python package.
 */
export function runOracleScript<Result>(script: string, input: unknown): Result {
  const output = execFileSync(
    oraclePython(),
    [join(repositoryRoot, 'packages/core/interop/python', script)],
    {
      input: JSON.stringify(input),
      cwd: mkdtempSync(join(tmpdir(), 'oracle-')),
      // whylogs (loaded by flytekit's plugin discovery) would otherwise phone home from a thread.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: mkdtempSync(join(tmpdir(), 'oracle-home-')),
        WHYLOGS_NO_ANALYTICS: 'True',
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(output.toString('utf8')) as Result;
}
