import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readOfflineArchive } from '@tasklens/comet';
import { describe, expect, it, vi } from 'vitest';
import { cometOfflineDirectory, evaluate } from './evaluate-task';

describe('demo evaluate task', () => {
  it('logs its learning curve to a Comet offline archive and prints the comet upload command', async () => {
    // The offline sink names the archive and the command once, through the comet logger (stderr).
    const print = vi.spyOn(process.stdout, 'write');
    const printError = vi.spyOn(process.stderr, 'write');
    const { bestRmse } = await evaluate({ rows: 1_000, seed: 3 });
    expect(bestRmse).toBeGreaterThan(5_000);
    const command = [...print.mock.calls, ...printError.mock.calls]
      .map((call) => String(call[0]))
      .find((text) => text.includes('comet upload'));
    print.mockRestore();
    printError.mockRestore();
    const archive = /comet upload (\S+\.zip)/.exec(command ?? '')![1]!;
    expect(existsSync(archive)).toBe(true);
    expect(readdirSync(cometOfflineDirectory)).toContain(archive.split('/').at(-1));
    const content = readOfflineArchive(archive);
    expect(content.messages.filter((message) => message.type === 'metric_msg')).toHaveLength(20);
    expect(content.experiment).toMatchObject({ project_name: 'tasklens-demo', workspace: 'tasklens' });
    expect(join(cometOfflineDirectory, `${content.experiment.offline_id}.zip`)).toBe(archive);
  });
});
