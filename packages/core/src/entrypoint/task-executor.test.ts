import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deck } from '../decks/deck';
import { type LogSink, setLogSink } from '../logging/logger';
import {
  ContainerError_Kind,
  ErrorDocumentSchema,
  ExecutionError_ErrorKind,
  LiteralMapSchema,
} from '../protobuf/flyteidl';
import { BucketStorage } from '../storage/bucket-storage';
import { inMemoryBucket } from '../storage/in-memory-bucket.test-helper';
import { type Task, task } from '../task/task';
import { primitiveLiteral } from '../type-engine/literal-builders';
import { types } from '../types/types';
import type { ExecuteArguments } from './execute-arguments';
import { RecoverableError } from './recoverable-error';
import { TaskExecutor } from './task-executor';

const add = task(
  {
    name: 'unit.add',
    enableDeck: true,
    inputs: { a: types.integer(), b: types.integer() },
    outputs: types.integer(),
  },
  ({ a, b }) => a + b,
);

function prepare(
  taskObject: Task<any, any>,
  literals: Record<string, ReturnType<typeof primitiveLiteral>> = {},
) {
  const root = mkdtempSync(join(tmpdir(), 'tasklens-executor-'));
  writeFileSync(join(root, 'inputs.pb'), toBinary(LiteralMapSchema, create(LiteralMapSchema, { literals })));
  const args: ExecuteArguments = {
    inputs: `file://${root}/inputs.pb`,
    outputPrefix: `file://${root}/out`,
    rawOutputDataPrefix: `file://${root}/raw`,
    checkpointPath: undefined,
    previousCheckpoint: undefined,
    taskModule: 'unused.js',
    taskName: 'unused',
  };
  const environment = { FLYTE_SDK_LOCAL_SANDBOX: join(root, 'sandbox'), TASKLENS_LOG_LEVEL: 'silent' };
  const executor = (extra: Record<string, string> = {}) =>
    new TaskExecutor(args, { environment: { ...environment, ...extra }, loadTask: async () => taskObject });
  const errorDocument = () =>
    fromBinary(ErrorDocumentSchema, readFileSync(join(root, 'out', 'error.pb'))).error!;
  return { root, args, executor, errorDocument };
}

const int = (value: number) => primitiveLiteral({ case: 'integer', value: BigInt(value) });

