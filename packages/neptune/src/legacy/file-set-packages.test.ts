import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTarGz } from '../testing/read-tar-gz';
import { expandFileGlobs } from './expand-file-globs';
import { fileSetEntries, fileSetPackages } from './file-set-packages';
import { tarGzArchive } from './tar-gz-archive';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'neptune-fileset-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('file-set globs (Python glob.glob, recursive)', () => {
  it('expands *, ?, [..], [!..] and ** like Python, skipping hidden names unless the pattern starts with .', () => {
    const root = tree({
      'a.csv': '1',
      'b.csv': '2',
      'c.txt': '3',
      '.hidden.csv': '4',
      'sub/d.csv': '5',
      'sub/deeper/e.csv': '6',
      'sub/.secret/f.csv': '7',
    });
    const names = (glob: string) =>
      expandFileGlobs([join(root, glob)]).map((path) => path.slice(root.length + 1));
    expect(names('*.csv')).toEqual(['a.csv', 'b.csv']);
    expect(names('?.txt')).toEqual(['c.txt']);
    expect(names('[ab].csv')).toEqual(['a.csv', 'b.csv']);
    expect(names('[!a].csv')).toEqual(['b.csv']);
    expect(names('.*.csv')).toEqual(['.hidden.csv']);
    expect(names('**/*.csv')).toEqual(['a.csv', 'b.csv', 'sub/d.csv', 'sub/deeper/e.csv']);
    expect(names('sub/**')).toEqual(['sub', 'sub/d.csv', 'sub/deeper', 'sub/deeper/e.csv']);
    expect(names('missing/*.csv')).toEqual([]);
    expect(names('c.txt')).toEqual(['c.txt']);
    expect(names('nothing.txt')).toEqual([]);
  });
});

describe('file-set entries and packages (neptune 1.x get_unique_upload_entries, split_upload_files)', () => {
  it('names files relative to their common directory; a directory adds every file below it, its own files as ./name', () => {
    const root = tree({ 'data/a.csv': 'a', 'data/sub/b.csv': 'b', 'data/.hidden': 'h', 'other.txt': 'o' });
    const elsewhere = mkdtempSync(join(tmpdir(), 'neptune-cwd-'));
    const targets = (globs: string[]) => fileSetEntries(globs, elsewhere).map((entry) => entry.target);
    expect(targets([join(root, 'data')])).toEqual(['./.hidden', './a.csv', 'sub/b.csv']);
    expect(targets([join(root, 'data', '*.csv'), join(root, 'other.txt')])).toEqual([
      'data/a.csv',
      'other.txt',
    ]);
    expect(targets([join(root, 'other.txt')])).toEqual(['other.txt']);
    expect(targets([join(root, 'nothing', '*')])).toEqual([]);
  });

  it('names files relative to the working directory when their common directory lies inside it', () => {
    const root = tree({ 'runs/1/a.csv': 'a', 'runs/1/b.csv': 'b' });
    const entries = fileSetEntries([join(root, 'runs', '1', '*.csv')], root);
    expect(entries.map((entry) => entry.target)).toEqual(['runs/1/a.csv', 'runs/1/b.csv']);
  });

  it('packs consecutive files up to 5 MiB and 501 files; a bigger file goes alone; nothing makes one empty package', () => {
    const megabyte = 1024 * 1024;
    const entry = (target: string, size: number) => ({ source: target, target, size });
    const sizes = fileSetPackages([
      entry('a', 3 * megabyte),
      entry('b', 2 * megabyte),
      entry('c', 1),
      entry('d', 6 * megabyte),
      entry('e', 1),
    ]).map((files) => files.map((file) => file.target).join(''));
    expect(sizes).toEqual(['ab', 'c', 'd', 'e']);
    const many = Array.from({ length: 1200 }, (_, index) => entry(String(index), 1));
    expect(fileSetPackages(many).map((files) => files.length)).toEqual([501, 501, 198]);
    expect(fileSetPackages([])).toEqual([[]]);
  });
});

describe('file-set tar.gz packages', () => {
  it('round-trips names (long and non-ASCII ones in pax headers) and bytes', () => {
    const long = `${'deep/'.repeat(30)}file.bin`;
    const root = tree({ 'x.txt': 'plain', 'ü.txt': 'umlaut' });
    const big = join(root, 'big.bin');
    writeFileSync(big, Buffer.alloc(70_000, 7));
    const archive = tarGzArchive([
      { source: join(root, 'x.txt'), target: 'x.txt', size: 5 },
      { source: join(root, 'ü.txt'), target: 'dir/ü.txt', size: 7 },
      { source: big, target: long, size: 70_000 },
    ]);
    const files = readTarGz(archive);
    expect([...files.keys()]).toEqual(['x.txt', 'dir/ü.txt', long]);
    expect(files.get('x.txt')?.toString()).toBe('plain');
    expect(files.get('dir/ü.txt')?.toString()).toBe('umlaut');
    expect(files.get(long)?.equals(Buffer.alloc(70_000, 7))).toBe(true);
    expect(readTarGz(tarGzArchive([])).size).toBe(0);
  });
});
