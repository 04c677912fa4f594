import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError, TasklensError } from '@tasklens/core';
import { describe, expect, test } from 'vitest';
import { readCapture } from '../capture/capture-files';
import { ProfilerError } from './profiler-error';
import { ProfilingUnavailableError } from './profiling-unavailable-error';
import { sidecarSlot, stopSidecar, warmSidecar } from './sidecar-host';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('memray errors are typed TasklensErrors', () => {
  test('an empty capture file is an InvalidOptionError naming the capture, with the reason', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tasklens-memray-errors-')), 'empty.memray.json');
    writeFileSync(path, '');
    const error = thrownBy(() => readCapture(path));
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    expect((error as InvalidOptionError).option).toBe('capture');
    expect((error as Error).message).toBe(
      `cannot read capture ${path}: the file is empty: the process ended before the first checkpoint (see checkpointIntervalMs)`,
    );
  });

  test('a missing or malformed capture file is an InvalidOptionError too', () => {
    const directory = mkdtempSync(join(tmpdir(), 'tasklens-memray-errors-'));
    expect(InvalidOptionError.isInstance(thrownBy(() => readCapture(join(directory, 'absent.json'))))).toBe(
      true,
    );
    writeFileSync(join(directory, 'bad.json'), '{');
    const malformed = thrownBy(() => readCapture(join(directory, 'bad.json')));
    expect(InvalidOptionError.isInstance(malformed)).toBe(true);
    expect((malformed as Error).message).toMatch(/^cannot read capture .*bad\.json: /);
  });

  test('a sampler thread that has exited answers requests with a ProfilerError', async () => {
    const sidecar = warmSidecar();
    await sidecar.ready;
    await sidecar.worker.terminate();
    // The 'exit' listener marks the sidecar; poll for it rather than assume an ordering.
    for (let attempt = 0; attempt < 2000 && !sidecar.exited; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(sidecar.exited).toBe(true);
    expect(sidecarSlot.get()).toBeUndefined();
    const failure = await stopSidecar(sidecar).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(ProfilerError.isInstance(failure)).toBe(true);
    expect(TasklensError.isInstance(failure)).toBe(true);
  });

  test('ProfilingUnavailableError carries its own brand', () => {
    const error = new ProfilingUnavailableError(
      'another memrayProfiling call is already profiling this process',
    );
    expect(ProfilingUnavailableError.isInstance(error)).toBe(true);
    expect(ProfilerError.isInstance(error)).toBe(false);
    expect(error.name).toBe('TasklensProfilingUnavailableError');
  });
});
