import { fileURLToPath } from 'node:url';
import { Secret } from '@tasklens/core';
import { decoratorsOf, ExecutionContext, runInContext } from '@tasklens/core/plugin';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { oraclePython } from '../../../test-support/oracle-python';
import { runProcess } from '../../../test-support/run-process';
import { neptuneInitRun, neptuneScaleRun } from '../src/index';

const mocks = vi.hoisted(() => ({ initRun: vi.fn(), createScaleRun: vi.fn() }));
vi.mock('../src/legacy/init-run', () => ({ initRun: mocks.initRun }));
vi.mock('../src/scale/create-scale-run', () => ({ createScaleRun: mocks.createScaleRun }));

const script = fileURLToPath(new URL('./flytekit-neptune-oracle.py', import.meta.url));

interface Case {
  env: Record<string, string>;
  outputPrefix?: string;
  runId?: string;
}

interface PythonAnswer {
  configs: Record<string, Record<string, string>>;
  scale: { kwargs: Record<string, unknown>; configs: [string, string][] };
  legacy: { kwargs: Record<string, unknown>; assigned: [string, string | null][] };
}

/** One Python process answers every case (starting flytekit is slow on a loaded machine). */
async function pythonAnswers(testCases: Case[]): Promise<PythonAnswer[]> {
  const result = await runProcess(oraclePython(), [script, JSON.stringify(testCases)]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as PythonAnswer[];
}

/** The same execution parameters the Python script builds. */
function context(testCase: Case): ExecutionContext {
  return new ExecutionContext({
    mode: 'task-execution',
    executionId: { project: 'flytesnacks', domain: 'development', name: 'ff59abade1e7f4758baf' },
    taskId: { project: 'flytesnacks', domain: 'development', name: 'wf.my_task', version: 'v1' },
    nodeId: 'n0',
    retryAttempt: 0,
    environment: testCase.env,
    workingDirectory: '/tmp/work',
    sandboxDirectory: '/tmp',
    rawOutputPrefix: 's3://bucket/raw',
    outputMetadataPrefix: testCase.outputPrefix,
    enableDeck: false,
    taskName: 'my_task',
  });
}

async function ourAnswer(testCase: Case): Promise<PythonAnswer> {
  const secret = new Secret({ key: 'neptune_api_token', group: 'neptune_group' });
  const configOf = (decorate: (fn: () => Promise<number>) => unknown) =>
    decoratorsOf(decorate(async () => 1) as never)[0]!.extraConfig();
  const configs = {
    scale_custom: configOf(neptuneScaleRun({ project: 'flytekit/project', secret, runId: 'my-task' })),
    scale_default: configOf(neptuneScaleRun({ project: 'flytekit/project', secret })),
    scale_experiment: configOf(
      neptuneScaleRun({ project: 'flytekit/project', secret, experimentName: 'my-experiment' }),
    ),
    legacy_default: configOf(neptuneInitRun({ project: 'flytekit/project', secret, tags: ['my-tag'] })),
    legacy_host: configOf(neptuneInitRun({ project: 'w/p', secret, host: 'https://neptune.example.org' })),
  };
  const scaleRun = { logConfigs: vi.fn(), close: vi.fn(async () => ({})), fail: vi.fn() };
  mocks.createScaleRun.mockResolvedValue(scaleRun);
  const token = () => 'this-is-my-api-token';
  await runInContext(context(testCase), () =>
    neptuneScaleRun({
      project: 'flytekit/project',
      secret: token,
      ...(testCase.runId === undefined ? {} : { runId: testCase.runId }),
    })(async () => 1)(),
  );
  const { environment: _scaleEnvironment, ...scaleOptions } = mocks.createScaleRun.mock.calls.at(-1)![0];
  const assigned: [string, string | null][] = [];
  mocks.initRun.mockResolvedValue({
    assign: (key: string, value: string | undefined) => assigned.push([key, value ?? null]),
    stop: async () => ({}),
    fail: () => {},
  });
  await runInContext(context(testCase), () =>
    neptuneInitRun({ project: 'flytekit/project', secret: token, tags: ['my-tag'] })(async () => 1)(),
  );
  const { environment: _legacyEnvironment, ...legacyOptions } = mocks.initRun.mock.calls.at(-1)![0];
  return {
    configs,
    // Our option names are camelCase; map them to the Python keyword names to compare.
    scale: {
      kwargs: {
        run_id: scaleOptions.runId ?? null,
        experiment_name: scaleOptions.experimentName ?? null,
        project: scaleOptions.project,
        api_token: scaleOptions.apiToken,
      },
      configs: Object.entries(scaleRun.logConfigs.mock.calls[0]![0] as Record<string, string>),
    },
    legacy: {
      kwargs: { project: legacyOptions.project, tags: legacyOptions.tags, api_token: legacyOptions.apiToken },
      assigned,
    },
  };
}

const cases: [string, Case][] = [
  [
    'pod with HOSTNAME, execution URL and output prefix (the §8.6 remote vector)',
    {
      env: {
        HOSTNAME: 'ff59abade1e7f4758baf-mainmytask-0',
        FLYTE_EXECUTION_URL: 'https://my-host.com/execution_url',
      },
      outputPrefix: 's3://bucket/metadata',
    },
  ],
  ['no HOSTNAME, empty execution URL, no output prefix', { env: { FLYTE_EXECUTION_URL: '' } }],
  ['custom run id', { env: { HOSTNAME: 'pod-1' }, runId: 'mine' }],
  ['empty custom run id (falsy → pod name)', { env: { HOSTNAME: 'pod-2' }, runId: '' }],
];

let answers: PythonAnswer[] = [];

beforeAll(async () => {
  answers = await pythonAnswers(cases.map(([, testCase]) => testCase));
});

beforeEach(() => {
  mocks.initRun.mockReset();
  mocks.createScaleRun.mockReset();
});

describe('neptuneInitRun / neptuneScaleRun match the real flytekitplugins-neptune', () => {
  it.each(cases.map(([name, testCase], index) => [name, testCase, index] as const))(
    '%s: extra configs, run ids, client arguments and flyte/* metadata',
    async (_name, testCase, index) => {
      const python = answers[index]!;
      const ours = await ourAnswer(testCase);
      expect(ours.configs).toEqual(python.configs);
      for (const key of Object.keys(python.configs)) {
        expect(Object.keys(ours.configs[key as keyof typeof ours.configs]!)).toEqual(
          Object.keys(python.configs[key]!),
        );
      }
      expect(ours.scale).toEqual(python.scale);
      expect(ours.legacy).toEqual(python.legacy);
    },
  );
});
