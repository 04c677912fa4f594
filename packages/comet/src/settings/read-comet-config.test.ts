import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCometConfig } from './read-comet-config';

const scratch = () => mkdtempSync(join(tmpdir(), 'comet-config-'));

describe('.comet.config files, read as the Python SDK reads them', () => {
  it('merges ~/.comet.config under ./.comet.config under COMET_CONFIG, [comet] section only', () => {
    const home = scratch();
    const working = scratch();
    const custom = scratch();
    writeFileSync(
      join(home, '.comet.config'),
      '[comet]\napi_key = from-home\nworkspace = home-ws\nproject_name = home-project\n[other]\nworkspace = ignored\n',
    );
    writeFileSync(join(working, '.comet.config'), '# comment\n[comet]\nworkspace = working-ws\n; another\n');
    writeFileSync(join(custom, '.comet.config'), '[COMET]\nProject_Name = custom-project\n');
    expect(readCometConfig({ HOME: home }, working)).toEqual({
      api_key: 'from-home',
      workspace: 'working-ws',
      project_name: 'home-project',
    });
    // COMET_CONFIG may name a directory holding the file, or the file itself (relative to the working directory).
    expect(readCometConfig({ HOME: home, COMET_CONFIG: custom }, working).project_name).toBe(
      'custom-project',
    );
    mkdirSync(join(working, 'conf'));
    writeFileSync(join(working, 'conf', 'comet.ini'), '[comet]\nproject_name = file-project\n');
    expect(readCometConfig({ HOME: home, COMET_CONFIG: 'conf/comet.ini' }, working).project_name).toBe(
      'file-project',
    );
  });

  it('is empty when no file exists, with or without a trailing separator in HOME', () => {
    const home = scratch();
    expect(readCometConfig({ HOME: home }, scratch())).toEqual({});
    writeFileSync(join(home, '.comet.config'), '[comet]\noffline = true\n');
    expect(readCometConfig({ HOME: `${home}/` }, scratch())).toEqual({ offline: 'true' });
  });
});
