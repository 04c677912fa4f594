// Tasks for the CLI tests: a TypeScript module `tasklens run` loads through tsx.
import { task, types } from '@tasklens/core';

export const scale = task(
  {
    name: 'cli.scale',
    description: 'Multiplies every value by a factor',
    inputs: { rowCount: types.integer(), factor: types.float(), values: types.list(types.float()) },
    outputs: { scaled: types.list(types.float()) },
  },
  ({ factor, values }) => ({ scaled: values.map((value: number) => value * factor) }),
);

export const hello = task({ name: 'cli.hello', outputs: types.string() }, () => 'hello');

export const report = task({ name: 'cli.report', enableDeck: true, outputs: types.integer() }, () => 1);
