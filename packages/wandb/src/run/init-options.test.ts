import { InvalidOptionError, Secret } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { resolveInitOptions } from '../settings/resolve-settings';
import { wandbInit } from '../wandb-init';

/** The option an `InvalidOptionError` names, or undefined when `attempt` succeeds. */
function optionNamed(attempt: () => unknown): string | undefined {
  try {
    attempt();
  } catch (error) {
    if (error instanceof InvalidOptionError) return error.option;
    throw error;
  }
  return undefined;
}

describe('init() options, as declared', () => {
  it('applies each declared default, and the WANDB_* variable over it (an empty one counts as unset)', () => {
    const defaults = resolveInitOptions({}, {});
    expect(defaults).toMatchObject({
      mode: 'online',
      project: 'uncategorized',
      baseUrl: 'https://api.wandb.ai',
      console: 'off',
      requestTimeoutMs: 30_000,
      initTimeoutMs: 60_000,
      offlineDeadlineMs: 120_000,
      flushIntervalMs: 1000,
      durableFlushMs: 1000,
      maxQueuedEvents: 100_000,
    });
    const fromEnvironment = resolveInitOptions(
      {},
      { WANDB_PROJECT: 'envp', WANDB_ENTITY: '', WANDB_CONSOLE: 'wrap', WANDB_MODE: 'dryrun' },
    );
    expect([
      fromEnvironment.project,
      fromEnvironment.entity,
      fromEnvironment.console,
      fromEnvironment.mode,
    ]).toEqual(['envp', undefined, 'wrap', 'offline']);
    // As the SDK: anything but `wrap` in WANDB_CONSOLE leaves the console alone.
    expect(resolveInitOptions({}, { WANDB_CONSOLE: 'auto' }).console).toBe('off');
    expect(resolveInitOptions({ console: 'wrap' }, { WANDB_CONSOLE: 'off' }).console).toBe('wrap');
  });

  it('refuses a value of the wrong kind or an unknown option with an InvalidOptionError naming it', () => {
    const named = (options: object) => optionNamed(() => resolveInitOptions(options as never, {}));
    expect(named({ requestTimeoutMs: 0 })).toBe('requestTimeoutMs');
    expect(named({ durableFlushMs: 1.5 })).toBe('durableFlushMs');
    expect(named({ resume: 'sometimes' })).toBe('resume');
    expect(named({ console: 'tee' })).toBe('console');
    expect(named({ config: [1] })).toBe('config');
    expect(named({ id: 'a:b' })).toBe('id');
    expect(named({ tags: [''] })).toBe('tags[0]');
    expect(named({ project: 'a/b' })).toBe('project');
    expect(named({ projects: 'p' })).toBe('projects');
    expect(named({ resume: 'allow', maxQueuedEvents: 1, tags: ['t'] })).toBeUndefined();
  });
});

describe('wandbInit options, checked when the decorator is written', () => {
  const secret = new Secret({ group: 'wandb', key: 'api_key' });

  it("keeps flytekit's required checks and messages, then checks each option's kind", () => {
    expect(() => wandbInit({ entity: 'e', secret } as never)).toThrow(
      expect.objectContaining({ option: 'project', message: 'project must be set' }),
    );
    expect(optionNamed(() => wandbInit({ project: 'p', entity: 'e', secret: 'key' } as never))).toBe(
      'wandbInit.secret',
    );
    expect(optionNamed(() => wandbInit({ project: 'p', entity: 'e', secret, apiHost: 1 } as never))).toBe(
      'wandbInit.apiHost',
    );
    // `is None` in flytekit: an empty project passes here.
    expect(optionNamed(() => wandbInit({ project: '', entity: 'e', secret }))).toBeUndefined();
  });
});
