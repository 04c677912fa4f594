// Type-level tests: `neptuneInitRun(...)(fn)` and `neptuneScaleRun(...)(fn)` keep the task
// function's input and output types, alone and stacked with other decorators. Checked by `tsc`
// (npm run type-check) and `npm run test:types`; every `@ts-expect-error` is a wrong usage that
// must stay a compile error.
import { Secret, task, types } from '@tasklens/core';
import { createDecorator } from '@tasklens/core/plugin';
import { describe, expectTypeOf, it } from 'vitest';
import { neptuneRun } from './current-run';
import { initRun } from './legacy/init-run';
import { neptuneInitRun } from './neptune-init-run';
import { neptuneScaleRun } from './neptune-scale-run';
import { createScaleRun } from './scale/create-scale-run';

const secret = new Secret({ group: 'neptune', key: 'api_token' });
const legacy = neptuneInitRun({ project: 'ws/proj', secret });
const scale = neptuneScaleRun({ project: 'ws/proj', secret });
const other = createDecorator({
  name: 'other',
  execute: (_context, next) => next(),
  extraConfig: () => ({}),
});
const inputs = { rows: types.integer(), label: types.string() };

describe('neptuneInitRun and neptuneScaleRun types', () => {
  it('pass the declared inputs to the function, alone and stacked', () => {
    task(
      { name: 'neptune.types', inputs, outputs: types.float() },
      legacy(async ({ rows, label }) => {
        expectTypeOf(rows).toEqualTypeOf<number>();
        expectTypeOf(label).toEqualTypeOf<string>();
        expectTypeOf(neptuneRun()).not.toBeAny();
        return rows / 2;
      }),
    );
    task(
      { name: 'neptune.types.scale', inputs, outputs: types.integer() },
      scale(async ({ rows, label }) => {
        expectTypeOf(rows).toEqualTypeOf<number>();
        expectTypeOf(label).toEqualTypeOf<string>();
        return rows;
      }),
    );
    task(
      { name: 'neptune.types.stacked', inputs, outputs: { total: types.integer() } },
      other(legacy(scale(async ({ rows }) => ({ total: rows })))),
    );
  });

  it('refuse wrong input and output types', () => {
    task(
      { name: 'neptune.types.wrong-input', inputs },
      legacy(async ({ rows }) => {
        // @ts-expect-error rows is a number
        const text: string = rows;
        return void text;
      }),
    );
    task(
      { name: 'neptune.types.wrong-input-scale', inputs },
      scale(async ({ label }) => {
        // @ts-expect-error label is a string
        const count: number = label;
        return void count;
      }),
    );
    task(
      { name: 'neptune.types.unknown-input', inputs },
      // @ts-expect-error `columns` is not an input
      scale(async ({ columns }) => columns),
    );
    task(
      { name: 'neptune.types.wrong-output', inputs, outputs: types.string() },
      // @ts-expect-error the output is a string, the function returns a number
      legacy(async ({ rows }) => rows),
    );
    task(
      { name: 'neptune.types.wrong-output-stacked', inputs, outputs: types.string() },
      // @ts-expect-error the output is a string, the function returns a number
      other(scale(async ({ rows }) => rows)),
    );
  });

  it('refuse options without the required project or secret', () => {
    // @ts-expect-error secret is required
    neptuneInitRun({ project: 'ws/proj' });
    // @ts-expect-error project is required
    neptuneScaleRun({ secret });
  });

  it('refuse declared options of the wrong type and names that are not options', () => {
    // @ts-expect-error mode is one of the 1.x client's modes
    neptuneInitRun({ project: 'ws/proj', secret, mode: 'disabled' });
    // @ts-expect-error flushIntervalMs is a number of milliseconds
    neptuneScaleRun({ project: 'ws/proj', secret, flushIntervalMs: '1000' });
    // @ts-expect-error apiToken comes from secret
    neptuneScaleRun({ project: 'ws/proj', secret, apiToken: 'token' });
    // @ts-expect-error pingIntervalMs is an option of the legacy client only
    void createScaleRun({ pingIntervalMs: 5 });
    void initRun({ mode: 'debug', tags: 'one', pingIntervalMs: 5 });
    neptuneScaleRun({ project: 'ws/proj', secret, mode: 'disabled', runId: 'r' });
  });
});
