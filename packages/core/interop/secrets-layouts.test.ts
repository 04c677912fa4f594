import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SecretsManager } from '../src/secrets/secrets-manager';
import { runOracleScript } from './oracle-python';

/** One secret layout: files under the case's secrets directory, the environment and the lookup. */
interface Layout {
  title: string;
  /** Relative paths under `<case>/secrets` (may use `../`) → content. */
  files?: Record<string, string | number[]>;
  directories?: string[];
  symlinks?: Record<string, string>;
  environment?: Record<string, string>;
  lookup: { group?: string; key?: string; groupVersion?: string };
  local?: boolean;
}

const text = (value: string) => value;
const gk = { group: 'g', key: 'k' };
// An absolute key is lower-cased by flytekit before use: keep this directory's name lower-case.
const absoluteRoot = join('/tmp', `tasklens-secret-abs-${process.pid}`);

const layouts: Layout[] = [
  { title: 'LF at the end', files: { 'g/k': text('abc\n') }, lookup: gk },
  { title: 'CRLF at the end', files: { 'g/k': text('abc\r\n') }, lookup: gk },
  { title: 'CRLF inside', files: { 'g/k': text('a\r\nb\r\n') }, lookup: gk },
  { title: 'lone CR inside', files: { 'g/k': text('a\rb') }, lookup: gk },
  { title: 'lone CR at the end', files: { 'g/k': text('abc\r') }, lookup: gk },
  { title: 'mixed line endings', files: { 'g/k': text('a\r\r\nb\n\rc') }, lookup: gk },
  { title: 'spaces and tabs', files: { 'g/k': text(' \t abc \t ') }, lookup: gk },
  { title: 'vertical tab and form feed', files: { 'g/k': text('\v\fabc\v\f') }, lookup: gk },
  { title: 'file/group/record/unit separators', files: { 'g/k': text('\x1c\x1dabc\x1e\x1f') }, lookup: gk },
  { title: 'NEL U+0085', files: { 'g/k': text('\u0085abc\u0085') }, lookup: gk },
  { title: 'no-break space', files: { 'g/k': text('\u00a0abc\u00a0') }, lookup: gk },
  { title: 'ideographic space', files: { 'g/k': text('\u3000abc\u3000') }, lookup: gk },
  { title: 'em and thin spaces', files: { 'g/k': text('\u2003abc\u2009') }, lookup: gk },
  { title: 'line and paragraph separators', files: { 'g/k': text('\u2028abc\u2029') }, lookup: gk },
  { title: 'zero-width space is kept', files: { 'g/k': text('\u200babc\u200b') }, lookup: gk },
  { title: 'UTF-8 BOM is kept', files: { 'g/k': text('\ufeffabc') }, lookup: gk },
  { title: 'BOM and newline', files: { 'g/k': text('\ufeffabc\n') }, lookup: gk },
  { title: 'non-ASCII value', files: { 'g/k': text('pässwörd✓😀\n') }, lookup: gk },
  { title: 'NUL inside and at the end', files: { 'g/k': text('a\x00b\x00') }, lookup: gk },
  { title: 'empty file', files: { 'g/k': text('') }, lookup: gk },
  { title: 'whitespace only', files: { 'g/k': text(' \n\t\r\n ') }, lookup: gk },
  { title: 'invalid start byte', files: { 'g/k': [0xff, 0x61] }, lookup: gk },
  { title: 'invalid continuation byte', files: { 'g/k': [0x61, 0xe2, 0x28, 0xa1] }, lookup: gk },
  { title: 'invalid third byte', files: { 'g/k': [0xe2, 0x82, 0x28] }, lookup: gk },
  { title: 'truncated at the end (two bytes)', files: { 'g/k': [0x61, 0xe2, 0x82] }, lookup: gk },
  { title: 'truncated at the end (one byte)', files: { 'g/k': [0x61, 0xc3] }, lookup: gk },
  { title: 'overlong encoding', files: { 'g/k': [0xc0, 0xaf] }, lookup: gk },
  { title: 'encoded surrogate', files: { 'g/k': [0xed, 0xa0, 0x80] }, lookup: gk },
  { title: 'Latin-1 é', files: { 'g/k': [0x63, 0x61, 0x66, 0xe9] }, lookup: gk },
  { title: 'UTF-16LE with BOM', files: { 'g/k': [0xff, 0xfe, 0x61, 0x00] }, lookup: gk },
  {
    title: 'upper-case names map to lower-case files',
    files: { 'mygroup/mykey': 'x' },
    lookup: { group: 'MyGroup', key: 'MyKey' },
  },
  {
    title: 'group version directory',
    files: { 'g/v2/k': 'versioned' },
    lookup: { ...gk, groupVersion: 'V2' },
  },
  {
    title: 'file prefix',
    files: { 'g/pre-k': 'prefixed' },
    environment: { FLYTE_SECRETS_FILE_PREFIX: 'pre-' },
    lookup: gk,
  },
  { title: 'key only', files: { solo: 'alone' }, lookup: { key: 'solo' } },
  { title: 'group only', files: { grp: 'group-file' }, lookup: { group: 'grp' } },
  { title: '.. as the group', files: { '../outside': 'escaped' }, lookup: { group: '..', key: 'outside' } },
  {
    title: '../ inside the key',
    files: { 'g/../sibling': 'sibling' },
    lookup: { group: 'g', key: '../sibling' },
  },
  { title: 'absolute key', lookup: { group: 'g', key: `${absoluteRoot}/abs-secret` } },
  { title: 'a directory where the file should be', directories: ['g/k'], lookup: gk },
  {
    title: 'symlinked file (Kubernetes ..data layout)',
    files: { 'g/..data/k': 'linked\n' },
    symlinks: { 'g/k': '..data/k' },
    lookup: gk,
  },
  { title: 'missing file', lookup: gk },
  { title: 'missing file with version', lookup: { ...gk, groupVersion: 'v1' } },
  { title: 'missing group and key, nothing in env', lookup: {} },
  { title: 'no parts but the bare prefix env var', environment: { _FSEC_: 'prefix-only' }, lookup: {} },
  { title: 'env value with CRLF', environment: { _FSEC_G_K: 'v\r\n' }, lookup: gk },
  { title: 'env value with separators', environment: { _FSEC_G_K: '\x1cv\x1f' }, lookup: gk },
  { title: 'env value with BOM', environment: { _FSEC_G_K: '\ufeffv' }, lookup: gk },
  { title: 'env value with NEL and NBSP', environment: { _FSEC_G_K: '\u0085v\u00a0' }, lookup: gk },
  { title: 'env wins over file', files: { 'g/k': 'file' }, environment: { _FSEC_G_K: 'env' }, lookup: gk },
  { title: 'local run reads the bare env var', environment: { G_K: ' bare ' }, lookup: gk, local: true },
];

