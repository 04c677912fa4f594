import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScaleApiClient } from '../scale-api-client';
import { ScaleFileUploader } from './scale-file-uploader';

function uploaderSigning(url: string, provider = 'aws') {
  const client = {
    signFileUrls: async (_project: string, files: readonly { path: string }[]) =>
      files.map((file) => ({ path: file.path, provider, url })),
  } as unknown as ScaleApiClient;
  return new ScaleFileUploader({
    client,
    project: 'ws/proj',
    deadlineMs: 300,
    requestTimeoutMs: 2000,
    retry: { initialDelayMs: 10, maxDelayMs: 50 },
  });
}

function temporaryFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'neptune-uploader-')), 'saved.bin');
  writeFileSync(path, 'bytes');
  return path;
}

describe('ScaleFileUploader', () => {
  it('keeps a file it cannot upload (for sync) and never names the signed URL query in its warning', async () => {
    const sourcePath = temporaryFile();
    // Port 1 refuses connections: a retryable failure until the deadline.
    const uploader = uploaderSigning('http://127.0.0.1:1/storage/x?X-Amz-Signature=topsecret-signature');
    uploader.enqueue([
      {
        sourcePath,
        destination: 'r/a/none/saved.bin',
        mimeType: 'text/plain',
        sizeBytes: 5,
        isTemporary: true,
      },
    ]);
    const result = await uploader.finish();
    expect(result).toMatchObject({ uploaded: 0, failed: 1 });
    expect(result.warnings.join('\n')).toContain('r/a/none/saved.bin');
    expect(result.warnings.join('\n')).not.toContain('topsecret-signature');
    expect(existsSync(sourcePath)).toBe(true);
  }, 60_000);

  it('leaves providers it does not speak (azure, gcp, multipart) to neptune-scale sync', async () => {
    const uploader = uploaderSigning('https://blob.example/x', 'azure');
    uploader.enqueue([
      {
        sourcePath: temporaryFile(),
        destination: 'r/a/none/f.bin',
        mimeType: 'text/plain',
        sizeBytes: 5,
        isTemporary: false,
      },
    ]);
    const result = await uploader.finish();
    expect(result.failed).toBe(1);
    expect(result.warnings[0]).toMatch(/azure upload, which only neptune-scale's sync performs/);
  });
});
