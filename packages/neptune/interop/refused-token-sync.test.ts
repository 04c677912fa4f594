import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setLogSink } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { oracleCommand } from '../../../test-support/oracle-python';
import { runProcess as run } from '../../../test-support/run-process';
import { initRun, listOfflineRuns } from '../src/index';
import { encodeApiToken } from '../src/legacy/api-token';
import { legacySyncCommand } from '../src/legacy/sync-command';
import { LegacyTestServer } from '../src/testing/index';

let server: LegacyTestServer | undefined;
afterEach(async () => {
  setLogSink(undefined);
  await server?.close();
  server = undefined;
});

describe('an online legacy run whose token the server refuses after the start', () => {
  it('is the provisional offline run, which the real `neptune sync` uploads with a good token: every value arrives', async () => {
    server = await LegacyTestServer.start({ apiKey: 'the-right-key' });
    setLogSink(() => {});
    const directory = mkdtempSync(join(tmpdir(), 'neptune-refused-sync-'));
    const ours = await initRun({
      project: 'tasklens/interop',
      apiToken: encodeApiToken(server.url, 'a-wrong-key'),
      name: 'refused',
      dataDirectory: directory,
      environment: {},
    });
    ours.assign('parameters', { lr: 0.01 });
    for (let step = 0; step < 500; step++) ours.log('train/loss', 1 / (step + 1), { step });
    expect(await ours.ready()).toBe(false);
    const result = await ours.stop();
    expect(result.outcome).toBe('offline');
    expect(listOfflineRuns(join(directory, '.neptune'), 'offline')).toEqual([result.directory]);
    expect(server.runs.size).toBe(0);

    const command = legacySyncCommand(ours)!;
    expect(command).toBe(`neptune sync --path ${directory} --project tasklens/interop --object ${ours.id}`);
    const synced = await run(oracleCommand('neptune'), command.split(' ').slice(1), {
      cwd: directory,
      env: {
        NEPTUNE_API_TOKEN: server.apiToken,
        OAUTHLIB_INSECURE_TRANSPORT: '1',
        HOME: mkdtempSync(join(tmpdir(), 'neptune-home-')),
      },
    });
    expect(synced.code, synced.stdout + synced.stderr).toBe(0);
    expect(server.runs.size).toBe(1);
    const [recorded] = [...server.runs.values()];
    expect(recorded!.values.get('sys/name')).toBe('refused');
    expect(recorded!.values.get('parameters/lr')).toBe(0.01);
    expect(recorded!.series.get('train/loss')!.map((point) => point.step)).toEqual([...Array(500).keys()]);
  });
});
