import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastJson, oracle, type ParsedError, tasklensExecute } from './fixtures/execute-harness';
import { type MinioServer, startMinio } from './fixtures/minio-server';

const bucket = 'tasklens-interop';

/** The same round trip as with file://, against a real S3-compatible server (MinIO) on 127.0.0.1. */
describe('tasklens execute with s3:// prefixes on MinIO (flytekit 1.16.31 oracle)', () => {
  let minio: MinioServer;
  let client: S3Client;

  beforeAll(async () => {
    minio = await startMinio();
    client = new S3Client({
      endpoint: minio.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: minio.accessKeyId, secretAccessKey: minio.secretAccessKey },
    });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  });

  afterAll(async () => {
    client?.destroy();
    await minio?.stop();
  });

  it('Python inputs in S3 → tasklens execute → outputs in S3 that flytekit reads, deck.html as text/html', async () => {
    const work = mkdtempSync(join(tmpdir(), 'tasklens-s3-'));
    const run = `s3://${bucket}/metadata/propeller/p-d-a1/n0/data`;
    await oracle('write-inputs', [work, `${run}/inputs.pb`, `s3://${bucket}/python-raw`], minio.environment);
    const rawPrefix = `s3://${bucket}/data/5t/a1-n0-0`;
    const result = await tasklensExecute(
      { inputs: `${run}/inputs.pb`, outputPrefix: `${run}/0`, rawPrefix, task: 'everything' },
      minio.environment,
    );
    expect(result.code, result.stderr).toBe(0);

    const outputs = lastJson<Record<string, any>>(
      await oracle('read-outputs', [`${run}/0/outputs.pb`], minio.environment),
    );
    expect(outputs).toMatchObject({
      count: 42,
      label: 'héllo!',
      settings: { seenBy: 'typescript', tags: ['p', 'q'] },
      report: { file: 'rows=41\n' },
      folder: { directory: { 'a.txt': 'A', 'sub/b.txt': 'B' } },
      datasetText: 'a,b\n1,2\n',
      folderText: 'from python directory',
      profileText: 'binary-profile',
    });
    expect(outputs.report.uri).toMatch(new RegExp(`^${rawPrefix}/[0-9a-f]{32}/report\\.txt$`));
    expect(outputs.folder.uri).toMatch(new RegExp(`^${rawPrefix}/[0-9a-f]{32}$`));

    const deck = await client.send(
      new HeadObjectCommand({ Bucket: bucket, Key: 'metadata/propeller/p-d-a1/n0/data/0/deck.html' }),
    );
    expect(deck.ContentType).toBe('text/html');
  });

  it('a throwing task leaves an error.pb in S3 that flytekit parses, and no outputs.pb', async () => {
    const run = `s3://${bucket}/metadata/propeller/p-d-a2/n0/data`;
    await oracle(
      'write-literal-map',
      [`${run}/inputs.pb`, JSON.stringify({ reason: 'in s3' })],
      minio.environment,
    );
    const result = await tasklensExecute(
      {
        inputs: `${run}/inputs.pb`,
        outputPrefix: `${run}/0`,
        rawPrefix: `s3://${bucket}/data/aa/a2-n0-0`,
        task: 'explode',
      },
      minio.environment,
    );
    expect(result.code, result.stderr).toBe(0);
    const error = lastJson<ParsedError>(await oracle('read-error', [`${run}/0/error.pb`], minio.environment));
    expect(error).toMatchObject({ code: 'USER:RuntimeError', kind: 'NON_RECOVERABLE', origin: 'USER' });
    expect(error.message).toContain('exploded: in s3');
    await expect(
      client.send(
        new HeadObjectCommand({ Bucket: bucket, Key: 'metadata/propeller/p-d-a2/n0/data/0/outputs.pb' }),
      ),
    ).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('wrong credentials → recoverable SYSTEM error (written to a reachable output prefix)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'tasklens-s3-'));
    const result = await tasklensExecute(
      {
        inputs: `s3://${bucket}/metadata/propeller/p-d-a1/n0/data/inputs.pb`,
        outputPrefix: `file://${work}/out`,
        rawPrefix: `file://${work}/raw`,
        task: 'everything',
      },
      { ...minio.environment, FLYTE_AWS_SECRET_ACCESS_KEY: 'not-the-secret', FLYTE_AWS_RETRIES: '0' },
    );
    expect(result.code, result.stderr).toBe(0);
    const error = lastJson<ParsedError>(await oracle('read-error', [`file://${work}/out/error.pb`]));
    expect(error).toMatchObject({ code: 'SYSTEM', kind: 'RECOVERABLE', origin: 'SYSTEM' });
    expect(error.message).toContain(`Cannot read s3://${bucket}/metadata/propeller/p-d-a1/n0/data/inputs.pb`);
    expect(error.message).not.toContain('not-the-secret');
  });
});
