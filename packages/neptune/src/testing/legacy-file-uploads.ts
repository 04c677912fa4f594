import { randomUUID } from 'node:crypto';
import type { LegacyRecordedRun } from './legacy-recorded-run';

/** The file-upload operations of the legacy server (operationId → route), as neptune 1.x calls them. */
export const legacyFileRoutes: Record<string, string> = {
  'POST /api/leaderboard/v1/attributes/storage/file/upload': 'fileAtomUpload',
  'POST /api/leaderboard/v1/attributes/storage/file/upload/start': 'fileAtomMultipartUploadStart',
  'POST /api/leaderboard/v1/attributes/storage/file/upload/part': 'fileAtomMultipartUploadPart',
  'POST /api/leaderboard/v1/attributes/storage/file/upload/finish': 'fileAtomMultipartUploadFinish',
};

/** Multipart uploads in progress, by upload id (one map per server). */
export type PendingUploads = Map<
  string,
  { run: LegacyRecordedRun; attribute: string; ext: string; parts: Buffer[] }
>;

type Answer = { status: number; payload: unknown };

/**
 * Answers a file-upload call for `run` (a file atom: `run["x"].upload(path)`): the content is the
 * raw request body (single part) or the parts in `uploadPartIdx` order (multipart). Returns
 * undefined for any other operation.
 */
export function answerFileUpload(
  operationId: string | undefined,
  run: LegacyRecordedRun,
  query: URLSearchParams,
  body: Buffer,
  pending: PendingUploads,
): Answer | undefined {
  const attribute = query.get('attribute') ?? '';
  const ok: Answer = { status: 200, payload: { errors: [] } };
  switch (operationId) {
    case 'fileAtomUpload':
      store(run, attribute, query.get('ext') ?? '', body);
      return ok;
    case 'fileAtomMultipartUploadStart': {
      const uploadId = randomUUID();
      pending.set(uploadId, { run, attribute, ext: query.get('ext') ?? '', parts: [] });
      return { status: 200, payload: { uploadId, errors: [] } };
    }
    case 'fileAtomMultipartUploadPart': {
      const upload = pending.get(query.get('uploadId') ?? '');
      if (upload === undefined) return { status: 404, payload: { title: 'no such upload' } };
      upload.parts[Number(query.get('uploadPartIdx'))] = body;
      return ok;
    }
    case 'fileAtomMultipartUploadFinish': {
      const uploadId = query.get('uploadId') ?? '';
      const upload = pending.get(uploadId);
      if (upload === undefined) return { status: 404, payload: { title: 'no such upload' } };
      pending.delete(uploadId);
      store(upload.run, upload.attribute, upload.ext, Buffer.concat(upload.parts));
      return ok;
    }
    default:
      return undefined;
  }
}

function store(run: LegacyRecordedRun, attribute: string, ext: string, content: Buffer): void {
  run.files ??= new Map();
  run.files.set(attribute, { ext, content: Buffer.from(content) });
}

/** The swagger entries of the upload operations (bravado must find all four by operationId). */
export function legacyFileSwaggerPaths(query: (name: string, required?: boolean) => unknown) {
  // $refs, so bravado answers with models (`result.errors`, `result.uploadId`), not dicts.
  const uploadResult = { $ref: '#/definitions/UploadResult' };
  const started = { $ref: '#/definitions/UploadStarted' };
  const common = [query('experimentIdentifier'), query('attribute')];
  const raw = { name: 'data', in: 'body', required: false, schema: { type: 'string', format: 'binary' } };
  const ok = (schema: unknown) => ({ 200: { description: 'OK', schema } });
  return {
    '/v1/attributes/storage/file/upload': {
      post: {
        operationId: 'fileAtomUpload',
        consumes: ['application/octet-stream'],
        parameters: [...common, query('ext', false), raw],
        responses: ok(uploadResult),
      },
    },
    '/v1/attributes/storage/file/upload/start': {
      post: {
        operationId: 'fileAtomMultipartUploadStart',
        parameters: [
          ...common,
          query('ext', false),
          { ...(query('totalLength') as object), type: 'integer' },
        ],
        responses: ok(started),
      },
    },
    '/v1/attributes/storage/file/upload/part': {
      post: {
        operationId: 'fileAtomMultipartUploadPart',
        consumes: ['application/octet-stream'],
        parameters: [
          ...common,
          query('uploadId'),
          { ...(query('uploadPartIdx') as object), type: 'integer' },
          raw,
        ],
        responses: ok(uploadResult),
      },
    },
    '/v1/attributes/storage/file/upload/finish': {
      post: {
        operationId: 'fileAtomMultipartUploadFinish',
        parameters: [...common, query('uploadId')],
        responses: ok(uploadResult),
      },
    },
  };
}

/** The definitions the upload answers refer to. */
export const legacyFileSwaggerDefinitions = {
  UploadResult: {
    type: 'object',
    properties: { errors: { type: 'array', items: { $ref: '#/definitions/Error' } } },
  },
  UploadStarted: {
    type: 'object',
    properties: {
      uploadId: { type: 'string' },
      errors: { type: 'array', items: { $ref: '#/definitions/Error' } },
    },
  },
};
