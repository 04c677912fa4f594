import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BucketStorage } from './bucket-storage';
import { createGcsOperations } from './gcs-operations';

/** A stand-in for @google-cloud/storage's Storage class, recording what the adapter calls. */
function fakeGcsModule() {
  const objects = new Map<string, { data: Buffer; contentType?: string | undefined }>();
  const file = (bucket: string, name: string) => ({
    name,
    async download(options?: { destination?: string }): Promise<[Buffer]> {
      const object = objects.get(`${bucket}/${name}`);
      if (object === undefined) throw Object.assign(new Error('No such object'), { code: 404 });
      if (options?.destination) writeFileSync(options.destination, object.data);
      return [object.data];
    },
    async save(data: Uint8Array, options?: { contentType?: string }) {
      objects.set(`${bucket}/${name}`, { data: Buffer.from(data), contentType: options?.contentType });
    },
    async exists(): Promise<[boolean]> {
      return [objects.has(`${bucket}/${name}`)];
    },
  });
  class Storage {
    bucket(bucket: string) {
      return {
        file: (name: string) => file(bucket, name),
        async upload(localPath: string, options: { destination: string; contentType?: string }) {
          objects.set(`${bucket}/${options.destination}`, {
            data: readFileSync(localPath),
            contentType: options.contentType,
          });
        },
        async getFiles(options: { prefix: string }) {
          const names = [...objects.keys()]
            .filter((key) => key.startsWith(`${bucket}/${options.prefix}`))
            .map((key) => key.slice(bucket.length + 1));
          return [names.map((name) => file(bucket, name))] as [ReturnType<typeof file>[]];
        },
      };
    }
  }
  return { objects, module: { Storage } };
}

describe('gs:// storage over @google-cloud/storage (fake module)', () => {
  it('maps reads, writes with content type, uploads, downloads and listing onto bucket + object name', async () => {
    const fake = fakeGcsModule();
    const storage = new BucketStorage(() => createGcsOperations(async () => fake.module));
    await storage.write('gs://b/out/deck.html', new TextEncoder().encode('<p>'), {
      contentType: 'text/html',
    });
    expect(fake.objects.get('b/out/deck.html')?.contentType).toBe('text/html');
    expect(new TextDecoder().decode(await storage.read('gs://b/out/deck.html'))).toBe('<p>');
    expect(await storage.exists('gs://b/out/none')).toBe(false);

    const root = mkdtempSync(join(tmpdir(), 'tasklens-gcs-'));
    writeFileSync(join(root, 'f.txt'), 'F');
    await storage.uploadFile(join(root, 'f.txt'), 'gs://b/raw/abc/f.txt');
    await storage.downloadFile('gs://b/raw/abc/f.txt', join(root, 'copy', 'f.txt'));
    expect(readFileSync(join(root, 'copy', 'f.txt'), 'utf8')).toBe('F');
    expect(await storage.list('gs://b/raw')).toEqual(['abc/f.txt']);
    await expect(storage.read('gs://b/missing')).rejects.toThrow(
      'Cannot read gs://b/missing: No such object',
    );
  });
});
