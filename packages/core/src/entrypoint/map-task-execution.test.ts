import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { type LogSink, setLogSink } from '../logging/logger';
import {
  ContainerError_Kind,
  ErrorDocumentSchema,
  ExecutionError_ErrorKind,
  type Literal,
  LiteralCollectionSchema,
  LiteralMapSchema,
  LiteralSchema,
} from '../protobuf/flyteidl';
import { task } from '../task/task';
import { primitiveLiteral } from '../type-engine/literal-builders';
import { types } from '../types/types';
import { computeArrayJobIndex } from './array-job-index';
import { parseExecuteArguments, parseMapExecuteArguments } from './execute-arguments';
import { TaskExecutor } from './task-executor';

const int = (value: number) => primitiveLiteral({ case: 'integer', value: BigInt(value) });
const list = (...values: number[]): Literal =>
  create(LiteralSchema, {
    value: { case: 'collection', value: create(LiteralCollectionSchema, { literals: values.map(int) }) },
  });

/** `scale(x, factor) = x * factor`, the task mapped over `x` with `factor` bound. */
const scale = task(
  {
    name: 'unit.scale',
    inputs: { x: types.integer(), factor: types.integer() },
    outputs: types.integer(),
  },
  ({ x, factor }) => x * factor,
);

const flyteFlags = (root: string) => [
  '--inputs',
  `file://${root}/n0/data/inputs.pb`,
  '--output-prefix',
  `file://${root}/n0/data/2/0`,
  '--raw-output-data-prefix',
  `file://${root}/raw`,
  '--checkpoint-path',
  `file://${root}/raw/_flytecheckpoints`,
  '--prev-checkpoint',
  '""',
];

/** Runs subtask `environment` of an ArrayNode over `literals`, as propeller starts it. */
async function runSubtask(
  literals: Record<string, Literal>,
  environment: Record<string, string>,
  extraArguments: string[] = [
    '--',
    'vars',
    'factor',
    'resolver',
    'tasklens',
    'task-module',
    'm.js',
    'task-name',
    'scale',
  ],
) {
  const root = mkdtempSync(join(tmpdir(), 'tasklens-map-'));
  const inputsPath = join(root, 'n0', 'data');
  mkdirSync(inputsPath, { recursive: true });
  writeFileSync(
    join(inputsPath, 'inputs.pb'),
    toBinary(LiteralMapSchema, create(LiteralMapSchema, { literals })),
  );
  const args = parseMapExecuteArguments([...flyteFlags(root), ...extraArguments]);
  const outcome = await new TaskExecutor(args, {
    environment: {
      FLYTE_SDK_LOCAL_SANDBOX: join(root, 'sandbox'),
      TASKLENS_LOG_LEVEL: 'silent',
      ...environment,
    },
    loadTask: async () => scale,
  }).run();
  const prefix = join(root, 'n0', 'data', '2', '0');
  return {
    outcome,
    output: () => fromBinary(LiteralMapSchema, readFileSync(join(prefix, 'outputs.pb'))).literals.o0,
    error: () => fromBinary(ErrorDocumentSchema, readFileSync(join(prefix, 'error.pb'))).error!,
  };
}

const propeller = (index: string) => ({
  BATCH_JOB_ARRAY_INDEX_VAR_NAME: 'FLYTE_K8S_ARRAY_INDEX',
  FLYTE_K8S_ARRAY_INDEX: index,
});

describe('tasklens map-execute (ArrayNode subtask, spec §3.5)', () => {
  let previousSink: LogSink;
  beforeAll(() => {
    previousSink = setLogSink(() => {});
  });
  afterAll(() => {
    setLogSink(previousSink);
  });

  it('picks element FLYTE_K8S_ARRAY_INDEX of each mapped list, passes bound inputs whole, writes outputs.pb at its own prefix', async () => {
    const run = await runSubtask({ x: list(1, 2, 3, 4), factor: int(10) }, propeller('2'));
    expect(run.outcome).toMatchObject({ wrote: 'outputs', exitCode: 0 });
    expect(run.output()).toEqual(int(30));
  });

  it('adds BATCH_JOB_ARRAY_INDEX_OFFSET to the index', async () => {
    const run = await runSubtask(
      { x: list(1, 2, 3, 4), factor: int(10) },
      { ...propeller('1'), BATCH_JOB_ARRAY_INDEX_OFFSET: '2' },
    );
    expect(run.output()).toEqual(int(40));
  });

  it('uses index 0 without the variables, and Python indexing for a negative index', async () => {
    expect((await runSubtask({ x: list(5, 6, 7), factor: int(2) }, {})).output()).toEqual(int(10));
    expect((await runSubtask({ x: list(5, 6, 7), factor: int(2) }, propeller('-1'))).output()).toEqual(
      int(14),
    );
  });

  it('maps every input when none is bound (lists of equal length), ignoring undeclared inputs', async () => {
    const run = await runSubtask(
      { x: list(1, 2, 3), factor: list(7, 8, 9), extra: list(0, 0, 0) },
      propeller('2'),
      ['--task-module', 'm.js', '--task-name', 'scale'],
    );
    expect(run.output()).toEqual(int(27));
  });

  it('refuses an index beyond the list with a non-recoverable SYSTEM error.pb naming the input', async () => {
    const run = await runSubtask({ x: list(1, 2), factor: int(10) }, propeller('2'));
    expect(run.outcome).toMatchObject({ wrote: 'error', exitCode: 0 });
    expect(run.error()).toMatchObject({
      kind: ContainerError_Kind.NON_RECOVERABLE,
      origin: ExecutionError_ErrorKind.SYSTEM,
      code: 'SYSTEM',
    });
    expect(run.error().message).toContain('Array index 2 is out of range for input x (2 elements)');
  });

  it('refuses a mapped input that is not a list, and a missing input, naming them', async () => {
    const scalar = await runSubtask({ x: int(1), factor: int(10) }, propeller('0'));
    expect(scalar.error().message).toContain('Expected a list of literals for x');
    const missing = await runSubtask({ x: list(1) }, propeller('0'));
    expect(missing.error().message).toContain('Map task input factor is missing');
  });

  it('refuses an index variable Python int() refuses, naming the variable', async () => {
    const run = await runSubtask({ x: list(1, 2), factor: int(10) }, propeller('1.0'));
    expect(run.error()).toMatchObject({ kind: ContainerError_Kind.NON_RECOVERABLE, code: 'SYSTEM' });
    expect(run.error().message).toContain(
      "FLYTE_K8S_ARRAY_INDEX: invalid literal for int() with base 10: '1.0'",
    );
  });
});

