import { resolve } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { expandFileGlob } from './expand-file-globs';
import type { LegacyOperation } from './legacy-operation';

/** Options of `run.uploadFiles`. */
export interface UploadFilesOptions {
  /** Empty the set before adding (`run[path] = FileSet(globs)`); default false (`upload_files`). */
  replace?: boolean;
}

/** The globs as a list; throws `InvalidOptionError` naming `globs` for anything but (non-empty) strings. */
export function fileSetGlobs(path: string, globs: unknown): string[] {
  const list = typeof globs === 'string' ? [globs] : Array.isArray(globs) ? (globs as unknown[]) : undefined;
  const bad = list === undefined ? globs : list.find((glob) => typeof glob !== 'string' || glob === '');
  if (list === undefined || bad !== undefined) {
    throw new InvalidOptionError({
      option: 'globs',
      message: `${path}: globs must be a non-empty string or a list of them, got ${describe(bad)}`,
    });
  }
  return list as string[];
}

/** The queued operation, globs made absolute against the working directory (`os.path.abspath`). */
export function fileSetOperation(
  path: string[],
  globs: readonly string[],
  replace: boolean,
): Extract<LegacyOperation, { type: 'UploadFileSet' }> {
  return {
    type: 'UploadFileSet',
    path,
    file_globs: globs.map((glob) => resolve(glob)),
    reset: replace ? 'True' : 'False',
  };
}

/** A typed problem for each glob that names no file or directory now (a missing path, an empty match). */
export function unmatchedGlobs(path: string, globs: readonly string[]): InvalidOptionError[] {
  return globs
    .filter((glob) => expandFileGlob(glob).length === 0)
    .map(
      (glob) =>
        new InvalidOptionError({
          option: path,
          message: `${path}: ${glob} matches no file or directory; nothing is uploaded for it`,
        }),
    );
}

function describe(value: unknown): string {
  if (value === '') return 'an empty string';
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
