// Type-level tests: `cometMlLogin(...)(fn)` keeps the task function's input and output types,
// alone and stacked with other decorators. Checked by `tsc` (npm run type-check) and
// `npm run test:types`; every `@ts-expect-error` is a wrong usage that must stay a compile error.
import { Secret, task, types } from '@tasklens/core';
import { createDecorator } from '@tasklens/core/plugin';
import { describe, expectTypeOf, it } from 'vitest';
import { cometMlLogin } from './comet-ml-login';
import { cometExperiment } from './experiment/current-experiment';
import { start } from './experiment/start-experiment';

const tracked = cometMlLogin({
  projectName: 'types',
  workspace: 'types',
  secret: new Secret({ group: 'comet', key: 'api_key' }),
});
const other = createDecorator({
  name: 'other',
  execute: (_context, next) => next(),
  extraConfig: () => ({}),
});
const inputs = { rows: types.integer(), label: types.string() };

describe('cometMlLogin types', () => {
  it('passes the declared inputs to the function, alone and stacked either way', () => {
    task(
      { name: 'comet.types', inputs, outputs: types.float() },
      tracked(async ({ rows, label }) => {
        expectTypeOf(rows).toEqualTypeOf<number>();
        expectTypeOf(label).toEqualTypeOf<string>();
        cometExperiment()?.logMetric('rows', rows);
        return rows / 2;
      }),
    );
    task(
      { name: 'comet.types.stacked', inputs, outputs: types.integer() },
      other(
        tracked(async ({ rows }) => {
          expectTypeOf(rows).toEqualTypeOf<number>();
          return rows;
        }),
      ),
    );
    task(
      { name: 'comet.types.stacked-inside', inputs, outputs: { total: types.integer() } },
      tracked(other(async ({ rows }) => ({ total: rows }))),
    );
  });

  it('refuses wrong input and output types', () => {
    task(
      { name: 'comet.types.wrong-input', inputs },
      tracked(async ({ rows }) => {
        // @ts-expect-error rows is a number
        const text: string = rows;
        return void text;
      }),
    );
    task(
      { name: 'comet.types.unknown-input', inputs },
      // @ts-expect-error `columns` is not an input
      tracked(async ({ columns }) => columns),
    );
    task(
      { name: 'comet.types.wrong-output', inputs, outputs: types.string() },
      // @ts-expect-error the output is a string, the function returns a number
      tracked(async ({ rows }) => rows),
    );
    task(
      { name: 'comet.types.wrong-output-stacked', inputs, outputs: types.string() },
      // @ts-expect-error the output is a string, the function returns a number
      other(tracked(async ({ rows }) => rows)),
    );
  });

  it('refuses options without the required project, workspace or secret', () => {
    // @ts-expect-error secret is required
    cometMlLogin({ projectName: 'p', workspace: 'w' });
    // @ts-expect-error workspace is required
    cometMlLogin({ projectName: 'p', secret: () => 'key' });
    // @ts-expect-error the secret is a Secret or a function, not the key itself
    cometMlLogin({ projectName: 'p', workspace: 'w', secret: 'key' });
  });

  it('refuses declared options of the wrong type and names that are not options', () => {
    const secret = () => 'key';
    // @ts-expect-error handshakeDeadlineMs is a number of milliseconds
    void start({ handshakeDeadlineMs: '5000' });
    // @ts-expect-error offline is a boolean
    void start({ offline: 'yes' });
    // @ts-expect-error tags is a list
    void start({ tags: 'one' });
    // @ts-expect-error projectname is not an option (projectName is)
    void start({ projectname: 'p' });
    // @ts-expect-error host is a string
    cometMlLogin({ projectName: 'p', workspace: 'w', secret, host: 1 });
    // @ts-expect-error environment is start()'s only; cometMlLogin reads the task's
    cometMlLogin({ projectName: 'p', workspace: 'w', secret, environment: {} });
    cometMlLogin({
      projectName: 'p',
      workspace: 'w',
      secret,
      offline: true,
      tags: ['a'],
      handshakeDeadlineMs: 0,
    });
  });
});
