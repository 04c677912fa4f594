import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { expect } from 'vitest';
import { setLogSink } from '../../logging/logger';
import { decodeErrorDocument, encodeLiteralMap } from '../../protobuf/codec';
import { ContainerError_Kind, ExecutionError_ErrorKind, LiteralMapSchema } from '../../protobuf/flyteidl';
import { pollUntil, startConformanceChild } from '../conformance-child';
import { type ConformanceContext, range, stepsOf } from './conformance-context';

/**
 * kill -9: rows logged before the kill reach the offline files by the time-based flush alone
 * (no finish, no more logging), in whole records, and the vendor CLI syncs them.
 */
export async function killCase(context: ConformanceContext): Promise<void> {
  const steps = 50;
  const options = context.runOptions('kill', { mode: 'offline' });
  const command = await context.adapter.childCommand(
    { kind: 'log-then-idle', run: options, steps },
    context.scratch('kill-child'),
  );
  const child = startConformanceChild(command);
  try {
    await child.waitForLine('ready', 60_000);
    await pollUntil(
      `all ${steps} rows in the offline files without a finish`,
      async () => {
        const view = await context.adapter.readOffline(options.directory, options.runId);
        return (view?.rows.length ?? 0) >= steps ? true : undefined;
      },
      30_000,
    );
  } finally {
    child.process.kill('SIGKILL');
    await child.waitForExit(30_000);
  }
  const offline = await context.adapter.readOffline(options.directory, options.runId);
  expect(stepsOf(offline)).toEqual(range(steps));
  expect(offline?.finished).toBe(false);
  if (context.adapter.syncWithVendorCli === undefined) return;
  const server = await context.server();
  await context.adapter.syncWithVendorCli(options.directory, options.runId, server);
  expect(stepsOf(server.received(options.runId))).toEqual(range(steps));
}

/**
 * SIGTERM during `tasklens execute` with a run open: the run is flushed and finished (non-zero
 * exit), error.pb is a recoverable SYSTEM error as flytekit writes it, the deck is uploaded, and
 * the process exits 0 as pyflyte-execute does after writing error.pb.
 */
export async function sigtermCase(context: ConformanceContext): Promise<void> {
  const steps = 30;
  const server = await context.server();
  const scratch = context.scratch('sigterm');
  const inputsPath = join(scratch, 'inputs.pb');
  writeFileSync(inputsPath, encodeLiteralMap(create(LiteralMapSchema, { literals: {} })));
  const outputPrefix = join(scratch, 'outputs');
  const options = context.runOptions('sigterm', { mode: 'online', serverUrl: server.url });
  const command = await context.adapter.childCommand(
    {
      kind: 'execute-task',
      run: options,
      steps,
      inputsPath,
      outputPrefix,
      rawOutputPrefix: join(scratch, 'raw'),
    },
    scratch,
  );
  const child = startConformanceChild(command);
  let exit: { code: number | null; signal: NodeJS.Signals | null };
  try {
    await child.waitForLine('ready', 60_000);
    child.process.kill('SIGTERM');
    exit = await child.waitForExit(60_000);
  } finally {
    child.process.kill('SIGKILL');
  }
  expect({ ...exit, output: exit.code === 0 ? '' : child.output() }).toEqual({
    code: 0,
    signal: null,
    output: '',
  });
  const errorPath = join(outputPrefix, 'error.pb');
  expect(existsSync(errorPath), child.output()).toBe(true);
  const document = decodeErrorDocument(readFileSync(errorPath));
  expect(document.error?.message).toContain('SIGTERM');
  expect(document.error?.kind).toBe(ContainerError_Kind.RECOVERABLE);
  expect(document.error?.origin).toBe(ExecutionError_ErrorKind.SYSTEM);
  expect(existsSync(join(outputPrefix, 'deck.html'))).toBe(true);
  const received = server.received(options.runId);
  expect(stepsOf(received)).toEqual(range(steps));
  expect(received?.finished).toBe(true);
  expect(received?.exitCode).not.toBe(0);
}

/**
 * The offline spill itself fails (disk full / read-only): one warning, a counter of lost events,
 * bounded memory, and the task goes on; for an offline run and for an online run whose service is
 * gone.
 */
export async function spillFailureCase(context: ConformanceContext): Promise<void> {
  const events = 20_000;
  const lines: string[] = [];
  const previous = setLogSink((level, line) => {
    if (level === 'warn' || level === 'error') lines.push(line);
  });
  try {
    for (const mode of ['offline', 'online'] as const) {
      lines.length = 0;
      const server = mode === 'online' ? await context.server() : undefined;
      const options = context.runOptions(`spill-${mode}`, {
        mode,
        serverUrl: server?.url,
        offlineDeadlineMs: 200,
      });
      const run = await context.adapter.startRun(options);
      await context.adapter.breakSpillLocation(options.directory, options.runId);
      server?.goDown(Number.POSITIVE_INFINITY);
      let maxQueued = 0;
      for (let step = 0; step < events; step++) {
        run.logMetrics(step, { value: step });
        if (step % 1000 === 0) {
          maxQueued = Math.max(maxQueued, run.queuedEvents);
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      const status = await run.finish();
      expect(status.outcome, mode).toBe('lost');
      expect(status.droppedEvents, mode).toBeGreaterThan(0);
      expect(status.warnings.length, `${mode}: ${status.warnings.join('\n')}`).toBeLessThanOrEqual(5);
      expect(lines.length, `${mode}: ${lines.join('\n')}`).toBeLessThanOrEqual(5);
      expect(maxQueued, mode).toBeLessThan(events);
    }
  } finally {
    setLogSink(previous);
  }
}
