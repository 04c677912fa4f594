import type { TestServerAnswer } from '@tasklens/core/testing';

/** A file neptune-scale stored through a signed URL: its content and declared type. */
export interface ScaleStoredFile {
  content: Buffer;
  contentType: string | undefined;
}

const storagePrefix = '/storage/';

/**
 * The file side of the Scale test server, as neptune-scale 0.30 uses it for `assign_files`:
 * `POST /api/storagebridge/v1/signedUrl` signs each `{path, size, permission}` as an S3-style
 * ("aws") single-part URL on this server, and `PUT /storage/<path>` stores the bytes there.
 * Returns undefined for any other route.
 */
export function answerScaleStorage(
  route: string,
  baseUrl: string,
  body: Buffer,
  contentType: string | undefined,
  stored: Map<string, ScaleStoredFile>,
): TestServerAnswer | undefined {
  if (route === 'POST /api/storagebridge/v1/signedUrl') {
    const request = JSON.parse(body.toString('utf8') || '{}') as {
      files?: { path?: string; project_identifier?: string }[];
    };
    const files = (request.files ?? []).map((file) => ({
      path: file.path,
      project_identifier: file.project_identifier,
      provider: 'aws',
      url: `${baseUrl}${storagePrefix}${encodeURIComponent(String(file.path))}`,
    }));
    return { status: 200, body: { files } };
  }
  const [method, path] = route.split(' ');
  if (method === 'PUT' && path?.startsWith(storagePrefix)) {
    stored.set(decodeURIComponent(path.slice(storagePrefix.length)), {
      content: Buffer.from(body),
      contentType,
    });
    return { status: 200, body: new Uint8Array(0), headers: { etag: '"stored"' } };
  }
  return undefined;
}
