import { Secret } from '@tasklens/core';
import { decoratorsOf } from '@tasklens/core/plugin';
import { describe, expect, it } from 'vitest';
import { oraclePython } from '../../../test-support/oracle-python';
import { runProcess } from '../../../test-support/run-process';
import { wandbInit } from '../src/index';

/** Asks the real flytekitplugins-wandb for its extra config and validation messages. */
async function flytekitAnswers(): Promise<{ configs: Record<string, string>[]; errors: string[] }> {
  const script = `
import json
from flytekit import Secret
from flytekitplugins.wandb import wandb_init
secret = Secret(key="abc", group="xyz")
configs = [wandb_init(project="abc", entity="xyz", secret=secret, id=i, host="https://my_org.wandb.org").get_extra_config()
           for i in (None, "abc123")]
configs.append(wandb_init(project="abc", entity="xyz", secret=secret).get_extra_config())
errors = []
for kwargs in ({}, {"project": "abc"}, {"project": "abc", "entity": "xyz"}):
    try:
        wandb_init(**kwargs)
    except ValueError as error:
        errors.append(str(error))
print(json.dumps({"configs": configs, "errors": errors}))
`;
  const result = await runProcess(oraclePython(), ['-c', script]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

describe('wandbInit matches the real flytekitplugins-wandb', () => {
  it('has the same extra config (keys, order, values) and validation messages', async () => {
    const python = await flytekitAnswers();
    const secret = new Secret({ key: 'abc', group: 'xyz' });
    const configOf = (options: Parameters<typeof wandbInit>[0]) =>
      decoratorsOf(wandbInit(options)(async () => {}))[0]!.extraConfig();
    const ours = [
      configOf({ project: 'abc', entity: 'xyz', secret, host: 'https://my_org.wandb.org' }),
      configOf({ project: 'abc', entity: 'xyz', secret, id: 'abc123', host: 'https://my_org.wandb.org' }),
      configOf({ project: 'abc', entity: 'xyz', secret }),
    ];
    expect(ours).toEqual(python.configs);
    ours.forEach((config, index) => {
      expect(Object.keys(config)).toEqual(Object.keys(python.configs[index]!));
    });
    const errors = [{}, { project: 'abc' }, { project: 'abc', entity: 'xyz' }].map((options) => {
      try {
        wandbInit(options as never);
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(errors).toEqual(python.errors);
  });
});
