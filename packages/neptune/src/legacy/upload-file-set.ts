import { readFileSync } from 'node:fs';
import { redactSecrets } from '@tasklens/core/plugin';
import { fileSetEntries, fileSetPackages } from './file-set-packages';
import type { LegacyApiClient } from './legacy-api-client';
import type { LegacyOperation } from './legacy-operation';
import { tarGzArchive } from './tar-gz-archive';

type FileSetOperation = Extract<LegacyOperation, { type: 'UploadFileSet' }>;

/**
 * Sends an `UploadFileSet` operation as neptune 1.x's `upload_file_set_attribute` does: the globs
 * are expanded now (a glob matching nothing adds nothing), the files go in packages of at most
 * 5 MiB; a package of several files (or an empty one that resets the set) is one tar.gz, a single
 * file goes by itself at its path in the set (multipart above 5 MiB). Python deletes every
 * replaced set of a batch before its first upload; we delete each right before its own upload,
 * so an add queued before a replace of the same set is not kept. Returns the errors (the
 * server's, or a file that could not be read), never throws.
 */
export async function uploadFileSet(
  client: Pick<
    LegacyApiClient,
    'uploadFileSetTar' | 'uploadFileSetFile' | 'executeOperations' | 'multipartUpload'
  >,
  runId: string,
  operation: FileSetOperation,
): Promise<string[]> {
  const attribute = operation.path.join('/');
  let reset = operation.reset !== 'False';
  if (reset && client.multipartUpload !== undefined) {
    // The Python client empties a replaced set first on such servers (a single file would not).
    const errors = await client.executeOperations(runId, [{ type: 'DeleteAttribute', path: operation.path }]);
    if (errors.length > 0) return errors;
  }
  try {
    for (const files of fileSetPackages(fileSetEntries(operation.file_globs))) {
      if (files.length === 0 && !reset) continue;
      const [single] = files;
      const errors =
        single === undefined || files.length > 1
          ? await client.uploadFileSetTar(runId, attribute, reset, tarGzArchive(files))
          : await client.uploadFileSetFile(runId, attribute, single.target, readFileSync(single.source));
      if (errors.length > 0) return errors;
      reset = false;
    }
    return [];
  } catch (error) {
    if (isFileError(error))
      return [`${attribute}: cannot upload the file set: ${redactSecrets(String(error))}`];
    throw error;
  }
}

/** A file that vanished or cannot be read: reported like a server error, the rest goes on. */
function isFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && fileErrorCodes.has(code);
}

const fileErrorCodes = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ELOOP', 'EMFILE']);