const root = mkdtempSync(join(tmpdir(), 'secret-layouts-'));
mkdirSync(absoluteRoot, { recursive: true });
writeFileSync(join(absoluteRoot, 'abs-secret'), 'absolute\n');
afterAll(() => rmSync(absoluteRoot, { recursive: true, force: true }));

const cases = layouts.map((layout, index) => {
  const secrets = join(root, `case-${index}`, 'secrets');
  mkdirSync(secrets, { recursive: true });
  for (const directory of layout.directories ?? []) mkdirSync(join(secrets, directory), { recursive: true });
  for (const [path, content] of Object.entries(layout.files ?? {})) {
    mkdirSync(dirname(join(secrets, path)), { recursive: true });
    writeFileSync(join(secrets, path), typeof content === 'string' ? content : new Uint8Array(content));
  }
  for (const [path, target] of Object.entries(layout.symlinks ?? {}))
    symlinkSync(target, join(secrets, path));
  return {
    title: layout.title,
    local: layout.local ?? false,
    environment: { FLYTE_SECRETS_DEFAULT_DIR: secrets, ...layout.environment },
    lookup: layout.lookup,
  };
});

describe("secret layouts read exactly as flytekit's SecretsManager reads them", () => {
  const python = runOracleScript<{ value?: string; error?: string; type?: string }[]>(
    'secrets_oracle.py',
    cases,
  );

  it('covers at least 40 layouts', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((secretCase, index) => [secretCase.title, index] as const))('%s', (_title, index) => {
    const secretCase = cases[index]!;
    const expected = python[index]!;
    const manager = new SecretsManager({ environment: secretCase.environment, isLocal: secretCase.local });
    let ours: { value?: string; error?: string };
    try {
      ours = { value: manager.get(secretCase.lookup) };
    } catch (error) {
      ours = { error: (error as Error).message };
    }
    if (expected.value !== undefined) {
      expect(ours).toEqual({ value: expected.value });
    } else {
      // Our typed errors carry Python's message, sometimes with context before it.
      expect(ours.error, `flytekit raised ${expected.type}: ${expected.error}`).toContain(expected.error);
    }
  });
});
