import { closeSync, mkdirSync, openSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** flytekit's `time.strftime('%Y%m%d%H%M%S')`, in local time. */
export function formatTimestamp(date: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}${two(date.getHours())}${two(
    date.getMinutes(),
  )}${two(date.getSeconds())}`;
}

/** File names must survive any function name (methods can be named by any string). */
export function safeFunctionName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$.-]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? 'anonymous' : cleaned;
}

export interface CapturePaths {
  directory: string;
  /** `<fn>.<YYYYmmddHHMMSS>` plus `-<n>` when that name is taken. */
  stem: string;
  capture: string;
  heapProfile: string;
  report: string;
}

/** Paths for one run (flytekit's names, built explicitly rather than by string replacement). */
export function capturePathsFor(directory: string, stem: string, reporter: string): CapturePaths {
  return {
    directory,
    stem,
    capture: join(directory, `${stem}.memray.json`),
    heapProfile: join(directory, `${stem}.heapprofile`),
    report: join(directory, `${reporter}.${stem}.html`),
  };
}

/**
 * Reserves `<dir>/<fn>.<ts>.memray.json` with an exclusive create, so a second run in the same
 * second gets `<fn>.<ts>-2` instead of failing as memray does.
 */
export function reserveCapturePaths(
  baseDirectory: string,
  captureDirectory: string,
  functionName: string,
  date: Date,
  reporter: string,
): CapturePaths {
  const directory = isAbsolute(captureDirectory)
    ? captureDirectory
    : resolve(baseDirectory, captureDirectory);
  mkdirSync(directory, { recursive: true });
  const base = `${safeFunctionName(functionName)}.${formatTimestamp(date)}`;
  for (let attempt = 1; ; attempt++) {
    const stem = attempt === 1 ? base : `${base}-${attempt}`;
    const paths = capturePathsFor(directory, stem, reporter);
    try {
      closeSync(openSync(paths.capture, 'wx'));
      return paths;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 10_000) throw error;
    }
  }
}
