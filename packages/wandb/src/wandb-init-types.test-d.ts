// Type-level tests: `wandbInit(...)(fn)` keeps the task function's input and output types, alone
// and stacked. Checked by `tsc` (npm run type-check) and `npm run test:types`; every
// `@ts-expect-error` is a wrong usage that must stay a compile error.
import { Secret, task, types } from '@tasklens/core';
import { createDecorator } from '@tasklens/core/plugin';
import { describe, expectTypeOf, it } from 'vitest';
import { init } from './run/init-run';
import { wandbInit } from './wandb-init';

const tracked = wandbInit({
  project: 'types',
  entity: 'types',
  secret: new Secret({ group: 'wandb', key: 'api_key' }),
  mode: 'offline',
});
const other = createDecorator({
  name: 'other',
  execute: (_context, next) => next(),
  extraConfig: () => ({}),
});
const inputs = { rows: types.integer(), label: types.string() };

describe('wandbInit types', () => {
  it('passes the declared inputs to the function, alone and stacked', () => {
    task(
      { name: 'wandb.types', inputs, outputs: types.float() },
      tracked(async ({ rows, label }) => {
        expectTypeOf(rows).toEqualTypeOf<number>();
        expectTypeOf(label).toEqualTypeOf<string>();
        return rows / 2;
      }),
    );
    task(
      { name: 'wandb.types.stacked', inputs, outputs: types.float() },
      other(tracked(async ({ rows }) => rows)),
    );
  });

  it('refuses wrong input and output types', () => {
    task(
      { name: 'wandb.types.wrong-input', inputs },
      tracked(async ({ rows }) => {
        // @ts-expect-error rows is a number
        const text: string = rows;
        return void text;
      }),
    );
    task(
      { name: 'wandb.types.unknown-input', inputs },
      // @ts-expect-error `columns` is not an input
      tracked(async ({ columns }) => columns),
    );
    task(
      { name: 'wandb.types.wrong-output', inputs, outputs: types.string() },
      // @ts-expect-error the output is a string, the function returns a number
      tracked(async ({ rows }) => rows),
    );
    task(
      { name: 'wandb.types.wrong-output-stacked', inputs, outputs: types.string() },
      // @ts-expect-error the output is a string, the function returns a number
      other(tracked(async ({ rows }) => rows)),
    );
  });

  it('refuses options without the required project, entity or secret', () => {
    // @ts-expect-error secret is required
    wandbInit({ project: 'p', entity: 'e' });
  });

  it('refuses declared options of the wrong type and names that are not options', () => {
    const secret = () => 'key';
    // @ts-expect-error console is wrap or off
    wandbInit({ project: 'p', entity: 'e', secret, console: 'tee' });
    // @ts-expect-error requestTimeoutMs is a number of milliseconds
    wandbInit({ project: 'p', entity: 'e', secret, requestTimeoutMs: '5' });
    // @ts-expect-error the key comes from secret
    wandbInit({ project: 'p', entity: 'e', secret, apiKey: 'key' });
    // @ts-expect-error resume is allow, must or never
    void init({ resume: 'sometimes' });
    void init({ mode: 'dryrun', tags: ['t'], console: 'wrap', maxQueuedEvents: 10 });
  });
});
