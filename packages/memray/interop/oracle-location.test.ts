// One setting, TASKLENS_ORACLE_DIR, moves the oracle virtualenv for both the setup script and the
// tests' lookup (test-support/oracle-python.ts). Neither check creates a virtualenv: the folder
// is a stand-in with a `bin/python` file and the setup script's current stamp.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { oracleDirectory, oraclePython, repositoryRoot } from '../../../test-support/oracle-python';

/** A folder that looks like a ready oracle virtualenv to both the script and the lookup. */
function standInOracle(): string {
  const directory = join(mkdtempSync(join(tmpdir(), 'oracle-dir-')), 'venv');
  mkdirSync(join(directory, 'bin'), { recursive: true });
  writeFileSync(join(directory, 'bin', 'python'), '');
  const specs = join(repositoryRoot, 'scripts', 'python-oracle');
  const stamp = createHash('sha256')
    .update(readFileSync(join(specs, 'requirements.txt')))
    .update(readFileSync(join(specs, 'constraints.txt')))
    .digest('hex')
    .slice(0, 16);
  writeFileSync(join(directory, '.ready'), `${stamp}\n`);
  return directory;
}

describe('TASKLENS_ORACLE_DIR', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('moves the python the interop tests run', () => {
    const directory = standInOracle();
    vi.stubEnv('TASKLENS_ORACLE_PYTHON', '');
    vi.stubEnv('TASKLENS_ORACLE_DIR', directory);
    expect(oracleDirectory()).toBe(directory);
    expect(oraclePython()).toBe(join(directory, 'bin', 'python'));
  });

  test('moves the virtualenv the setup script creates or re-uses', () => {
    const directory = standInOracle();
    const output = execFileSync('bash', [join(repositoryRoot, 'scripts', 'setup-python-oracle.sh')], {
      env: { PATH: process.env.PATH ?? '', TASKLENS_ORACLE_DIR: directory },
      encoding: 'utf8',
    });
    expect(output).toContain(`re-using ${directory}`);
  });

  test('a missing oracle at the configured folder is an error naming that folder', () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'oracle-dir-')), 'absent');
    vi.stubEnv('TASKLENS_ORACLE_PYTHON', '');
    vi.stubEnv('TASKLENS_ORACLE_DIR', directory);
    expect(() => oraclePython()).toThrow(directory);
  });
});
