// Tasks for the CLI tests: a TypeScript module `tasklens run` loads through tsx.
import { currentContext, task, types, workflow } from '@tasklens/core';

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

/** The node id the task ran as: `n0`, `n1`, … inside a workflow. */
export const nodeOf = task({ name: 'cli.node_of', outputs: types.string() }, () => currentContext().nodeId ?? '');

export const pipeline = workflow(
  {
    name: 'cli.pipeline',
    description: 'Scales the values, then greets',
    inputs: { factor: types.float(), values: types.list(types.float()) },
  },
  async ({ factor, values }) => {
    const { scaled } = await scale({ rowCount: values.length, factor, values });
    return { scaled, greeting: await hello(), nodes: [await nodeOf(), await nodeOf()] };
  },
);

export const greet = workflow('cli.greet', async () => hello());
