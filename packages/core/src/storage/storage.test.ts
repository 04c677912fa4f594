import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BucketStorage } from './bucket-storage';
import { FileAccess } from './file-access';
import { inMemoryBucket } from './in-memory-bucket.test-helper';
import { LocalStorage, localPathOf } from './local-storage';
import { s3ClientConfig } from './s3-operations';
import { s3SettingsFromEnvironment } from './s3-settings';
import { isRemoteUri, joinUri, splitBucketUri, uriScheme } from './storage-adapter';
import { StorageError } from './storage-error';

const temporary = () => mkdtempSync(join(tmpdir(), 'tasklens-storage-'));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('URIs', () => {
  it('knows schemes, buckets and joins without doubling slashes', () => {
    expect(uriScheme('s3://b/k')).toBe('s3');
    expect(uriScheme('GS://b/k')).toBe('gs');
    expect(uriScheme('/tmp/x')).toBe('file');
    expect(uriScheme('file:///tmp/x')).toBe('file');
    expect(isRemoteUri('s3://b/k')).toBe(true);
    expect(isRemoteUri('file:///tmp/x')).toBe(false);
    expect(splitBucketUri('s3://my-s3-bucket/data/5t/a-n0-0')).toEqual({
      bucket: 'my-s3-bucket',
      key: 'data/5t/a-n0-0',
    });
    expect(joinUri('s3://b/prefix/', '/outputs.pb')).toBe('s3://b/prefix/outputs.pb');
    expect(localPathOf('file:///tmp/a%20b')).toBe('/tmp/a b');
    expect(localPathOf('/tmp/x')).toBe('/tmp/x');
  });
});

describe('LocalStorage', () => {
  it('reads, writes, lists and copies by plain path and file:// URI', async () => {
    const root = temporary();
    const storage = new LocalStorage();
    await storage.write(`file://${root}/a/b.txt`, new TextEncoder().encode('B'));
    expect(text(await storage.read(`${root}/a/b.txt`))).toBe('B');
    expect(await storage.exists(`file://${root}/a/b.txt`)).toBe(true);
    expect(await storage.exists(`${root}/missing`)).toBe(false);
    await storage.uploadFile(`${root}/a/b.txt`, `${root}/c/d/e.txt`);
    expect(await storage.list(root)).toEqual(['a/b.txt', 'c/d/e.txt']);
    await storage.downloadFile(`file://${root}/c/d/e.txt`, `${root}/copy.txt`);
    expect(readFileSync(`${root}/copy.txt`, 'utf8')).toBe('B');
  });

  it('throws a StorageError naming the URI', async () => {
    const error = await new LocalStorage().read('/definitely/missing/inputs.pb').catch((caught) => caught);
    expect(StorageError.isInstance(error)).toBe(true);
    expect(error.uri).toBe('/definitely/missing/inputs.pb');
    expect(error.message).toMatch(/^Cannot read \/definitely\/missing\/inputs.pb: ENOENT/);
  });
});

describe('BucketStorage (S3 with a fake client)', () => {
  it('maps reads, writes, content types, lists and directories onto bucket + key', async () => {
    const bucket = inMemoryBucket();
    const storage = new BucketStorage(async () => bucket);
    await storage.write('s3://b/out/deck.html', new TextEncoder().encode('<html>'), {
      contentType: 'text/html',
    });
    expect(bucket.objects.get('b/out/deck.html')?.contentType).toBe('text/html');
    expect(text(await storage.read('s3://b/out/deck.html'))).toBe('<html>');
    expect(await storage.exists('s3://b/out/deck.html')).toBe(true);
    expect(await storage.exists('s3://b/out/none')).toBe(false);
    await storage.write('s3://b/out/sub/x', new Uint8Array([1]));
    await storage.write('s3://b/outside', new Uint8Array([1]));
    expect(await storage.list('s3://b/out')).toEqual(['deck.html', 'sub/x']);
  });

  it('creates the client lazily, once, and wraps failures in StorageError with the URI', async () => {
    let created = 0;
    const bucket = inMemoryBucket();
    const storage = new BucketStorage(async () => {
      created++;
      return bucket;
    });
    expect(created).toBe(0);
    await storage.exists('s3://b/k');
    await storage.exists('s3://b/k2');
    expect(created).toBe(1);
    bucket.failWith = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const error = await storage.read('s3://b/k').catch((caught) => caught);
    expect(StorageError.isInstance(error)).toBe(true);
    expect(error.message).toBe('Cannot read s3://b/k: connect ECONNREFUSED 127.0.0.1:9');
    await expect(storage.read('s3:///nokey')).rejects.toThrow('the URI names no bucket');
  });
});

