import { describe, expect, it } from 'vitest';
import { deriveExperimentKey, experimentKeySuffix } from './experiment-key';

describe('experiment key suffix — flytekit-plugins §8.1', () => {
  it.each([
    ['abc', 'my_workspace', 'cd9c4f88b7'],
    ['abc', 'my-workspace', 'e99c96cc72'],
    ['my_project', 'my_workspace', 'eb156fcaf5'],
    ['xyz', 'another-workspace', 'e421d0c9c9'],
    ['flytekit', 'my-ws', 'f696e1935a'],
    ['projé', 'wß', '9aacbae9ca'],
    ['', '', '74d1051cf4'],
  ])('SHAKE-256("%s-%s") gives %s', (project, workspace, suffix) => {
    expect(experimentKeySuffix(project, workspace)).toBe(suffix);
  });

  it('extends to longer suffixes that start with the 10-character one', () => {
    const long = experimentKeySuffix('abc', 'my_workspace', 21);
    expect(long).toHaveLength(21);
    expect(long.startsWith('cd9c4f88b7')).toBe(true);
  });
});

describe('experiment key derivation — flytekit-plugins §8.2', () => {
  it.each([
    ['a423423423afasf4jigl-fasj4321-0', 'abc', 'my-workspace', 'a423423423afasf4jiglfasj43210e99c96cc72', 39],
    [
      'a423423423afasf4jigl-fasj4321-0',
      'my_project',
      'my_workspace',
      'a423423423afasf4jiglfasj43210eb156fcaf5',
      39,
    ],
    ['ff59abade1e7f4758baf-n0-0', 'flytekit', 'my-ws', 'ff59abade1e7f4758bafn00f696e1935a', 33],
    [
      'ff59abade1e7f4758baf-n0-0-worker-0',
      'flytekit',
      'my-ws',
      'ff59abade1e7f4758bafn00worker0f696e1935a',
      40,
    ],
    ['ff59abade1e7f4758baf', 'flytekit', 'my-ws', 'ff59abade1e7f4758baff696e1935a', 30],
    ['my_execution_id', 'abc', 'my-workspace', 'my_execution_ide99c96cc72', 25],
    ['a-b', 'projé', 'wß', 'ab9aacbae9ca', 12],
  ])('%s with %s/%s gives %s', (hostname, project, workspace, key, length) => {
    const derived = deriveExperimentKey(hostname, project, workspace);
    expect(derived).toBe(key);
    expect(derived).toHaveLength(length);
  });
});
