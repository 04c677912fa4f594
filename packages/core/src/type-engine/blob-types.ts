import { InvalidOptionError } from '../errors/invalid-option-error';
import { escapeHtml } from '../html/escape-html';
import { typeMismatch } from '../types/primitive-types';
import type { TypeDescriptor } from '../types/type-descriptor';
import type { BlobTypeDescriptor } from './blob-transformers';
import { FlyteDirectory, FlyteFile } from './flyte-file';

export interface FileTypeOptions {
  /** Blob format recorded in the interface, e.g. `csv` (`FlyteFile[TypeVar("csv")]`); default `""` (any). */
  format?: string;
}

export interface BlobTypeOptions {
  /** Blob format, e.g. `binary`, `parquet`; required (use `types.file()` for format-less files). */
  format: string;
  /** `single` (one file, default) or `multipart` (a directory). */
  dimensionality?: 'single' | 'multipart';
}

function pathHtml(value: FlyteFile | FlyteDirectory): string {
  const source =
    value.remoteSource === undefined ? '' : ` <small>(from ${escapeHtml(value.remoteSource)})</small>`;
  return `<pre>${escapeHtml(value.path)}</pre>${source}`;
}

function fileDescriptor(kind: 'file' | 'blob', format: string): BlobTypeDescriptor<FlyteFile> {
  return {
    kind,
    format,
    dimensionality: 'single',
    typeName: format === '' ? 'file' : `file (format ${format})`,
    validate(value, path) {
      if (typeof value === 'string' && value !== '') return new FlyteFile(value);
      if (FlyteFile.isInstance(value)) return value;
      return typeMismatch(path, 'a FlyteFile or a file path', value);
    },
    toHtml: pathHtml,
  };
}

function directoryDescriptor(kind: 'directory' | 'blob', format: string): BlobTypeDescriptor<FlyteDirectory> {
  return {
    kind,
    format,
    dimensionality: 'multipart',
    typeName: format === '' ? 'directory' : `directory (format ${format})`,
    validate(value, path) {
      if (typeof value === 'string' && value !== '') return new FlyteDirectory(value);
      if (FlyteDirectory.isInstance(value)) return value;
      return typeMismatch(path, 'a FlyteDirectory or a directory path', value);
    },
    toHtml: pathHtml,
  };
}

/** A file (flytekit `FlyteFile`): a SINGLE blob. Outputs may be given as a local path string. */
export function file(options: FileTypeOptions = {}): BlobTypeDescriptor<FlyteFile> {
  return fileDescriptor('file', options.format ?? '');
}

/** A directory (flytekit `FlyteDirectory`): a MULTIPART blob. Outputs may be given as a local path string. */
export function directory(options: FileTypeOptions = {}): BlobTypeDescriptor<FlyteDirectory> {
  return directoryDescriptor('directory', options.format ?? '');
}

/** A generic blob with an explicit format: SINGLE → FlyteFile values, MULTIPART → FlyteDirectory values. */
export function blob(options: BlobTypeOptions & { dimensionality?: 'single' }): BlobTypeDescriptor<FlyteFile>;
export function blob(
  options: BlobTypeOptions & { dimensionality: 'multipart' },
): BlobTypeDescriptor<FlyteDirectory>;
export function blob(
  options: BlobTypeOptions,
): BlobTypeDescriptor<FlyteFile> | BlobTypeDescriptor<FlyteDirectory> {
  if (typeof options?.format !== 'string') {
    throw new InvalidOptionError({
      option: 'types.blob.format',
      message: 'types.blob: format must be a string',
    });
  }
  return options.dimensionality === 'multipart'
    ? directoryDescriptor('blob', options.format)
    : fileDescriptor('blob', options.format);
}

/** Re-export for packages that build on blob descriptors. */
export type { BlobTypeDescriptor, TypeDescriptor };