describe('TaskExecutor', () => {
  let previousSink: LogSink;
  beforeAll(() => {
    previousSink = setLogSink(() => {});
  });
  afterAll(() => {
    setLogSink(previousSink);
  });

  it('writes outputs.pb and uploads deck.html on success', async () => {
    const { root, executor } = prepare(add, { a: int(2), b: int(3) });
    const outcome = await executor().run();
    expect(outcome).toMatchObject({ wrote: 'outputs', exitCode: 0, deckUri: `file://${root}/out/deck.html` });
    const outputs = fromBinary(LiteralMapSchema, readFileSync(join(root, 'out', 'outputs.pb')));
    expect(outputs.literals.o0).toEqual(int(5));
    expect(readFileSync(join(root, 'out', 'deck.html'), 'utf8')).toContain('Timeline');
    expect(existsSync(join(root, 'out', 'error.pb'))).toBe(false);
  });

  it('writes an empty LiteralMap for a task without outputs', async () => {
    const { root, executor } = prepare(task({ name: 'unit.noop' }, () => undefined));
    expect((await executor().run()).wrote).toBe('outputs');
    expect(readFileSync(join(root, 'out', 'outputs.pb')).length).toBe(0);
  });

  it('reports a thrown error as USER / NON_RECOVERABLE, a RecoverableError as RECOVERABLE', async () => {
    const failing = task({ name: 'unit.fail', enableDeck: true }, () => {
      new Deck('Progress', '<p>half way</p>');
      throw new Error('bad data');
    });
    const first = prepare(failing);
    expect(await first.executor().run()).toMatchObject({ wrote: 'error', exitCode: 0 });
    expect(first.errorDocument()).toMatchObject({
      code: 'USER:RuntimeError',
      kind: ContainerError_Kind.NON_RECOVERABLE,
      origin: ExecutionError_ErrorKind.USER,
    });
    expect(readFileSync(join(first.root, 'out', 'deck.html'), 'utf8')).toContain('half way');

    const retrying = prepare(
      task({ name: 'unit.retry' }, () => Promise.reject(new RecoverableError('flaky'))),
    );
    await retrying.executor().run();
    expect(retrying.errorDocument()).toMatchObject({
      code: 'USER:Recoverable',
      kind: ContainerError_Kind.RECOVERABLE,
    });
  });

  it('reports a wrong return value as a non-recoverable SYSTEM error (flytekit output conversion)', async () => {
    const wrong = task({ name: 'unit.wrong', outputs: types.integer() }, () => 'nope' as unknown as number);
    const { errorDocument, executor } = prepare(wrong);
    await executor().run();
    expect(errorDocument()).toMatchObject({
      code: 'SYSTEM',
      kind: ContainerError_Kind.NON_RECOVERABLE,
      origin: ExecutionError_ErrorKind.SYSTEM,
    });
    expect(errorDocument().message).toContain('outputs.o0 must be a safe integer');
  });

  it('exits 1 after writing error.pb when FLYTE_FAIL_ON_ERROR is true', async () => {
    const { executor } = prepare(add, { a: int(1) });
    expect(await executor({ FLYTE_FAIL_ON_ERROR: 'TRUE' }).run()).toMatchObject({
      wrote: 'error',
      exitCode: 1,
    });
  });

  it('names the error file error-<uuid hex>.pb and reports the worker under a distributed error strategy', async () => {
    const { root, executor } = prepare(add, { a: int(1) });
    await executor({ _F_DES: 'earliest', _F_WN: 'worker-3' }).run();
    const files = (await import('node:fs')).readdirSync(join(root, 'out'));
    const errorFile = files.find((name) => /^error-[0-9a-f]{32}\.pb$/.test(name));
    expect(errorFile).toBeDefined();
    expect(fromBinary(ErrorDocumentSchema, readFileSync(join(root, 'out', errorFile!))).error?.worker).toBe(
      'worker-3',
    );
  });

  it('terminate() during the task writes a recoverable SYSTEM error once; the late result is dropped', async () => {
    let release: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = task({ name: 'unit.slow', outputs: types.integer() }, async () => {
      release();
      await new Promise((resolve) => setTimeout(resolve, 100));
      return 1;
    });
    const { root, executor, errorDocument } = prepare(slow);
    const running = executor();
    const result = running.run();
    await started;
    const terminated = await running.terminate('SIGTERM');
    expect(terminated).toMatchObject({ wrote: 'error', exitCode: 0 });
    expect(await result).toBe(terminated);
    expect(errorDocument()).toMatchObject({ code: 'SYSTEM', kind: ContainerError_Kind.RECOVERABLE });
    expect(errorDocument().message).toContain('TasklensTerminatedError: Task process received SIGTERM');
    expect(existsSync(join(root, 'out', 'outputs.pb'))).toBe(false);
  });

  it('offloads outputs at or above _F_L_MIN_SIZE_MB and fails above _F_L_MAX_SIZE_MB', async () => {
    const big = task({ name: 'unit.big', outputs: types.string() }, () => 'x'.repeat(1024 * 1024 + 10));
    const { root, executor } = prepare(big);
    await executor({ _F_L_MIN_SIZE_MB: '1' }).run();
    const outputs = fromBinary(LiteralMapSchema, readFileSync(join(root, 'out', 'outputs.pb')));
    const reference = outputs.literals.o0!;
    expect(reference.value.case).toBe('offloadedMetadata');
    if (reference.value.case !== 'offloadedMetadata') return;
    expect(reference.value.value.uri).toBe(`file://${root}/out/o0_offloaded_metadata.pb`);
    expect(reference.value.value.inferredType?.type).toEqual({ case: 'simple', value: 3 });
    expect(reference.hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(existsSync(join(root, 'out', 'o0_offloaded_metadata.pb'))).toBe(true);

    const tooBig = prepare(big);
    await tooBig.executor({ _F_L_MIN_SIZE_MB: '0', _F_L_MAX_SIZE_MB: '1' }).run();
    expect(tooBig.errorDocument().message).toContain(
      'TasklensTaskInputError: Literal o0 is too large to be offloaded',
    );
  });

  it('reads inputs through a storage adapter and reports an unreachable store as RECOVERABLE SYSTEM', async () => {
    const bucket = inMemoryBucket();
    await bucket.putObject(
      'b',
      'in/inputs.pb',
      toBinary(LiteralMapSchema, create(LiteralMapSchema, { literals: { a: int(4), b: int(5) } })),
    );
    const root = mkdtempSync(join(tmpdir(), 'tasklens-executor-'));
    const args: ExecuteArguments = {
      inputs: 's3://b/in/inputs.pb',
      outputPrefix: 's3://b/out',
      rawOutputDataPrefix: 's3://b/raw',
      checkpointPath: undefined,
      previousCheckpoint: undefined,
      taskModule: 'unused.js',
      taskName: 'unused',
    };
    const options = {
      environment: { FLYTE_SDK_LOCAL_SANDBOX: root, TASKLENS_LOG_LEVEL: 'silent' },
      loadTask: async () => add,
      adapters: { s3: new BucketStorage(async () => bucket) },
    };
    expect(await new TaskExecutor(args, options).run()).toMatchObject({
      wrote: 'outputs',
      deckUri: 's3://b/out/deck.html',
    });
    expect(bucket.objects.get('b/out/deck.html')?.contentType).toBe('text/html');
    expect(fromBinary(LiteralMapSchema, bucket.objects.get('b/out/outputs.pb')!.body).literals.o0).toEqual(
      int(9),
    );

    const unreachable = inMemoryBucket();
    unreachable.failWith = new Error('connect ECONNREFUSED');
    const outcome = await new TaskExecutor(
      { ...args, outputPrefix: `file://${root}/out` },
      { ...options, adapters: { s3: new BucketStorage(async () => unreachable) } },
    ).run();
    expect(outcome).toMatchObject({
      wrote: 'error',
      classification: { origin: 'system', recoverable: true },
    });
  });
});
