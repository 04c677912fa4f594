import { existsSync, mkdtempSync } from 'node:fs';
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

const valuesOracle = join(corePackage, 'interop/python/values_oracle.py');
const fidelityTasks = join(corePackage, 'interop/fixtures/fidelity-tasks.mjs');

async function python(args: string[]): Promise<string> {
  const result = await runProcess(oraclePython(), [valuesOracle, ...args], {
    cwd: mkdtempSync(join(tmpdir(), 'values-oracle-')),
    env: baseEnvironment(),
  });
  if (result.code !== 0) throw new Error(`values_oracle ${args[0]} failed:\n${result.stderr.slice(-4000)}`);
  return result.stdout;
}

async function execute(work: string, task: string) {
  requireBuiltCli();
  return runProcess(
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
      fidelityTasks,
      '--task-name',
      task,
    ],
    { env: baseEnvironment(), cwd: work },
  );
}

/** flytekit 1.16.31 TypeEngine.to_literal → `tasklens execute` (echo) → flytekit to_python_value. */
describe('values survive flytekit → tasklens execute → flytekit unchanged', () => {
  it('keeps microseconds, long durations, int64 extremes, dict ints/floats, unions, enums, dataclasses and defaults', async () => {
    const work = mkdtempSync(join(tmpdir(), 'tasklens-values-'));
    await python(['write', join(work, 'inputs.pb')]);
    const result = await execute(work, 'echoValues');
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(work, 'out', 'error.pb')), result.stderr).toBe(false);
    const compared = lastJson<Record<string, { ok: boolean; expected: string; got: string }>>(
      await python(['compare', join(work, 'out', 'outputs.pb')]),
    );
    const differing = Object.entries(compared).filter(([, entry]) => !entry.ok);
    expect(differing).toEqual([]);
    expect(Object.keys(compared).sort()).toEqual(
      [
        'when',
        'before_epoch',
        'wait_long',
        'wait_negative',
        'settings',
        'big',
        'small',
        'maybe_none',
        'maybe_five',
        'either',
        'color',
        'point',
        'sized',
      ].sort(),
    );
  });

  it('an integer beyond ±2^53 for a types.integer() input is a typed error naming the input, in error.pb', async () => {
    const work = mkdtempSync(join(tmpdir(), 'tasklens-values-'));
    await python(['write-int', join(work, 'inputs.pb'), 'count', String(2n ** 62n)]);
    const result = await execute(work, 'doubleCount');
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(work, 'out', 'outputs.pb'))).toBe(false);
    const error = lastJson<{ code: string; message: string; kind: string }>(
      await python(['read-error', join(work, 'out', 'error.pb')]),
    );
    expect(error).toMatchObject({ code: 'SYSTEM', kind: 'NON_RECOVERABLE' });
    expect(error.message).toContain(
      'inputs.count: integer 4611686018427387904 is outside the safe JavaScript integer range; declare the input as types.int64()',
    );
  });
});