describe('computeArrayJobIndex (flytekit ArrayNodeMapTask._compute_array_job_index)', () => {
  it.each([
    [{}, 0],
    [{ BATCH_JOB_ARRAY_INDEX_VAR_NAME: 'FLYTE_K8S_ARRAY_INDEX', FLYTE_K8S_ARRAY_INDEX: '7' }, 7],
    [{ BATCH_JOB_ARRAY_INDEX_VAR_NAME: 'AWS_BATCH_JOB_ARRAY_INDEX', AWS_BATCH_JOB_ARRAY_INDEX: ' 3\n' }, 3],
    [{ BATCH_JOB_ARRAY_INDEX_VAR_NAME: 'FLYTE_K8S_ARRAY_INDEX' }, 0],
    [{ BATCH_JOB_ARRAY_INDEX_OFFSET: '10' }, 10],
    [{ BATCH_JOB_ARRAY_INDEX_OFFSET: '+1_0', BATCH_JOB_ARRAY_INDEX_VAR_NAME: 'I', I: '-2' }, 8],
  ] as const)('%o → %d', (environment, expected) => {
    expect(computeArrayJobIndex(environment)).toBe(expected);
  });

  it.each([
    [{ BATCH_JOB_ARRAY_INDEX_OFFSET: '' }, 'BATCH_JOB_ARRAY_INDEX_OFFSET'],
    [{ BATCH_JOB_ARRAY_INDEX_VAR_NAME: 'I', I: '0x1' }, 'I'],
    [{ BATCH_JOB_ARRAY_INDEX_VAR_NAME: 'I', I: '1__0' }, 'I'],
  ] as const)('%o is refused naming %s', (environment, variable) => {
    expect(() => computeArrayJobIndex(environment)).toThrow(
      expect.objectContaining({ option: variable, name: 'TasklensInvalidOptionError' }),
    );
    expect(() => computeArrayJobIndex(environment)).toThrow(InvalidOptionError);
  });
});

describe('parseMapExecuteArguments (the pyflyte-map-execute command line)', () => {
  const flags = flyteFlags('/r');

  it("takes flytekit's map-task loader args: bound inputs from `vars`, the task from task-module/task-name", () => {
    const parsed = parseMapExecuteArguments([
      ...flags,
      '--max-concurrency',
      '4',
      '--resolver',
      'flytekit.core.array_node_map_task.ArrayNodeMapTaskResolver',
      '--',
      'vars',
      'factor,offset',
      'resolver',
      'tasklens',
      'task-module',
      './dist/tasks.js',
      'task-name',
      'scale',
    ]);
    expect(parsed).toMatchObject({
      previousCheckpoint: undefined,
      taskModule: './dist/tasks.js',
      taskName: 'scale',
      mapTask: { boundInputs: ['factor', 'offset'] },
    });
  });

  it('takes --bound-inputs; an empty `vars` binds nothing', () => {
    const parsed = parseMapExecuteArguments([
      ...flags,
      '--bound-inputs=factor',
      '--task-module',
      'm.js',
      '--task-name',
      't',
      '--',
      'vars',
      '',
    ]);
    expect(parsed.mapTask).toEqual({ boundInputs: ['factor'] });
  });

  it('refuses --max-concurrency in plain execute, and plain execute is no map task', () => {
    expect(() =>
      parseExecuteArguments([...flags, '--max-concurrency', '2', '--task-module', 'm', '--task-name', 't']),
    ).toThrow(/--max-concurrency/);
    expect(
      parseExecuteArguments([...flags, '--task-module', 'm', '--task-name', 't']).mapTask,
    ).toBeUndefined();
  });
});
