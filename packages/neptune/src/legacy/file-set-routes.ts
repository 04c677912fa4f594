const base = '/api/leaderboard/v1/attributes/storage/fileset';

/**
 * The file-set upload calls, by swagger operationId, with the paths we fall back to when the
 * server's swagger document does not name them (the document's paths win, as for bravado).
 */
export const fileSetRoutes = {
  uploadFileSetAttributeTar: { method: 'POST', path: `${base}/upload/tar` },
  fileSetFileUpload: { method: 'POST', path: `${base}/upload` },
  fileSetFileMultipartUploadStart: { method: 'POST', path: `${base}/upload/start` },
  fileSetFileMultipartUploadPart: { method: 'POST', path: `${base}/upload/part` },
  fileSetFileMultipartUploadFinish: { method: 'POST', path: `${base}/upload/finish` },
} as const;
