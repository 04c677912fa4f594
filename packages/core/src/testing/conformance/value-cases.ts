import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { TasklensError } from '../../errors/tasklens-error';
import { setLogSink } from '../../logging/logger';
import { type ConformanceContext, pause, range, stepsOf } from './conformance-context';

/** Every file below `directory`, read as latin1 text so binary formats can be searched too. */
function filesText(directory: string): string {
  let text = '';
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined) continue;
    text += stat.isDirectory() ? filesText(path) : `${path}\n${readFileSync(path).toString('latin1')}\n`;
  }
  return text;
}

/**
 * A sentinel API key never appears in anything written: offline files, what the server received
 * outside the auth header, log lines, the status warnings.
 */
export async function sentinelSecretCase(context: ConformanceContext): Promise<void> {
  const sentinel = `sentinel_${Date.now().toString(36)}_secret_${'x'.repeat(40)}`;
  const server = await context.server(sentinel);
  const lines: string[] = [];
  const previous = setLogSink((_level, line) => lines.push(line));
  try {
    const options = context.runOptions('secret', {
      mode: 'online',
      serverUrl: server.url,
      apiKey: sentinel,
      offlineDeadlineMs: 300,
    });
    const run = await context.adapter.startRun(options);
    run.logParams({ note: 'no secret here' });
    server.setFaults({ errorRate: 0.3, dropRate: 0.2 });
    for (let step = 0; step < 50; step++) {
      run.logMetrics(step, { value: step });
      if (step === 25) server.goDown(Number.POSITIVE_INFINITY);
      if (step % 10 === 0) await pause(5);
    }
    const status = await run.finish();
    const everything = [
      filesText(options.directory),
      server.transcript(),
      lines.join('\n'),
      JSON.stringify(status),
    ].join('\n');
    expect(everything.includes(sentinel)).toBe(false);
  } finally {
    setLogSink(previous);
  }
}

/** Values no tracker can store as numbers, each logged under its own key. */
function unloggableValues(): [string, unknown][] {
  const circular: Record<string, unknown> = { name: 'loop' };
  circular.self = circular;
  return [
    ['bad_nan', Number.NaN],
    ['bad_infinity', Number.POSITIVE_INFINITY],
    ['bad_negative_infinity', Number.NEGATIVE_INFINITY],
    ['bad_circular', circular],
    ['bad_bigint', 12345678901234567890n],
    ['bad_function', () => 1],
    ['bad_invalid_date', new Date(Number.NaN)],
    ['bad_undefined', undefined],
  ];
}

/**
 * NaN, ±Infinity, circular objects, BigInt, functions, invalid dates and undefined, as metrics
 * and as params: the vendor SDK's handling or a typed error naming the key; never a crash, a
 * lost neighbouring value or a corrupt file.
 */
export async function unloggableValuesCase(context: ConformanceContext): Promise<void> {
  const options = context.runOptions('values', { mode: 'offline' });
  const run = await context.adapter.startRun(options);
  const values = unloggableValues();
  const expectNamedError = (key: string, error: unknown) => {
    expect(TasklensError.isInstance(error), `${key}: ${String(error)}`).toBe(true);
    expect((error as Error).message).toContain(key);
  };
  let step = 0;
  const accepted: number[] = [];
  for (const [key, value] of values) {
    try {
      run.logMetrics(step, { [key]: value, value: step });
      accepted.push(step);
      step++;
    } catch (error) {
      expectNamedError(key, error);
    }
    try {
      run.logParams({ [`param_${key}`]: value });
    } catch (error) {
      expectNamedError(`param_${key}`, error);
    }
  }
  run.logMetrics(step, { value: step });
  accepted.push(step);
  const status = await run.finish();
  expect(status.outcome).not.toBe('lost');
  const offline = await context.adapter.readOffline(options.directory, options.runId);
  expect(offline?.damage).toBeUndefined();
  expect(stepsOf(offline)).toEqual(range(accepted.length));
  expect(offline?.rows.map((row) => row.values.value)).toEqual(range(accepted.length));
  expect(offline?.finished).toBe(true);
}
