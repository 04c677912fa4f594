import { join } from 'node:path';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { createLogger } from '../logging/logger';
import { randomHex32 } from '../storage/file-access';
import { localPathOf } from '../storage/local-storage';
import { isRemoteUri } from '../storage/storage-adapter';
import type { TypeDescriptor } from '../types/type-descriptor';
import { blobOf } from './blob-transformers';
import { blobLiteral, blobLiteralType } from './literal-builders';
import type { LiteralTransformer } from './literal-transformer';

const logger = createLogger('tasklens:types');

export interface CustomBlobTypeOptions<T> {
  /** Unique kind, namespaced by package, e.g. `whylogs.dataset-profile-view`. */
  kind: string;
  /** Name used in error messages, e.g. `DatasetProfileView`. */
  typeName: string;
  /** Blob format in the Flyte interface, e.g. `binary`. */
  format: string;
  /** Checks a value (see TypeDescriptor.validate). */
  validate(value: unknown, path: string): T;
  /** Writes the value's bytes to a local file; the entrypoint uploads it. */
  write(value: T, localPath: string): Promise<void>;
  /** Reads a value from a downloaded local file. */
  read(localPath: string): Promise<T>;
  /** HTML for the Input/Output decks; default escaped JSON. */
  toHtml?(value: T): string;
}

/**
 * A package-defined type stored as a SINGLE blob of `format` (flytekit's pattern for whylogs'
 * `DatasetProfileView`): the value is written to a local file and uploaded to
 * `<raw prefix>/<32 hex>/<32 hex>` (flytekit's `put_raw_data` naming); reading downloads it and
 * calls `read`. The literal conversion travels with the descriptor, so no registration is needed.
 */
export function defineBlobType<T>(options: CustomBlobTypeOptions<T>): TypeDescriptor<T> {
  for (const name of ['kind', 'typeName', 'format'] as const) {
    if (typeof options?.[name] !== 'string') {
      throw new InvalidOptionError({ option: name, message: `defineBlobType: ${name} must be a string` });
    }
  }
  const literal: LiteralTransformer<T> = {
    literalType: () => blobLiteralType(options.format, 'single'),
    async toLiteral(value, _descriptor, context) {
      const localPath = join(context.fileAccess.randomLocalDirectory(), randomHex32());
      await options.write(value, localPath);
      const uri = context.fileAccess.randomRemotePath();
      await context.fileAccess.uploadFile(localPath, uri);
      // The file a profile or model output becomes would otherwise only be named inside outputs.pb.
      logger.info(`${context.path} (${options.typeName}) written to ${uri}`);
      return blobLiteral(uri, options.format, 'single');
    },
    async fromLiteral(literalValue, descriptor, context) {
      const blob = blobOf(literalValue, descriptor, context, 'single');
      if (!isRemoteUri(blob.uri)) return options.read(localPathOf(blob.uri));
      const localPath = join(context.fileAccess.randomLocalDirectory(), randomHex32());
      await context.fileAccess.downloadFile(blob.uri, localPath);
      return options.read(localPath);
    },
  };
  return {
    kind: options.kind,
    typeName: options.typeName,
    validate: (value, path) => options.validate(value, path),
    ...(options.toHtml === undefined ? {} : { toHtml: (value: T) => options.toHtml!(value) }),
    literal,
  };
}
