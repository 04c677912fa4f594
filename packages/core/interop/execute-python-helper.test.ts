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

/** packages/core/python/tasklens_flyte.py inside a real flytekit workflow. */
describe('TypeScriptTask (python/tasklens_flyte.py) with flytekit 1.16.31', () => {
  it('runs a workflow mixing Python and TypeScript tasks locally and serializes it for registration', async () => {
    requireBuiltCli();
    const result = await runProcess(
      oraclePython(),
      [join(corePackage, 'interop/python/helper_workflow.py'), corePackage],
      {
        cwd: mkdtempSync(join(tmpdir(), 'helper-workflow-')),
        env: baseEnvironment(),
      },
    );
    expect(result.code, result.stderr.slice(-4000)).toBe(0);
    const output = lastJson<{ local_result: string; task_names: string[]; ts_template: any }>(result.stdout);

    // Python file → TypeScript task (counts 5 lines, writes a file) → Python task reads both outputs.
    expect(output.local_result).toBe('10 / python: 5 lines');
    expect(output.task_names).toEqual(
      expect.arrayContaining([
        'interop.count_lines',
        'helper_workflow.make_dataset',
        'helper_workflow.report',
      ]),
    );

    const template = output.ts_template;
    expect(template.type).toBe('raw-container');
    expect(template.container.image).toBe('ghcr.io/acme/ts-tasks:1.0.0');
    expect(template.container.command).toEqual(['tasklens']);
    expect(template.container.args).toEqual([
      'execute',
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
      '--task-module',
      join(corePackage, 'interop', 'fixtures', 'execute-tasks.mjs'),
      '--task-name',
      'countLines',
    ]);
    // No flytecopilot: tasklens reads inputs.pb and writes outputs.pb itself.
    expect(template.container.dataConfig).toBeUndefined();
    // The decorator's link_type config reaches the template (drives the console's dynamic log links).
    expect(template.config).toMatchObject({
      link_type: 'wandb-execution-id',
      project: 'interop',
      entity: 'tasklens',
    });
    expect(template.metadata.generatesDeck).toBe(true);
    expect(template.metadata.retries).toEqual({ retries: 2 });
    expect(template.securityContext.secrets).toEqual([{ group: 'wandb', key: 'api_key' }]);
    expect(template.interface.inputs.variables.dataset.type).toEqual({ blob: { format: 'csv' } });
    expect(template.interface.inputs.variables.label.type).toMatchObject({ simple: 'STRING' });
    expect(template.interface.outputs.variables.lines.type).toMatchObject({ simple: 'INTEGER' });
    expect(template.interface.outputs.variables.summary.type).toEqual({ blob: {} });
  });
});
