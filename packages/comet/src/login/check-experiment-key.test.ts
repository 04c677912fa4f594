import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { checkExperimentKey, isValidExperimentKey, repairDerivedExperimentKey } from './check-experiment-key';

describe('experiment key validation', () => {
  it('accepts ASCII letters and digits, 32 to 50 characters', () => {
    expect(isValidExperimentKey('a'.repeat(32))).toBe(true);
    expect(isValidExperimentKey('A1'.repeat(25))).toBe(true);
    expect(isValidExperimentKey('a'.repeat(31))).toBe(false);
    expect(isValidExperimentKey('a'.repeat(51))).toBe(false);
    expect(isValidExperimentKey(`${'a'.repeat(31)}_`)).toBe(false);
    expect(isValidExperimentKey(`${'a'.repeat(31)}é`)).toBe(false);
  });

  it('throws InvalidOptionError naming the option and the problem for a key Comet refuses', () => {
    let caught: unknown;
    try {
      checkExperimentKey('my-previous-experiment-key', 'cometMlLogin.experimentKey');
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionError).option).toBe('cometMlLogin.experimentKey');
    expect((caught as Error).message).toMatch(/characters other than .*"-".* shorter than 32/);
  });

  it('returns a valid key unchanged', () => {
    expect(checkExperimentKey('a423423423afasf4jiglfasj43210e99c96cc72')).toBe(
      'a423423423afasf4jiglfasj43210e99c96cc72',
    );
  });
});

describe('repair of derived keys Comet would refuse', () => {
  it('keeps every key flytekit derives from a Flyte pod name exactly', () => {
    expect(repairDerivedExperimentKey('ff59abade1e7f4758baf-n0-0', 'flytekit', 'my-ws')).toBe(
      'ff59abade1e7f4758bafn00f696e1935a',
    );
    expect(repairDerivedExperimentKey('a423423423afasf4jigl-fasj4321-0', 'abc', 'my-workspace')).toBe(
      'a423423423afasf4jiglfasj43210e99c96cc72',
    );
  });

  it('lengthens the HOSTNAME-less fallback to 32 with more SHAKE-256 output after flytekit key', () => {
    const repaired = repairDerivedExperimentKey('ff59abade1e7f4758baf', 'flytekit', 'my-ws');
    expect(repaired).toHaveLength(32);
    expect(repaired.startsWith('ff59abade1e7f4758baff696e1935a')).toBe(true);
    expect(isValidExperimentKey(repaired)).toBe(true);
  });

  it('drops underscores and non-ASCII letters, and cuts a hostname too long for 50', () => {
    const underscores = repairDerivedExperimentKey('my_execution_id', 'abc', 'my-workspace');
    expect(underscores.startsWith('myexecutionide99c96cc72')).toBe(true);
    expect(isValidExperimentKey(underscores)).toBe(true);
    const unicode = repairDerivedExperimentKey('a-b', 'projé', 'wß');
    expect(unicode.startsWith('ab9aacbae9ca')).toBe(true);
    expect(isValidExperimentKey(unicode)).toBe(true);
    const long = repairDerivedExperimentKey('x'.repeat(60), 'abc', 'my-workspace');
    expect(long).toBe(`${'x'.repeat(40)}e99c96cc72`);
  });
});
