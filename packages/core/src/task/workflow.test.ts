import { describe, expect, it } from 'vitest';
import { currentContext } from '../context/current-context';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { types } from '../types/types';
import { task } from './task';
import { isWorkflow, workflow } from './workflow';

const nodeOf = task({ name: 'wf.node_of', outputs: types.string() }, () => currentContext().nodeId ?? '');

describe('workflow', () => {
  it('declared with inputs: gets one inputs object and runs its tasks as nodes of one execution', async () => {
    const pipeline = workflow(
      { name: 'wf.declared', inputs: { count: types.integer() }, description: 'counts nodes' },
      async ({ count }) => {
        const nodes: string[] = [];
        for (let index = 0; index < count; index++) nodes.push(await nodeOf());
        return nodes;
      },
    );
    expect(await pipeline({ count: 3 })).toEqual(['n0', 'n1', 'n2']);
    expect(isWorkflow(pipeline)).toBe(true);
    expect(pipeline.workflowName).toBe('wf.declared');
    expect(pipeline.name).toBe('declared');
    expect(Object.keys(pipeline.inputs ?? {})).toEqual(['count']);
    expect(pipeline.description).toBe('counts nodes');
  });

  it('declared with no inputs: called with nothing, the body still gets an empty object', async () => {
    const empty = workflow({ name: 'wf.empty' }, (inputs) => inputs);
    expect(await empty()).toEqual({});
    expect(empty.inputs).toEqual({});
  });

  it('declared with inputs: fills in defaults and missing optional inputs, refuses a missing required one', async () => {
    const echo = workflow(
      {
        name: 'wf.defaults',
        inputs: {
          rows: types.integer(),
          label: types.withDefault(types.string(), 'all'),
          limit: types.optional(types.integer()),
        },
      },
      (inputs) => inputs,
    );
    expect(await echo({ rows: 2 })).toEqual({ rows: 2, label: 'all', limit: null });
    expect(await echo({ rows: 2, label: 'some', limit: 5 })).toEqual({ rows: 2, label: 'some', limit: 5 });
    // @ts-expect-error rows is required (checked at run time too, for JavaScript callers)
    await expect(echo({ label: 'x' })).rejects.toThrow('wf.defaults: missing input rows (integer)');
  });

  it('declared by name only: positional arguments, no declared inputs', async () => {
    const add = workflow('wf.add', async (left: number, right: number) => left + right);
    expect(await add(2, 3)).toBe(5);
    expect(isWorkflow(add)).toBe(true);
    expect(add.inputs).toBeUndefined();
  });

  it('refuses a missing name and a body that is not a function, and tells tasks from workflows', () => {
    expect(() => workflow({ name: ' ' }, () => 1)).toThrow(InvalidOptionError);
    expect(() => workflow('wf.bad', 3 as unknown as () => number)).toThrow(
      'the workflow body must be a function',
    );
    expect(isWorkflow(nodeOf)).toBe(false);
    expect(isWorkflow(() => 1)).toBe(false);
  });
});
