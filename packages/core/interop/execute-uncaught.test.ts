import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  baseEnvironment,
  corePackage,
  lastJson,
  oraclePython,
  requireBuiltCli,
  runProcess,
} from './fixtures/execute-harness';

async function executeAndReadError(task: string) {
  requireBuiltCli();
  const work = mkdtempSync(join(tmpdir(), 'tasklens-uncaught-'));
  writeFileSync(join(work, 'inputs.pb'), new Uint8Array()); // an empty LiteralMap
  const result = await runProcess(
    process.execPath,
    [
      join(corePackage, 'bin/tasklens.mjs'),
      'execute',
      '--inputs',
      join(work, 'inputs.pb'),
      '--output-prefix',
      join(work, 'out'),
      '--raw-output-data-prefix',
      join(work, 'raw'),
      '--task-module',
      join(corePackage, 'interop/fixtures/fidelity-tasks.mjs'),
      '--task-name',
      task,
    ],
    { env: baseEnvironment(), cwd: work },
  );
  const parsed = await runProcess(
    oraclePython(),
    [join(corePackage, 'interop/python/values_oracle.py'), 'read-error', join(work, 'out', 'error.pb')],
    { env: baseEnvironment(), cwd: work },
  );
  expect(parsed.code, parsed.stderr.slice(-2000)).toBe(0);
  return { result, work, error: lastJson<{ code: string; message: string; kind: string }>(parsed.stdout) };
}

/** Errors that escape the task's promise still end the attempt the pyflyte-execute way. */
describe('tasklens execute with uncaught errors in task code', () => {
  it('a throw inside a timer → USER error.pb flytekit reads, deck uploaded, exit 0', async () => {
    const { result, work, error } = await executeAndReadError('throwInTimer');
    expect(result.code, result.stderr).toBe(0);
    expect(error).toMatchObject({ code: 'USER:RuntimeError', kind: 'NON_RECOVERABLE' });
    expect(error.message).toContain('Uncaught exception in task code: thrown in a timer');
    expect(existsSync(join(work, 'out', 'deck.html'))).toBe(true);
    expect(existsSync(join(work, 'out', 'outputs.pb'))).toBe(false);
  });

  it('an unawaited rejection → USER error.pb flytekit reads, deck uploaded, exit 0', async () => {
    const { result, work, error } = await executeAndReadError('unawaitedRejection');
    expect(result.code, result.stderr).toBe(0);
    expect(error).toMatchObject({ code: 'USER:RuntimeError', kind: 'NON_RECOVERABLE' });
    expect(error.message).toContain('Unhandled promise rejection in task code: nobody awaited me');
    expect(existsSync(join(work, 'out', 'deck.html'))).toBe(true);
  });
});
