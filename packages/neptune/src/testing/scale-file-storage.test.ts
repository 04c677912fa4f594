import { afterEach, describe, expect, it } from 'vitest';
import { ScaleTestServer } from './scale-test-server';

let server: ScaleTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Scale test server file storage', () => {
  it('signs paths as single-part "aws" URLs (with the access token only) and stores what is PUT there', async () => {
    server = await ScaleTestServer.start();
    const files = [
      { path: 'run-1/files_a/file.txt', project_identifier: 'ws/p', permission: 'write', size: 5 },
    ];
    const refused = await fetch(`${server.url}/api/storagebridge/v1/signedUrl`, {
      method: 'POST',
      body: JSON.stringify({ files }),
    });
    expect(refused.status).toBe(401);
    const tokens = (await (
      await fetch(`${server.url}/api/backend/v1/authorization/oauth-token`, {
        headers: { 'X-Neptune-Api-Token': server.apiToken },
      })
    ).json()) as { accessToken: string };
    const signed = (await (
      await fetch(`${server.url}/api/storagebridge/v1/signedUrl`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ files }),
      })
    ).json()) as { files: { path: string; provider: string; url: string }[] };
    expect(signed.files.map(({ path, provider }) => [path, provider])).toEqual([
      ['run-1/files_a/file.txt', 'aws'],
    ]);
    const put = await fetch(signed.files[0]!.url, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(put.status).toBe(200);
    expect(server.storedFiles.get('run-1/files_a/file.txt')).toEqual({
      content: Buffer.from('hello'),
      contentType: 'text/plain',
    });
  });
});
