import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BucketStorage } from './bucket-storage';
import { FileAccess } from './file-access';
import { inMemoryBucket } from './in-memory-bucket.test-helper';
import { StorageError } from './storage-error';

describe('directory downloads cannot escape the download directory', () => {
  it('refuses object names with ../ that S3 and GCS allow, writing nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tasklens-escape-'));
    const bucket = inMemoryBucket();
    const body = new TextEncoder().encode('x');
    await bucket.putObject('b', 'inputs/dir/ok.txt', body);
    await bucket.putObject('b', 'inputs/dir/../../../../escaped.txt', body);
    const access = new FileAccess({
      rawOutputPrefix: 's3://b/raw',
      localDirectory: join(root, 'sandbox'),
      adapters: { s3: new BucketStorage(async () => bucket) },
    });
    const target = join(root, 'sandbox', 'downloads', 'dir');
    const error = await access.downloadDirectory('s3://b/inputs/dir', target).catch((caught) => caught);
    expect(error).toBeInstanceOf(StorageError);
    expect(error.message).toContain('leads outside the download directory');
    expect(error.uri).toBe('s3://b/inputs/dir/../../../../escaped.txt');
    expect(existsSync(join(root, 'escaped.txt'))).toBe(false);
    expect(existsSync(join(root, 'sandbox', 'escaped.txt'))).toBe(false);
    expect(existsSync(join(target, 'ok.txt'))).toBe(false);
  });

  it('still downloads names whose ../ stays inside (a/../b.txt)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tasklens-escape-'));
    const bucket = inMemoryBucket();
    await bucket.putObject('b', 'inputs/dir/a/../b.txt', new TextEncoder().encode('inside'));
    const access = new FileAccess({
      rawOutputPrefix: 's3://b/raw',
      localDirectory: root,
      adapters: { s3: new BucketStorage(async () => bucket) },
    });
    await access.downloadDirectory('s3://b/inputs/dir', join(root, 'dir'));
    expect(existsSync(join(root, 'dir', 'b.txt'))).toBe(true);
  });
});
