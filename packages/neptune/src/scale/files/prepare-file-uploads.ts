import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import type { ScaleFileUpload } from '../scale-operation';
import { generateDestination } from './generate-destination';
import { guessExtension, guessMimeTypeFromBytes, guessMimeTypeFromFile } from './guess-mime-type';

/** A file with details, as neptune-scale's `File`: overrides for what is otherwise guessed. */
export interface ScaleFile {
  /** A path, or the content itself. */
  source: string | Uint8Array;
  /** Mime type; default guessed from the name, then the content, else `application/octet-stream`. */
  mimeType?: string;
  /** Size in bytes; default the file's or the content's size. */
  size?: number;
  /** Where the file is stored; default `<run>/<attribute>/none/<file name>` (`generate_destination`). */
  destination?: string;
}

/** What `assignFiles` takes per attribute: a path, the content, or a `ScaleFile`. */
export type ScaleFileSource = string | Uint8Array | ScaleFile;

/**
 * neptune-scale's `_prepare_files_for_upload` for `assign_files`: one upload request per
 * attribute, content saved to a temporary file in the run's storage directory. Where neptune-scale
 * logs a warning and skips a bad entry, this throws an `InvalidOptionError` naming
 * `files.<attribute>` before anything is written, so a typo does not go unnoticed.
 */
export function prepareFileUploads(
  runId: string,
  storageDirectory: string,
  files: Readonly<Record<string, ScaleFileSource>>,
): Record<string, ScaleFileUpload> {
  const checked = Object.entries(files).map(
    ([attribute, file]) => [attribute, check(attribute, file)] as const,
  );
  const uploads: Record<string, ScaleFileUpload> = {};
  for (const [attribute, file] of checked) {
    const { source, destination } = file;
    let path: string;
    let mimeType: string;
    let size: number;
    if (typeof source === 'string') {
      path = resolve(source);
      mimeType = file.mimeType ?? guessMimeTypeFromFile(path, destination);
      size = file.size ?? statSync(path).size;
    } else {
      mimeType = file.mimeType ?? guessMimeTypeFromBytes(source, destination);
      size = file.size ?? source.byteLength;
      mkdirSync(storageDirectory, { recursive: true });
      path = join(storageDirectory, randomUUID() + (guessExtension(mimeType) ?? ''));
      writeFileSync(path, source);
    }
    uploads[attribute] = {
      sourcePath: path,
      destination: destination ?? generateDestination(runId, attribute, basename(path), undefined),
      mimeType,
      sizeBytes: size,
      isTemporary: typeof source !== 'string',
    };
  }
  return uploads;
}

function check(attribute: string, file: unknown): ScaleFile {
  const option = `files.${attribute}`;
  const fail = (message: string) => new InvalidOptionError({ option, message: `${option}: ${message}` });
  const described = typeof file === 'string' || file instanceof Uint8Array ? { source: file } : file;
  if (typeof described !== 'object' || described === null) {
    throw fail('must be a path, bytes (Uint8Array) or { source, mimeType?, size?, destination? }');
  }
  const { source, mimeType, size, destination } = described as Record<string, unknown>;
  if (destination !== undefined && (typeof destination !== 'string' || destination === '')) {
    throw fail('destination must be a non-empty string');
  }
  if (mimeType !== undefined && (typeof mimeType !== 'string' || mimeType === '')) {
    throw fail('mimeType must be a non-empty string');
  }
  if (size !== undefined && (!Number.isSafeInteger(size) || (size as number) < 0)) {
    throw fail('size must be a whole number of bytes');
  }
  if (typeof source === 'string') {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(source);
    } catch {
      throw fail(`${resolve(source)} does not exist or cannot be read`);
    }
    if (!stats.isFile()) throw fail(`${resolve(source)} is not a file`);
  } else if (!(source instanceof Uint8Array)) {
    throw fail('source must be a path or bytes (Uint8Array)');
  }
  return described as ScaleFile;
}
