import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { InvalidOptionError } from '@tasklens/core';
import { selectProfile } from '../report/report-data';
import type { MemrayCapture, SamplingHeapProfile } from './capture-format';
import type { CapturePaths } from './capture-paths';

/**
 * Writes `<stem>.memray.json` (everything) and, when there is a profile, `<stem>.heapprofile`:
 * the profile of the default view in the format Chrome DevTools (Memory → Load) and speedscope open.
 */
export function writeCaptureFiles(capture: MemrayCapture, paths: CapturePaths): void {
  // Through a temporary file, as the checkpoints are: a kill while writing leaves the last checkpoint.
  writeFileSync(`${paths.capture}.tmp`, JSON.stringify(capture));
  renameSync(`${paths.capture}.tmp`, paths.capture);
  const { profile } = selectProfile(capture, capture.metadata.mode === 'all' ? 'all' : 'peak');
  if (profile !== null) writeFileSync(paths.heapProfile, JSON.stringify(profile));
}

function isProfile(value: any): value is SamplingHeapProfile {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.head === 'object' &&
    Array.isArray(value.samples)
  );
}

/** Reads our capture, or a bare `.heapprofile` (from us, `node --heap-prof` or DevTools). */
export function readCapture(path: string): MemrayCapture {
  const unreadable = (reason: string) =>
    new InvalidOptionError({ option: 'capture', message: `cannot read capture ${path}: ${reason}` });
  let parsed: any;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable((error as Error).message);
  }
  if (text === '') {
    throw unreadable(
      'the file is empty: the process ended before the first checkpoint (see checkpointIntervalMs)',
    );
  }
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unreadable((error as Error).message);
  }
  if (parsed?.format === 'tasklens-memray') return parsed as MemrayCapture;
  if (!isProfile(parsed)) {
    throw new InvalidOptionError({
      option: 'capture',
      message: `${path} is neither a tasklens-memray capture nor a .heapprofile`,
    });
  }
  const name = path
    .split(/[\\/]/)
    .pop()!
    .replace(/\.heapprofile$/, '');
  return {
    format: 'tasklens-memray',
    version: 1,
    metadata: {
      functionName: name,
      command: [],
      pid: 0,
      startTime: 0,
      endTime: 0,
      nodeVersion: 'unknown',
      v8Version: 'unknown',
      platform: 'unknown',
      mode: 'live',
      samplingIntervalBytes: 0,
      memoryIntervalMs: 0,
      nativeTraces: false,
      followFork: false,
      followWorkers: false,
      heapSizeLimit: Number.NaN,
      constrainedMemory: undefined,
      reporterArgs: [],
      taskFailed: false,
      profilingError: undefined,
      warnings: ['Loaded from a bare .heapprofile: no memory-over-time records or peak snapshot.'],
      peakCaptures: 0,
      peakCaptureMs: 0,
      memoryTicks: 0,
    },
    final: parsed,
    peak: null,
    memory: [],
    gc: null,
    threads: [],
  };
}
