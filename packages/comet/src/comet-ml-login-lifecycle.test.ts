import { InvalidOptionError, trackingMetadata } from '@tasklens/core';
import { runInContext } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { remoteContext } from './__fixtures__/remote-context';
import { cometMlLogin, trackerMetadataAttribute } from './comet-ml-login';
import { cometExperiment, getExperiment } from './experiment/current-experiment';
import { resetLogin } from './settings/login-session';
import { CometTestServer, othersOf } from './testing/index';

const apiKey = 'lifecycle0api0key0123456789';
const hostname = 'ff59abade1e7f4758baf-n0-0';
let server: CometTestServer | undefined;

afterEach(async () => {
  resetLogin();
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

function context(environment: Record<string, string> = {}) {
  return remoteContext(
    {
      HOSTNAME: hostname,
      HOME: '/nonexistent',
      FLYTE_INTERNAL_EXECUTION_WORKFLOW: 'workflows.training',
      ...environment,
    },
    undefined,
    'ff59abade1e7f4758baf',
  );
}

describe('cometMlLogin experiment lifecycle', () => {
  it('starts the experiment with the derived key, ZenML name and tags, exposes it, prints the URL once, lists it in the Tracking deck and trackingMetadata(), and ends it', async () => {
    server = await CometTestServer.start({ apiKey });
    const print = vi.spyOn(process.stdout, 'write');
    const remote = context();
    const train = cometMlLogin({
      projectName: 'flytekit',
      workspace: 'my-ws',
      secret: () => apiKey,
      urlOverride: server.clientlibUrl,
      tags: ['extra'],
    })(async () => {
      const experiment = cometExperiment();
      expect(getExperiment()).toBe(experiment);
      experiment.logMetric('loss', 0.5, { step: 1 });
      return experiment.key;
    });
    const key = await runInContext(remote, () => train());
    expect(key).toBe('ff59abade1e7f4758bafn00f696e1935a');
    const recorded = server.experiment(key)!;
    expect(recorded).toMatchObject({ workspace: 'my-ws', projectName: 'flytekit' });
    expect(othersOf(recorded).Name).toBe('ff59abade1e7f4758baf_train');
    expect(recorded.tags).toEqual(['workflows.training', 'ff59abade1e7f4758baf', 'extra']);
    expect(recorded.metrics).toMatchObject([{ name: 'loss', value: 0.5, step: 1 }]);
    expect(recorded.endTimeMillis).not.toBeNull();
    const url = `${server.url}/my-ws/flytekit/${key}`;
    const printed = print.mock.calls.map((call) => String(call[0])).filter((text) => text.includes(url));
    expect(printed).toEqual([`Comet experiment: ${url}\n`]);
    expect(remote.decks.find((deck) => deck.name === 'Tracking')!.html).toContain(url);
    expect(trackingMetadata(remote).experiment_tracker_url).toBe(url);
    expect(getExperiment()).toBeUndefined();
  });

  it('exposes the experiment URL as experiment_tracker_url in the task metadata', async () => {
    server = await CometTestServer.start({ apiKey });
    const train = cometMlLogin({
      projectName: 'p',
      workspace: 'w',
      secret: () => apiKey,
      urlOverride: server.url,
    })(async () => {
      const { currentContext } = await import('@tasklens/core');
      return currentContext().getAttribute<{ experiment_tracker_url: string }>(trackerMetadataAttribute);
    });
    const metadata = await runInContext(context(), () => train());
    expect(metadata.experiment_tracker_url).toMatch(new RegExp(`^${server.url}/w/p/[A-Za-z0-9]{32,50}$`));
  });

  it('marks the experiment crashed with the error and rethrows when the task throws', async () => {
    server = await CometTestServer.start({ apiKey });
    const train = cometMlLogin({
      projectName: 'p',
      workspace: 'w',
      secret: () => apiKey,
      urlOverride: server.url,
    })(async () => {
      throw new RangeError('diverged');
    });
    await expect(runInContext(context(), () => train())).rejects.toThrow('diverged');
    expect(server.routed('write/experiment/update-status').at(-1)!.body).toMatchObject({
      hasCrashed: true,
      isAlive: false,
      error: 'RangeError: diverged',
    });
  });

  it('refuses a given key Comet would reject with InvalidOptionError naming cometMlLogin.experimentKey', async () => {
    const train = cometMlLogin({
      projectName: 'p',
      workspace: 'w',
      secret: () => apiKey,
      experimentKey: 'my-previous-experiment-key',
    })(async () => {});
    const failure = await runInContext(context(), () => train()).catch((error: unknown) => error);
    expect(InvalidOptionError.isInstance(failure)).toBe(true);
    expect((failure as InvalidOptionError).option).toBe('cometMlLogin.experimentKey');
  });

  it('repairs a derived key Comet would reject (no HOSTNAME: the 30-character fallback)', async () => {
    server = await CometTestServer.start({ apiKey });
    const environment = { HOME: '/nonexistent' };
    const train = cometMlLogin({
      projectName: 'flytekit',
      workspace: 'my-ws',
      secret: () => apiKey,
      urlOverride: server.url,
    })(async () => cometExperiment().key);
    const key = await runInContext(remoteContext(environment, undefined, 'ff59abade1e7f4758baf'), () =>
      train(),
    );
    expect(key).toHaveLength(32);
    expect(key.startsWith('ff59abade1e7f4758baff696e1935a')).toBe(true);
    expect(server.experiment(key)).toBeDefined();
  });
});
