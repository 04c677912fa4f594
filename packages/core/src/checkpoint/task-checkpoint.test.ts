import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalContext } from '../context/create-local-context';
import { createTaskExecutionContext } from '../context/create-task-execution-context';
import { taskCheckpoint } from './task-checkpoint';

describe('taskCheckpoint (flytekit SyncCheckpoint)', () => {
  it('saves this attempt and restores the previous one between attempts', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tasklens-checkpoint-'));
    const environment = { FLYTE_SDK_LOCAL_SANDBOX: join(root, 'sandbox') };
    const first = createTaskExecutionContext({
      environment,
      taskName: 't',
      rawOutputPrefix: `file://${root}/raw0`,
      checkpointPath: `file://${root}/raw0/_flytecheckpoints`,
    });
    const checkpoint0 = taskCheckpoint(first);
    expect(checkpoint0.previousExists()).toBe(false);
    expect(await checkpoint0.read()).toBeUndefined();
    await checkpoint0.write(new TextEncoder().encode('epoch=3'));
    expect(readFileSync(join(root, 'raw0', '_flytecheckpoints', '_dst_cp'), 'utf8')).toBe('epoch=3');

    const second = createTaskExecutionContext({
      environment,
      taskName: 't',
      rawOutputPrefix: `file://${root}/raw1`,
      checkpointPath: `file://${root}/raw1/_flytecheckpoints`,
      previousCheckpointPath: `file://${root}/raw0/_flytecheckpoints`,
    });
    const checkpoint1 = taskCheckpoint(second);
    expect(checkpoint1.previousExists()).toBe(true);
    expect(new TextDecoder().decode(await checkpoint1.read())).toBe('epoch=3');

    const state = join(root, 'state');
    mkdirSync(join(state, 'nested'), { recursive: true });
    writeFileSync(join(state, 'nested', 'weights.bin'), 'W');
    await checkpoint1.save(state);
    expect(readFileSync(join(root, 'raw1', '_flytecheckpoints', 'nested', 'weights.bin'), 'utf8')).toBe('W');
    await checkpoint1.write(new TextEncoder().encode('epoch=4'));
    const third = createTaskExecutionContext({
      environment,
      taskName: 't',
      checkpointPath: `file://${root}/raw2/_flytecheckpoints`,
      previousCheckpointPath: `file://${root}/raw1/_flytecheckpoints`,
    });
    await expect(taskCheckpoint(third).read()).rejects.toThrow('Expected exactly one checkpoint - found 2');
  });

  it('gives local runs a <working directory>/__cp checkpoint and refuses when Flyte passed none', () => {
    const local = createLocalContext({
      environment: { FLYTE_SDK_LOCAL_SANDBOX: mkdtempSync(join(tmpdir(), 'cp-')) },
    });
    expect(taskCheckpoint(local).destination).toBe(join(local.workingDirectory, '__cp'));
    const pod = createTaskExecutionContext({
      environment: { FLYTE_SDK_LOCAL_SANDBOX: mkdtempSync(join(tmpdir(), 'cp-')) },
      taskName: 't',
    });
    expect(() => taskCheckpoint(pod)).toThrow('Checkpointing is not available');
  });
});
