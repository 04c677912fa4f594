import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oracleCommand, oraclePython } from '../../../test-support/oracle-python';
import { runProcess } from '../../../test-support/run-process';
import { init } from '../src/index';
import type { WandbTestServer } from '../src/testing/index';
import { pythonWandbEnvironment } from './python-wandb-environment';
import { serversClosedAfterEach } from './servers-closed-after-each';

/**
 * The run files (`wandb-metadata.json`, `config.yaml`, `requirements.txt`, `wandb-summary.json`
 * and `run.save(path)` files) reach the service the way the Python SDK's do: offline through
 * the real `wandb sync`, online through CreateRunFiles + PUT, side by side with the real SDK.
 */
const apiKey = 'interopkey'.repeat(4);
const startServer = serversClosedAfterEach(apiKey);

/** A directory with the two files each run saves: one `live` (rewritten after saving), one `now`. */
function filesToSave(): { directory: string; live: string; now: string } {
  const directory = mkdtempSync(join(tmpdir(), 'wandb-run-files-'));
  writeFileSync(join(directory, 'checkpoint.txt'), 'epoch 1\n');
  writeFileSync(join(directory, 'notes.txt'), 'saved now\n');
  return { directory, live: join(directory, 'checkpoint.txt'), now: join(directory, 'notes.txt') };
}

const pythonScript = (id: string, mode: 'online' | 'offline') => `
import wandb
run = wandb.init(project="proj", entity="ent", id="${id}", mode="${mode}", config={"lr": 0.1},
                 settings=wandb.Settings(x_disable_stats=True, console="off", disable_git=True, save_code=False))
run.log({"loss": 1.0})
run.save("checkpoint.txt")
run.save("notes.txt", policy="now")
with open("checkpoint.txt", "w") as f:
    f.write("epoch 2\\n")
run.summary["best"] = 2
run.finish()
`;

async function runPython(id: string, mode: 'online' | 'offline', server: WandbTestServer | undefined) {
  const { directory } = filesToSave();
  const result = await runProcess(oraclePython(), ['-c', pythonScript(id, mode)], {
    cwd: directory,
    env: pythonWandbEnvironment(server?.url, apiKey, directory),
  });
  expect(result.code, result.stderr).toBe(0);
  return directory;
}

async function runOurs(id: string, mode: 'online' | 'offline', server: WandbTestServer | undefined) {
  const { directory, live, now } = filesToSave();
  const ours = await init({
    project: 'proj',
    entity: 'ent',
    id,
    mode,
    dir: directory,
    config: { lr: 0.1 },
    ...(server === undefined ? {} : { baseUrl: server.url, apiKey }),
  });
  ours.log({ loss: 1 });
  ours.save(live);
  ours.save(now, 'now');
  writeFileSync(live, 'epoch 2\n');
  ours.summary.best = 2;
  const result = await ours.finish();
  expect(result.outcome).toBe(mode === 'online' ? 'delivered' : 'offline');
  return { run: ours, result };
}

async function syncWithWandbCli(runDirectory: string, server: WandbTestServer): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'wandb-run-files-sync-'));
  const result = await runProcess(oracleCommand('wandb'), ['sync', runDirectory], {
    cwd: home,
    env: pythonWandbEnvironment(server.url, apiKey, home),
  });
  expect(result.code, result.stderr + result.stdout).toBe(0);
}

function uploaded(server: WandbTestServer, runId: string): Map<string, string> {
  const recorded = server.run(runId);
  expect(recorded, `no run ${runId} on the server`).toBeDefined();
  return new Map([...recorded!.uploadedFiles].map(([name, body]) => [name, body.toString('utf8')]));
}

/** Every file a run uploads, with the content it must have. */
function expectRunFiles(files: Map<string, string>, startTime: number, runDirectory: string) {
  const metadata = JSON.parse(files.get('wandb-metadata.json') ?? '{}') as Record<string, unknown>;
  expect(metadata).toMatchObject({
    host: hostname(),
    executable: process.execPath,
    program: process.argv[1],
    root: process.cwd(),
  });
  expect(Math.abs(Date.parse(String(metadata.startedAt)) / 1000 - startTime)).toBeLessThan(1);
  expect(files.get('config.yaml')).toMatch(/^"?lr"?:\n\s+value: 0\.1$/m);
  const requirements = files.get('requirements.txt') ?? '';
  expect(requirements).toMatch(/^vitest==\d+\.\d+\.\d+$/m);
  expect(requirements).toBe(readFileSync(join(runDirectory, 'files', 'requirements.txt'), 'utf8'));
  const summary = JSON.parse(files.get('wandb-summary.json') ?? '{}') as Record<string, unknown>;
  expect(summary).toMatchObject({ best: 2, loss: 1, _step: 0 });
  expect(files.get('checkpoint.txt')).toBe('epoch 2\n');
  expect(files.get('notes.txt')).toBe('saved now\n');
}

describe('run files reach W&B as the Python SDK sends them', () => {
  it('`wandb sync` uploads every run file of our offline run, the same set as of a Python offline run', async () => {
    const { run: ours, result } = await runOurs('ts-files-offline', 'offline', undefined);
    const server = await startServer();
    await syncWithWandbCli(result.directory!, server);
    const files = uploaded(server, 'ts-files-offline');
    expectRunFiles(files, ours.startTime, result.directory!);

    const pythonHome = await runPython('py-files-offline', 'offline', undefined);
    const pythonServer = await startServer();
    await syncWithWandbCli(join(pythonHome, 'wandb', 'latest-run'), pythonServer);
    const pythonFiles = uploaded(pythonServer, 'py-files-offline');
    expect([...files.keys()].sort()).toEqual([...pythonFiles.keys()].sort());
    expect(pythonFiles.get('checkpoint.txt')).toBe(files.get('checkpoint.txt'));
  });

  it('online, the Python SDK and our client upload the same files with the same requests (CreateRunFiles + PUT)', async () => {
    const server = await startServer();
    await runPython('py-files-online', 'online', server);
    const { run: ours, result } = await runOurs('ts-files-online', 'online', server);
    const fileRequests = (runId: string) => {
      const created = server
        .operations('CreateRunFiles')
        .map((request) => (request.body as { variables: { run: string; files: string[] } }).variables)
        .filter((variables) => variables.run === runId)
        .flatMap((variables) => variables.files);
      const puts = server.requests
        .filter((request) => request.method === 'PUT' && request.path.startsWith(`/upload/${runId}/`))
        .map((request) => decodeURIComponent(request.path.slice(`/upload/${runId}/`.length)));
      // Distinct names: the SDK may upload a `live` file more than once (each time it changes,
      // debounced), so how many times depends on timing.
      const distinct = (names: string[]) => [...new Set(names)].sort();
      return { created: distinct(created), puts: distinct(puts) };
    };
    const theirs = fileRequests('py-files-online');
    const mine = fileRequests('ts-files-online');
    expect(theirs.created.length).toBeGreaterThan(0);
    expect(theirs.puts).toEqual(theirs.created);
    expect(mine).toEqual(theirs);
    expect(server.run('py-files-online')!.complete).toBe(true);
    expect(server.run('ts-files-online')!.complete).toBe(true);
    expectRunFiles(uploaded(server, 'ts-files-online'), ours.startTime, result.directory!);
    expect(uploaded(server, 'py-files-online').get('checkpoint.txt')).toBe('epoch 2\n');
  });
});
