import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Deck, Secret, task, types } from '@tasklens/core';
import { ExecutionContext, renderDeckHtml, runInContext, setLogSink } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { wandbRun } from './run/current-run';
import { init } from './run/init-run';
import { WandbTestServer } from './testing';
import { wandbInit } from './wandb-init';

const sentinel = 'SENTINEL_wandb_key_0123456789abcdefghijklmnop';
const servers: WandbTestServer[] = [];
afterEach(async () => {
  setLogSink(undefined);
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function remoteContext(environment: Record<string, string>): ExecutionContext {
  return new ExecutionContext({
    mode: 'task-execution',
    executionId: { project: 'p', domain: 'd', name: 'exec1' },
    taskId: { project: 'p', domain: 'd', name: 't', version: 'v' },
    nodeId: 'n0',
    retryAttempt: 0,
    environment,
    workingDirectory: tmpdir(),
    sandboxDirectory: tmpdir(),
    rawOutputPrefix: tmpdir(),
    enableDeck: true,
    taskName: 't',
  });
}

describe('the API key never leaks', () => {
  it('is absent from logs, errors, decks, config and every file written, online and on fallback', async () => {
    const lines: string[] = [];
    setLogSink((_level, line) => lines.push(line));
    const good = await WandbTestServer.start({ apiKey: sentinel });
    const wrong = await WandbTestServer.start({ apiKey: 'w'.repeat(40) });
    const down = await WandbTestServer.start({ apiKey: sentinel });
    down.goDown(Number.POSITIVE_INFINITY);
    servers.push(good, wrong, down);
    const dir = mkdtempSync(join(tmpdir(), 'wandb-secret-'));
    const secret = new Secret({ group: 'wandb', key: 'api_key' });
    const seen: string[] = [];
    for (const server of [good, wrong, down]) {
      const train = task(
        { name: 'train', outputs: types.string() },
        wandbInit({
          project: 'proj',
          entity: 'ent',
          secret,
          apiHost: server.url,
          dir,
          config: { lr: 0.1 },
          initTimeoutMs: 500,
          retry: { initialDelayMs: 10, maxDelayMs: 50 },
        })(async () => {
          const run = wandbRun()!;
          run.log({ loss: 1 });
          new Deck('W&B', `<a href="${run.url ?? ''}">run</a> ${JSON.stringify(run.config.toJSON())}`);
          seen.push(JSON.stringify(run.config.toJSON()), run.notes, run.url ?? '');
          return 'ok';
        }),
      );
      const context = remoteContext({
        _FSEC_WANDB_API_KEY: sentinel,
        HOSTNAME: `pod-${servers.indexOf(server)}`,
      });
      const outcome = await runInContext(context, () => train.execute(context, {})).then(
        () => 'ok',
        (error: Error) => error,
      );
      if (server === wrong) {
        // A rejected key fails the task at init (as the SDK), with a message free of the key.
        expect(outcome).toMatchObject({ name: 'TasklensInvalidOptionError', option: 'apiKey' });
        seen.push(String((outcome as Error).message), String((outcome as Error).stack));
      } else expect(outcome).toBe('ok');
      seen.push(renderDeckHtml(context.decks), JSON.stringify(train.config()));
    }
    // The good server got the key in the Authorization header (where it belongs), the wrong one
    // refused it, the unreachable one made the run fall back to offline.
    expect(good.run('pod-0')?.complete).toBe(true);
    expect(wrong.requests.some((request) => request.outcome === 'unauthorized')).toBe(true);
    expect(lines.join('\n')).toMatch(/could not create the run online/);
    const everything = [
      ...lines,
      ...seen,
      ...filesUnder(dir).map((path) => readFileSync(path).toString('latin1')),
    ];
    expect(filesUnder(dir).some((path) => path.endsWith('.wandb'))).toBe(true);
    for (const text of everything) expect(text).not.toContain(sentinel);
  });

  it('is absent from validation errors about the key', async () => {
    const badKey = 'SENTINEL-short!';
    const error = await init({ project: 'p', apiKey: badKey, dir: tmpdir(), environment: {} }).catch(
      (caught) => caught,
    );
    expect(String(error.message)).toMatch(/^apiKey: /);
    expect(`${error.message} ${error.stack}`).not.toContain('short!');
  });
});
