import { InvalidOptionError, Secret } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { initRun } from './legacy/init-run';
import { neptuneInitRun } from './neptune-init-run';
import { neptuneScaleRun } from './neptune-scale-run';
import { createScaleRun } from './scale/create-scale-run';

/** The option an `InvalidOptionError` names, or undefined when `attempt` succeeds. */
async function optionNamed(attempt: () => unknown): Promise<string | undefined> {
  try {
    await attempt();
  } catch (error) {
    if (error instanceof InvalidOptionError) return error.option;
    throw error;
  }
  return undefined;
}

describe('initRun options, as declared', () => {
  const debug = { mode: 'debug' as const, environment: {} };

  it('validates the value from code or from the environment variable under the option name', async () => {
    expect(await optionNamed(() => initRun({ environment: { NEPTUNE_MODE: 'loud' } }))).toBe('mode');
    expect(await optionNamed(() => initRun({ ...debug, environment: { NEPTUNE_PROJECT: 'no-slash' } }))).toBe(
      'project',
    );
    // An empty variable is still a value to the 1.x client.
    expect(await optionNamed(() => initRun({ ...debug, environment: { NEPTUNE_PROJECT: '' } }))).toBe(
      'project',
    );
    expect(await optionNamed(() => initRun({ ...debug, requestTimeoutMs: 0 }))).toBe('requestTimeoutMs');
    expect(await optionNamed(() => initRun({ ...debug, tags: 5 } as never))).toBe('tags');
    expect(await optionNamed(() => initRun({ ...debug, projects: 'a/b' } as never))).toBe('projects');
  });

  it('takes code over the environment variable, and the default last', async () => {
    const fromEnvironment = await initRun({ environment: { NEPTUNE_MODE: 'debug' } });
    expect(fromEnvironment.mode).toBe('debug');
    await fromEnvironment.stop();
    const fromCode = await initRun({ mode: 'debug', environment: { NEPTUNE_MODE: 'loud' } });
    expect(fromCode.mode).toBe('debug');
    await fromCode.stop();
  });
});

describe('createScaleRun options, as declared', () => {
  const disabled = { mode: 'disabled' as const, environment: {} };

  it('counts an empty project or mode as unset, as neptune-scale does, and names the missing project', async () => {
    expect(await optionNamed(() => createScaleRun({ ...disabled, project: '' }))).toBe('project');
    const run = await createScaleRun({
      project: '',
      mode: '',
      environment: { NEPTUNE_PROJECT: 'w/p', NEPTUNE_MODE: 'disabled' },
    } as never);
    expect([run.project, run.mode]).toEqual(['w/p', 'disabled']);
    await run.close();
  });

  it('refuses a bad value under the option name', async () => {
    const project = 'w/p';
    expect(await optionNamed(() => createScaleRun({ ...disabled, project, runId: '' }))).toBe('runId');
    expect(
      await optionNamed(() => createScaleRun({ ...disabled, project, experimentName: 'x'.repeat(731) })),
    ).toBe('experimentName');
    expect(await optionNamed(() => createScaleRun({ ...disabled, project, flushIntervalMs: -1 }))).toBe(
      'flushIntervalMs',
    );
    expect(await optionNamed(() => createScaleRun({ ...disabled, project, creationTime: 5 } as never))).toBe(
      'creationTime',
    );
  });

  it('takes a project of exactly one `/` with text on both sides, as neptune-scale does', async () => {
    for (const bad of ['w', '/p', 'w/', 'w//p', 'w/p/q', '/']) {
      expect(await optionNamed(() => createScaleRun({ ...disabled, project: bad }))).toBe('project');
    }
    for (const good of ['w/p', 'my workspace/my-project', 'w\nx/p']) {
      const run = await createScaleRun({ ...disabled, project: good });
      expect(run.project).toBe(good);
      await run.close();
    }
  });

  it('counts a run id in UTF-8 bytes: 128 fit, 129 do not, however few characters they are', async () => {
    const project = 'w/p';
    const fits = async (runId: string) =>
      (await optionNamed(() => createScaleRun({ ...disabled, project, runId }))) === undefined;
    expect(await fits('r'.repeat(128))).toBe(true);
    expect(await fits('r'.repeat(129))).toBe(false);
    // 42 three-byte characters are 126 bytes; 43 are 129.
    expect(await fits('€'.repeat(42))).toBe(true);
    expect(await fits('€'.repeat(43))).toBe(false);
    // 32 four-byte characters (surrogate pairs, 64 UTF-16 units) are 128 bytes; 33 are 132.
    expect(await fits('😀'.repeat(32))).toBe(true);
    expect(await fits('😀'.repeat(33))).toBe(false);
  });
});

describe('the decorators check their own options when written', () => {
  const secret = new Secret({ group: 'neptune', key: 'api_token' });

  it('require project and secret and name them', async () => {
    expect(await optionNamed(() => neptuneInitRun({ secret } as never))).toBe('neptuneInitRun.project');
    expect(await optionNamed(() => neptuneInitRun({ project: 'w/p' } as never))).toBe(
      'neptuneInitRun.secret',
    );
    expect(await optionNamed(() => neptuneScaleRun({ project: 'w/p', secret: 'token' } as never))).toBe(
      'neptuneScaleRun.secret',
    );
    expect(await optionNamed(() => neptuneInitRun({ project: 'w/p', secret, host: 1 } as never))).toBe(
      'neptuneInitRun.host',
    );
    expect(await optionNamed(() => neptuneScaleRun({ project: 'w/p', secret, runId: '' }))).toBe(undefined);
  });
});
