// Type-level tests: a caller may leave out the inputs a Python caller or `inputs.pb` may leave out
// (a default, an optional type) and must pass every other input with its declared type. Checked by
// `tsc` (npm run type-check) and `npm run test:types`; each `@ts-expect-error` is a wrong call.
import { describe, expectTypeOf, it } from 'vitest';
import { types } from '../types/types';
import { task } from './task';
import { workflow } from './workflow';

const inputs = {
  rows: types.integer(),
  label: types.withDefault(types.string(), 'default'),
  limit: types.optional(types.integer()),
};

describe('calling a task', () => {
  const counted = task(
    { name: 'types.call', inputs, outputs: types.integer() },
    async ({ rows, label, limit }) => {
      // Inside, every input is present: defaults applied, a missing optional is null.
      expectTypeOf(label).toEqualTypeOf<string>();
      expectTypeOf(limit).toEqualTypeOf<number | null>();
      return rows;
    },
  );

  it('may leave out inputs with a default or an optional type', () => {
    expectTypeOf(counted({ rows: 3 })).resolves.toEqualTypeOf<number>();
    counted({ rows: 3, label: 'x', limit: null });
    counted({ rows: 3, limit: 10 });
  });

  it('must pass every other input, with its declared type', () => {
    // @ts-expect-error rows is required
    counted({ label: 'x' });
    // @ts-expect-error the inputs object is required while rows is
    counted();
    // @ts-expect-error a default does not widen the type
    counted({ rows: 3, label: 5 });
    // @ts-expect-error an optional integer is not a string
    counted({ rows: 3, limit: 'ten' });
  });

  it('may be called without an inputs object when every input may be left out', () => {
    const optionalOnly = task(
      { name: 'types.call.optional', inputs: { limit: types.optional(types.integer()) } },
      async () => {},
    );
    optionalOnly();
    optionalOnly({});
    // @ts-expect-error unknown inputs stay errors
    optionalOnly({ lmit: 3 });
  });
});

describe('calling a declared workflow', () => {
  const flow = workflow({ name: 'types.call.flow', inputs }, async ({ rows, label }) => `${label}:${rows}`);

  it('takes the same inputs object as a task', () => {
    expectTypeOf(flow({ rows: 1 })).resolves.toEqualTypeOf<string>();
    // @ts-expect-error rows is required
    flow({ label: 'x' });
  });
});
