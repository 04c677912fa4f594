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

type Outcome = (number | null)[] | string;
interface MapTaskResult {
  cases: Record<
    string,
    { python_local: Outcome; python_harness: Outcome; typescript_harness: Outcome; typescript_local: Outcome }
  >;
  typescript_template: {
    command: string[];
    args: string[];
    success_criteria: string;
    min_success_ratio: number;
    bound_inputs: string[];
    interface: unknown;
  };
  python_template: { args: string[]; min_success_ratio: number; bound_inputs: string[]; interface: unknown };
}

/**
 * A Python workflow maps a TypeScript task (python/tasklens_map_task.py) and, beside it, flytekit's
 * own map_task maps the Python twin. interop/python/array_node_harness.py runs each serialized
 * ArrayNode as propeller does (one process per element with FLYTE_K8S_ARRAY_INDEX, whole lists in
 * inputs.pb, per-element output prefixes, min_success_ratio, none for failed elements); run on the
 * Python map task it must agree with flytekit's local execution, which checks the harness itself.
 */
describe('map tasks / ArrayNode over a TypeScript task (spec §3.5)', () => {
  it('merges the same outputs as the same map over the Python task, under propeller rules and locally', async () => {
    requireBuiltCli();
    const work = mkdtempSync(join(tmpdir(), 'map-task-'));
    const result = await runProcess(
      oraclePython(),
      [join(corePackage, 'interop/python/map_task_workflow.py'), corePackage, work],
      { cwd: work, env: baseEnvironment() },
    );
    expect(result.code, result.stderr.slice(-4000)).toBe(0);
    const output = lastJson<MapTaskResult>(result.stdout);

    const bound = output.cases.bound_factor_half_may_fail!;
    expect(bound.python_local).toEqual([3, null, 9, 12]);
    expect(bound).toEqual({
      python_local: bound.python_local,
      python_harness: bound.python_local,
      typescript_harness: bound.python_local,
      typescript_local: bound.python_local,
    });

    const both = output.cases.both_mapped!;
    expect(both.python_local).toEqual([4, 10, 18]);
    expect(both).toEqual({
      python_local: both.python_local,
      python_harness: both.python_local,
      typescript_harness: both.python_local,
      typescript_local: both.python_local,
    });

    // Every element must succeed: the ArrayNode fails; element 1's user error is USER-coded in both.
    const strict = output.cases.one_fails_all_required!;
    expect(strict.python_local).toMatch(/^failed: .*negative input -2/s);
    expect(strict.typescript_local).toMatch(/^failed: TypeScriptTaskError: .*negative input -2/s);
    expect(strict.python_harness).toMatch(/^failed: ArrayNodeFailed: \[1\]: USER:/);
    expect(strict.typescript_harness).toBe(strict.python_harness);

    // The registered sub-task: tasklens map-execute with propeller's templates, the same interface,
    // success criterion and bound inputs as flytekit's own map task.
    const ts = output.typescript_template;
    expect(ts.command).toEqual(['tasklens']);
    expect(ts.args.slice(0, 11)).toEqual([
      'map-execute',
      '--inputs',
      '{{.input}}',
      '--output-prefix',
      '{{.outputPrefix}}',
      '--raw-output-data-prefix',
      '{{.rawOutputDataPrefix}}',
      '--checkpoint-path',
      '{{.checkpointOutputPrefix}}',
      '--prev-checkpoint',
      '{{.prevCheckpointPrefix}}',
    ]);
    expect(ts.args.slice(-2)).toEqual(['--bound-inputs', 'factor']);
    expect(output.python_template.args).toContain('pyflyte-map-execute');
    expect(ts.success_criteria).toBe('min_success_ratio');
    expect(ts.min_success_ratio).toBe(output.python_template.min_success_ratio);
    expect(ts.bound_inputs).toEqual(output.python_template.bound_inputs);
    expect(ts.interface).toEqual(output.python_template.interface);
  }, 900_000);
});
