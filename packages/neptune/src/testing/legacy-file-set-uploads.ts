import { randomUUID } from 'node:crypto';
import type { LegacyRecordedRun } from './legacy-recorded-run';
import { readTarGz } from './read-tar-gz';

const base = '/api/leaderboard/v1/attributes/storage/fileset';

/** The file-set upload operations of the legacy server (route → operationId), as neptune 1.x calls them. */
export const legacyFileSetRoutes: Record<string, string> = {
  [`POST ${base}/upload/tar`]: 'uploadFileSetAttributeTar',
  [`POST ${base}/upload`]: 'fileSetFileUpload',
  [`POST ${base}/upload/start`]: 'fileSetFileMultipartUploadStart',
  [`POST ${base}/upload/part`]: 'fileSetFileMultipartUploadPart',
  [`POST ${base}/upload/finish`]: 'fileSetFileMultipartUploadFinish',
};

/** Multipart uploads of one file of a set, in progress, by upload id (one map per server). */
export type PendingFileSetUploads = Map<
  string,
  { run: LegacyRecordedRun; attribute: string; subPath: string; parts: Buffer[] }
>;

type Answer = { status: number; payload: unknown };

/**
 * Answers a file-set upload call (`run["x"].upload_files(globs)`): a package of files as a tar.gz
 * (`reset=True` empties the set first), or one file at `subPath`, whole or in parts. Returns
 * undefined for any other operation.
 */
export function answerFileSetUpload(
  operationId: string | undefined,
  run: LegacyRecordedRun,
  query: URLSearchParams,
  body: Buffer,
  pending: PendingFileSetUploads,
): Answer | undefined {
  const attribute = query.get('attribute') ?? '';
  const subPath = query.get('subPath') ?? '';
  const ok: Answer = { status: 200, payload: { errors: [] } };
  switch (operationId) {
    case 'uploadFileSetAttributeTar': {
      let files: Map<string, Buffer>;
      try {
        files = readTarGz(body);
      } catch (error) {
        return { status: 400, payload: { title: `not a tar.gz: ${String(error)}` } };
      }
      const set = fileSet(run, attribute, query.get('reset') === 'True');
      for (const [path, content] of files) set.set(path, content);
      return ok;
    }
    case 'fileSetFileUpload':
      fileSet(run, attribute, false).set(subPath, Buffer.from(body));
      return ok;
    case 'fileSetFileMultipartUploadStart': {
      const uploadId = randomUUID();
      pending.set(uploadId, { run, attribute, subPath, parts: [] });
      return { status: 200, payload: { uploadId, errors: [] } };
    }
    case 'fileSetFileMultipartUploadPart': {
      const upload = pending.get(query.get('uploadId') ?? '');
      if (upload === undefined) return { status: 404, payload: { title: 'no such upload' } };
      upload.parts[Number(query.get('uploadPartIdx'))] = Buffer.from(body);
      return ok;
    }
    case 'fileSetFileMultipartUploadFinish': {
      const uploadId = query.get('uploadId') ?? '';
      const upload = pending.get(uploadId);
      if (upload === undefined) return { status: 404, payload: { title: 'no such upload' } };
      pending.delete(uploadId);
      fileSet(upload.run, upload.attribute, false).set(upload.subPath, Buffer.concat(upload.parts));
      return ok;
    }
    default:
      return undefined;
  }
}

function fileSet(run: LegacyRecordedRun, attribute: string, reset: boolean): Map<string, Buffer> {
  run.fileSets ??= new Map();
  let set = run.fileSets.get(attribute);
  if (set === undefined || reset) {
    set = new Map();
    run.fileSets.set(attribute, set);
  }
  return set;
}

/** The swagger entries of the file-set operations (bravado finds them by operationId). */
export function legacyFileSetSwaggerPaths(query: (name: string, required?: boolean) => unknown) {
  const uploadResult = { $ref: '#/definitions/UploadResult' };
  const started = { $ref: '#/definitions/UploadStarted' };
  const common = [query('experimentIdentifier'), query('attribute'), query('subPath')];
  const raw = { name: 'data', in: 'body', required: false, schema: { type: 'string', format: 'binary' } };
  const integer = (name: string) => ({ ...(query(name) as object), type: 'integer' });
  const ok = (schema: unknown) => ({ 200: { description: 'OK', schema } });
  const binary = { consumes: ['application/octet-stream'] };
  return {
    '/v1/attributes/storage/fileset/upload/tar': {
      post: {
        operationId: 'uploadFileSetAttributeTar',
        ...binary,
        parameters: [query('experimentId'), query('attribute'), query('reset'), raw],
        responses: ok(uploadResult),
      },
    },
    '/v1/attributes/storage/fileset/upload': {
      post: {
        operationId: 'fileSetFileUpload',
        ...binary,
        parameters: [...common, raw],
        responses: ok(uploadResult),
      },
    },
    '/v1/attributes/storage/fileset/upload/start': {
      post: {
        operationId: 'fileSetFileMultipartUploadStart',
        parameters: [...common, integer('totalLength')],
        responses: ok(started),
      },
    },
    '/v1/attributes/storage/fileset/upload/part': {
      post: {
        operationId: 'fileSetFileMultipartUploadPart',
        ...binary,
        parameters: [...common, query('uploadId'), integer('uploadPartIdx'), raw],
        responses: ok(uploadResult),
      },
    },
    '/v1/attributes/storage/fileset/upload/finish': {
      post: {
        operationId: 'fileSetFileMultipartUploadFinish',
        parameters: [...common, query('uploadId')],
        responses: ok(uploadResult),
      },
    },
  };
}
