import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileAccess } from './file-access';
import { LocalStorage } from './local-storage';

describe('local outputs', () => {
  it('uploads a directory holding a symlink to a directory (its files), and survives a link cycle', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tasklens-links-'));
    const outside = join(root, 'shared');
    mkdirSync(join(outside, 'deep'), { recursive: true });
    writeFileSync(join(outside, 'deep', 'x.txt'), 'X');
    const output = join(root, 'output');
    mkdirSync(output);
    writeFileSync(join(output, 'a.txt'), 'A');
    symlinkSync(outside, join(output, 'linked'));
    symlinkSync(output, join(output, 'loop'));
    expect(await new LocalStorage().list(output)).toEqual(['a.txt', 'linked/deep/x.txt']);
    const access = new FileAccess({ rawOutputPrefix: `file://${root}/raw`, localDirectory: root });
    await access.uploadDirectory(output, `file://${root}/uploaded`);
    expect(readFileSync(join(root, 'uploaded', 'linked', 'deep', 'x.txt'), 'utf8')).toBe('X');
  });

  it('replaces files atomically (new file renamed over the old): a reader of the old file keeps it whole', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tasklens-atomic-'));
    const storage = new LocalStorage();
    const path = join(root, 'out', 'outputs.pb');
    await storage.write(`file://${path}`, new Uint8Array([1, 2, 3]));
    // A hard link stands for a reader that opened the old file: an in-place rewrite would change it.
    linkSync(path, join(root, 'reader'));
    await storage.write(`file://${path}`, new Uint8Array([4, 5]));
    await storage.uploadFile(join(root, 'reader'), `file://${join(root, 'out', 'copy.pb')}`);
    expect([...readFileSync(path)]).toEqual([4, 5]);
    expect([...readFileSync(join(root, 'reader'))]).toEqual([1, 2, 3]);
    expect(readdirSync(join(root, 'out')).sort()).toEqual(['copy.pb', 'outputs.pb']);
  });
});
