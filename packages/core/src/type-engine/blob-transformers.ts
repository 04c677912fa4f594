import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { TaskInputError } from '../errors/task-input-error';
import { BlobType_BlobDimensionality, type Literal } from '../protobuf/flyteidl';
import { localPathOf } from '../storage/local-storage';
import { isRemoteUri, splitBucketUri } from '../storage/storage-adapter';
import type { TypeDescriptor } from '../types/type-descriptor';
import { FlyteDirectory, FlyteFile } from './flyte-file';
import { blobLiteral, blobLiteralType, describeLiteral, scalarOf } from './literal-builders';
import type { LiteralContext, LiteralTransformer } from './literal-transformer';

/** Descriptor of a file, directory or generic blob (`types.file()`, `types.directory()`, `types.blob()`). */
export interface BlobTypeDescriptor<T extends FlyteFile | FlyteDirectory = FlyteFile | FlyteDirectory>
  extends TypeDescriptor<T> {
  readonly kind: 'file' | 'directory' | 'blob';
  /** Blob format, e.g. `csv`; `""` matches any format (FlyteFile's default). */
  readonly format: string;
  readonly dimensionality: 'single' | 'multipart';
}

/** The blob inside a literal, checked against the descriptor's dimensionality. */
export function blobOf(
  literal: Literal,
  descriptor: TypeDescriptor<any>,
  context: LiteralContext,
  dimensionality: 'single' | 'multipart',
) {
  const scalar = scalarOf(literal);
  if (scalar?.case !== 'blob') {
    throw new TaskInputError({
      path: context.path,
      message: `${context.path}: expected a ${descriptor.typeName} blob literal, got ${describeLiteral(literal)}`,
    });
  }
  const actual =
    scalar.value.metadata?.type?.dimensionality === BlobType_BlobDimensionality.MULTIPART
      ? 'multipart'
      : 'single';
  if (actual !== dimensionality) {
    throw new TaskInputError({
      path: context.path,
      message: `${context.path}: expected a ${dimensionality.toUpperCase()} blob for ${descriptor.typeName}, got a ${actual.toUpperCase()} blob (${scalar.value.uri})`,
    });
  }
  return scalar.value;
}

/** A readable local file name for a blob URI (its last path segment). */
function blobFileName(uri: string): string {
  const key = isRemoteUri(uri) ? splitBucketUri(uri).key : localPathOf(uri);
  return basename(key.replace(/\/+$/, '')) || 'blob';
}

async function requireLocal(
  path: string,
  kind: 'file' | 'directory',
  context: LiteralContext,
): Promise<void> {
  const stats = await stat(path).catch(() => undefined);
  if (stats === undefined || (kind === 'file' ? !stats.isFile() : !stats.isDirectory())) {
    throw new TaskInputError({
      path: context.path,
      message: `${context.path}: ${kind} ${path} does not exist`,
    });
  }
}

const single: LiteralTransformer<FlyteFile> = {
  literalType: (descriptor) => blobLiteralType((descriptor as BlobTypeDescriptor).format, 'single'),
  async toLiteral(value, descriptor, context) {
    const { format } = descriptor as BlobTypeDescriptor;
    // An input handed back unchanged, or a file already in the blob store, is not uploaded again.
    if (value.remoteSource !== undefined) return blobLiteral(value.remoteSource, format, 'single');
    if (isRemoteUri(value.path)) return blobLiteral(value.path, format, 'single');
    const localPath = localPathOf(value.path);
    await requireLocal(localPath, 'file', context);
    const uri = context.fileAccess.randomRemotePath(basename(localPath));
    await context.fileAccess.uploadFile(localPath, uri);
    return blobLiteral(uri, format, 'single');
  },
  async fromLiteral(literal, descriptor, context) {
    const blob = blobOf(literal, descriptor, context, 'single');
    if (!isRemoteUri(blob.uri)) return new FlyteFile(localPathOf(blob.uri), { remoteSource: blob.uri });
    const localPath = `${context.fileAccess.randomLocalDirectory()}/${blobFileName(blob.uri)}`;
    await context.fileAccess.downloadFile(blob.uri, localPath);
    return new FlyteFile(localPath, { remoteSource: blob.uri });
  },
};

const multipart: LiteralTransformer<FlyteDirectory> = {
  literalType: (descriptor) => blobLiteralType((descriptor as BlobTypeDescriptor).format, 'multipart'),
  async toLiteral(value, descriptor, context) {
    const { format } = descriptor as BlobTypeDescriptor;
    if (value.remoteSource !== undefined) return blobLiteral(value.remoteSource, format, 'multipart');
    if (isRemoteUri(value.path)) return blobLiteral(value.path, format, 'multipart');
    const localPath = localPathOf(value.path);
    await requireLocal(localPath, 'directory', context);
    const uri = context.fileAccess.randomRemoteDirectory();
    await context.fileAccess.uploadDirectory(localPath, uri);
    return blobLiteral(uri, format, 'multipart');
  },
  async fromLiteral(literal, descriptor, context) {
    const blob = blobOf(literal, descriptor, context, 'multipart');
    if (!isRemoteUri(blob.uri)) return new FlyteDirectory(localPathOf(blob.uri), { remoteSource: blob.uri });
    const localPath = `${context.fileAccess.randomLocalDirectory()}/${blobFileName(blob.uri)}`;
    await context.fileAccess.downloadDirectory(blob.uri, localPath);
    return new FlyteDirectory(localPath, { remoteSource: blob.uri });
  },
};

const generic: LiteralTransformer<FlyteFile | FlyteDirectory> = {
  literalType: (descriptor) =>
    ((descriptor as BlobTypeDescriptor).dimensionality === 'single' ? single : multipart).literalType(
      descriptor as never,
    ),
  toLiteral: (value, descriptor, context) =>
    (descriptor as BlobTypeDescriptor).dimensionality === 'single'
      ? single.toLiteral(value as FlyteFile, descriptor as never, context)
      : multipart.toLiteral(value as FlyteDirectory, descriptor as never, context),
  fromLiteral: (literal, descriptor, context) =>
    (descriptor as BlobTypeDescriptor).dimensionality === 'single'
      ? single.fromLiteral(literal, descriptor as never, context)
      : multipart.fromLiteral(literal, descriptor as never, context),
};

/** Transformers of the blob kinds. */
export const blobTransformers: Readonly<Record<string, LiteralTransformer>> = {
  file: single,
  directory: multipart,
  blob: generic,
};