describe('S3 settings (flytekit FLYTE_AWS_*)', () => {
  it('uses the custom endpoint with path-style addressing and static keys', () => {
    const settings = s3SettingsFromEnvironment({
      FLYTE_AWS_ENDPOINT: 'http://minio.flyte:9000',
      FLYTE_AWS_ACCESS_KEY_ID: 'minio',
      FLYTE_AWS_SECRET_ACCESS_KEY: 'miniostorage',
    });
    expect(settings).toEqual({
      endpoint: 'http://minio.flyte:9000',
      accessKeyId: 'minio',
      secretAccessKey: 'miniostorage',
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 4,
    });
    expect(s3ClientConfig(settings)).toEqual({
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 4,
      endpoint: 'http://minio.flyte:9000',
      credentials: { accessKeyId: 'minio', secretAccessKey: 'miniostorage' },
    });
  });

  it('falls back to AWS defaults (credential chain, virtual-host style, AWS_REGION)', () => {
    const settings = s3SettingsFromEnvironment({
      AWS_REGION: 'eu-west-1',
      FLYTE_AWS_RETRIES: '0',
      FLYTE_AWS_ENDPOINT: ' ',
    });
    expect(settings).toMatchObject({
      endpoint: undefined,
      region: 'eu-west-1',
      forcePathStyle: false,
      maxAttempts: 1,
    });
    expect(s3ClientConfig(settings)).toEqual({ region: 'eu-west-1', forcePathStyle: false, maxAttempts: 1 });
  });
});

describe('FileAccess', () => {
  it("uses flytekit's random layout <raw prefix>/<32 hex>/<name>", () => {
    const access = new FileAccess({ rawOutputPrefix: 's3://b/data/5t/a-n0-0/', localDirectory: temporary() });
    expect(access.randomRemotePath('/tmp/work/report.csv')).toMatch(
      /^s3:\/\/b\/data\/5t\/a-n0-0\/[0-9a-f]{32}\/report\.csv$/,
    );
    expect(access.randomRemotePath()).toMatch(/^s3:\/\/b\/data\/5t\/a-n0-0\/[0-9a-f]{32}\/[0-9a-f]{32}$/);
    expect(access.randomRemoteDirectory()).toMatch(/^s3:\/\/b\/data\/5t\/a-n0-0\/[0-9a-f]{32}$/);
  });

  it('routes by scheme, uploads and downloads whole directories, and rejects unknown schemes', async () => {
    const bucket = inMemoryBucket();
    const local = temporary();
    const access = new FileAccess({
      rawOutputPrefix: 's3://b/raw',
      localDirectory: local,
      adapters: { s3: new BucketStorage(async () => bucket) },
    });
    mkdirSync(join(local, 'tree', 'nested'), { recursive: true });
    writeFileSync(join(local, 'tree', 'a.txt'), 'A');
    writeFileSync(join(local, 'tree', 'nested', 'b.txt'), 'B');
    await access.uploadDirectory(join(local, 'tree'), 's3://b/raw/dir');
    expect([...bucket.objects.keys()].sort()).toEqual(['b/raw/dir/a.txt', 'b/raw/dir/nested/b.txt']);
    await access.downloadDirectory('s3://b/raw/dir', join(local, 'back'));
    expect(readFileSync(join(local, 'back', 'nested', 'b.txt'), 'utf8')).toBe('B');
    await access.write(`${local}/plain.txt`, 'plain');
    expect(readFileSync(join(local, 'plain.txt'), 'utf8')).toBe('plain');
    expect(() => access.adapterFor('abfs://container/x')).toThrow(
      'Unsupported storage scheme abfs:// in abfs://container/x; supported: file://, s3://, gs:// and local paths',
    );
  });

  it('reports a missing optional cloud SDK as a clear error (gs:// without @google-cloud/storage)', async () => {
    const access = new FileAccess({ rawOutputPrefix: '/tmp', localDirectory: temporary() });
    const error = await access.read('gs://bucket/key').catch((caught) => caught);
    expect(StorageError.isInstance(error)).toBe(true);
    expect(error.message).toContain('gs:// URIs need the optional peer dependency @google-cloud/storage');
  });
});
