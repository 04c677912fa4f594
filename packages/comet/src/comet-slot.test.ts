import { globalSlot } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { runningExperiments } from './experiment/current-experiment';
import { login, loginSession, resetLogin } from './settings/login-session';
import { VERSION } from './version';

const otherCopy = (version: string) => ({ packageName: '@tasklens/comet', version });
const [major, minor] = VERSION.split('.');

afterEach(() => resetLogin());

describe('comet process-wide state', () => {
  it('is shared with another copy of the same major and kept apart from another major', () => {
    login({ workspace: 'shared-workspace' });
    const experiments = runningExperiments();
    const sameLine = otherCopy(`${major}.${minor}.99`);
    expect(globalSlot(sameLine, 'loginSession').get()).toBe(loginSession());
    expect(globalSlot(sameLine, 'runningExperiments').get()).toBe(experiments);
    expect(globalSlot(otherCopy('999.0.0'), 'loginSession').get()).toBeUndefined();
    expect(globalSlot(otherCopy('999.0.0'), 'runningExperiments').get()).toBeUndefined();
  });

  it('resetLogin empties the shared session', () => {
    login({ workspace: 'w' });
    resetLogin();
    expect(loginSession()).toEqual({});
  });
});
