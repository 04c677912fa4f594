import { describe, expect, it } from 'vitest';
import { taskCheckpoint } from '../checkpoint/task-checkpoint';
import { createLocalContext } from '../context/create-local-context';
import { currentContext } from '../context/current-context';
import { ExecutionContext } from '../context/execution-context';
import { createDecorator } from '../decorators/create-decorator';
import { loadTask, TaskLoadError } from '../entrypoint/load-task';
import { createGcsOperations } from '../storage/gcs-operations';
import { decodeMessagePack } from '../type-engine/msgpack-decode';
import { types } from '../types/types';
import { CheckpointError } from './checkpoint-error';
import { CorruptInputsError } from './corrupt-inputs-error';
import { InvalidOptionError } from './invalid-option-error';
import { MissingAttributeError } from './missing-attribute-error';
import { MissingDependencyError } from './missing-dependency-error';
import { NoContextError } from './no-context-error';
import { TasklensError } from './tasklens-error';
import { TerminatedError } from './terminated-error';

async function thrownBy(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

function remoteContext(): ExecutionContext {
  return new ExecutionContext({
    mode: 'task-execution',
    executionId: { project: 'p', domain: 'd', name: 'e' },
    taskId: { project: 'p', domain: 'd', name: 't', version: 'v' },
    nodeId: 'n0',
    retryAttempt: 0,
    environment: {},
    workingDirectory: '/tmp',
    sandboxDirectory: '/tmp',
    rawOutputPrefix: '/tmp/raw',
    enableDeck: false,
    taskName: 't',
  });
}

describe('every error a user can meet is a typed TasklensError', () => {
  it('currentContext() outside a task throws NoContextError', async () => {
    const error = await thrownBy(() => currentContext());
    expect(NoContextError.isInstance(error)).toBe(true);
    expect(TasklensError.isInstance(error)).toBe(true);
    expect((error as Error).name).toBe('TasklensNoContextError');
  });

  it('a missing context attribute throws MissingAttributeError naming it', async () => {
    const context = createLocalContext({ environment: { FLYTE_SDK_LOCAL_SANDBOX: '/tmp/tasklens-kinds' } });
    const error = await thrownBy(() => context.getAttribute('WANDB_RUN'));
    expect(MissingAttributeError.isInstance(error)).toBe(true);
    expect((error as MissingAttributeError).attribute).toBe('WANDB_RUN');
    expect((error as Error).message).toBe(
      'WANDB_RUN not available as a parameter in Flyte context - are you in right task-type?',
    );
  });

  it('checkpointing on Flyte without --checkpoint-path throws CheckpointError', async () => {
    const error = await thrownBy(() => taskCheckpoint(remoteContext()));
    expect(CheckpointError.isInstance(error)).toBe(true);
    expect((error as Error).name).toBe('TasklensCheckpointError');
  });

  it('gs:// without @google-cloud/storage installed throws MissingDependencyError naming the package', async () => {
    const error = await thrownBy(() => createGcsOperations());
    expect(MissingDependencyError.isInstance(error)).toBe(true);
    expect((error as MissingDependencyError).dependency).toBe('@google-cloud/storage');
  });

  it('a module without the task throws TaskLoadError', async () => {
    const error = await thrownBy(() => loadTask('./no-such-module-here.js', 'nothing', '/tmp'));
    expect(TaskLoadError.isInstance(error)).toBe(true);
    expect(TasklensError.isInstance(error)).toBe(true);
  });

  it('decorating something that is not a function throws InvalidOptionError', async () => {
    const decorate = createDecorator({
      name: 'exampleDecorator',
      execute: (_context, next) => next(),
      extraConfig: () => ({}),
    });
    const error = await thrownBy(() => decorate(42 as never));
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    expect((error as InvalidOptionError).option).toBe('exampleDecorator');
  });

  it('types.blob without a format throws InvalidOptionError naming types.blob.format', async () => {
    const error = await thrownBy(() => types.blob({} as never));
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    expect((error as InvalidOptionError).option).toBe('types.blob.format');
  });

  it('corrupt MessagePack throws InvalidOptionError', async () => {
    const error = await thrownBy(() => decodeMessagePack(Uint8Array.from([0x92])));
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('truncated MessagePack data');
  });

  it('the entrypoint-only kinds carry their fields and brands', () => {
    const terminated = new TerminatedError({ signal: 'SIGTERM', message: 'stopping' });
    const corrupt = new CorruptInputsError({ uri: 's3://b/inputs.pb', message: 'bad' });
    expect(TerminatedError.isInstance(terminated)).toBe(true);
    expect(terminated.signal).toBe('SIGTERM');
    expect(CorruptInputsError.isInstance(corrupt)).toBe(true);
    expect(CorruptInputsError.isInstance(terminated)).toBe(false);
    expect(corrupt.uri).toBe('s3://b/inputs.pb');
  });
});
