import { mkdtempSync } from 'node:fs';
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

interface HelperResult {
  compared: Record<string, { ok: boolean; expected: string; got: string }>;
  sized_default: number;
  input_types: Record<string, string>;
  guessed_point_fields: Record<string, string>;
}

/** python/tasklens_flyte.py declares optional/union/enum/dataclass/int64/default inputs for flytekit. */
describe('TypeScriptTask declares every tasklens value type to a flytekit workflow', () => {
  it('type-checks and round-trips each value through a local Python call of the TypeScript task', async () => {
    requireBuiltCli();
    const result = await runProcess(
      oraclePython(),
      [join(corePackage, 'interop/python/helper_types_workflow.py'), corePackage],
      { cwd: mkdtempSync(join(tmpdir(), 'helper-types-')), env: baseEnvironment() },
    );
    expect(result.code, result.stderr.slice(-4000)).toBe(0);
    const output = lastJson<HelperResult>(result.stdout);
    expect(Object.entries(output.compared).filter(([, entry]) => !entry.ok)).toEqual([]);
    expect(Object.keys(output.compared)).toHaveLength(13);
    expect(output.sized_default).toBe(7);
    expect(output.input_types).toMatchObject({
      maybe_none: 'typing.Optional[int]',
      either: 'typing.Union[int, str]',
      big: "<class 'int'>",
      settings: "<class 'dict'>",
    });
    expect(output.guessed_point_fields).toMatchObject({
      when: "<class 'datetime.datetime'>",
      wait: "<class 'datetime.timedelta'>",
      o: 'typing.Optional[int]',
      tags: 'typing.List[str]',
    });
  });
});
