import { Secret } from '@tasklens/core';
import { decoratorsOf } from '@tasklens/core/plugin';
import { describe, expect, it } from 'vitest';
import { runOraclePythonJson } from '../../../test-support/oracle-python';
import { remoteContext } from '../src/__fixtures__/remote-context';
import { cometMlLogin, deriveExperimentKey, experimentKeySuffix, loginArguments } from '../src/index';

const hostnames = [
  'a423423423afasf4jigl-fasj4321-0',
  'ff59abade1e7f4758baf-n0-0',
  'ff59abade1e7f4758baf-n0-0-worker-0',
  'ff59abade1e7f4758baf-n0-0-n1-0-n2-12',
  'a-b',
  'hôte-ünïcode-名前',
  '',
  '---',
];
const executionNames = ['ff59abade1e7f4758baf', 'my_execution_id', 'exécution', ''];
const projects = [
  ['abc', 'my_workspace'],
  ['abc', 'my-workspace'],
  ['my_project', 'my_workspace'],
  ['projé', 'wß'],
  ['プロジェクト', 'ワーク'],
  ['', ''],
  ['flytekit', ''],
] as const;

const secret = new Secret({ key: 'abc', group: 'xyz' });

interface PythonAnswers {
  keys: string[];
  fallbackKeys: string[];
  suffixes: string[];
  configs: Record<string, string>[];
}

/** The real flytekitplugins-comet-ml computes keys, suffixes and extra configs for the table. */
function pythonAnswers(): Promise<PythonAnswers> {
  const table = JSON.stringify({ hostnames, executionNames, projects });
  return runOraclePythonJson<PythonAnswers>(`
import json, os
from unittest import mock
from flytekit import Secret
from flytekit.core.context_manager import FlyteContextManager
import flytekitplugins.comet_ml.tracking as tracking
from flytekitplugins.comet_ml import comet_ml_login
table = json.loads(${JSON.stringify(table)})
secret = Secret(key="abc", group="xyz")

def login_key(hostname, execution_name, project, workspace):
    # Drives the plugin's execute() on its remote path with comet_ml.login mocked, like its tests.
    calls = []
    env = {} if hostname is None else {"HOSTNAME": hostname}
    with mock.patch.object(tracking.comet_ml, "login", side_effect=lambda **kw: calls.append(kw)), \\
         mock.patch.dict(os.environ, env, clear=False), \\
         mock.patch("flytekitplugins.comet_ml.tracking.FlyteContextManager") as manager:
        if hostname is None: os.environ.pop("HOSTNAME", None)
        ctx = manager.current_context.return_value
        ctx.execution_state.is_local_execution.return_value = False
        ctx.user_space_params.execution_id.name = execution_name
        decorated = comet_ml_login(project_name=project, workspace=workspace, secret=lambda: "k")(lambda: None)
        decorated()
    return calls[-1]["experiment_key"]

keys = [login_key(h, "unused", p, w) for h in table["hostnames"] for p, w in table["projects"]]
fallback = [login_key(None, e, p, w) for e in table["executionNames"] for p, w in table["projects"]]
suffixes = [tracking._generate_suffix_with_length_10(p, w) for p, w in table["projects"]]
configs = []
for p, w in table["projects"]:
    for key in (None, "", "abc123dfassfasfsafsafd"):
        for host in ("https://www.comet.com", "https://comet.example.org/"):
            configs.append(comet_ml_login(project_name=p, workspace=w, secret=secret, experiment_key=key, host=host)(lambda: None).get_extra_config())
print(json.dumps({"keys": keys, "fallbackKeys": fallback, "suffixes": suffixes, "configs": configs}))
`);
}

describe('cometMlLogin matches the real flytekitplugins-comet-ml', () => {
  it('derives the same keys, suffixes and extra configs over ASCII, unicode and empty inputs', async () => {
    const python = await pythonAnswers();
    const ours: PythonAnswers = { keys: [], fallbackKeys: [], suffixes: [], configs: [] };
    for (const hostname of hostnames) {
      for (const [project, workspace] of projects) {
        const options = { projectName: project, workspace, secret: () => 'k' };
        const settings = await loginArguments(options, remoteContext({ HOSTNAME: hostname }));
        ours.keys.push(settings.experimentKey!);
        expect(settings.experimentKey).toBe(deriveExperimentKey(hostname, project, workspace));
      }
    }
    for (const executionName of executionNames) {
      for (const [project, workspace] of projects) {
        const options = { projectName: project, workspace, secret: () => 'k' };
        const settings = await loginArguments(options, remoteContext({}, undefined, executionName));
        ours.fallbackKeys.push(settings.experimentKey!);
      }
    }
    for (const [project, workspace] of projects) {
      ours.suffixes.push(experimentKeySuffix(project, workspace));
      for (const experimentKey of [undefined, '', 'abc123dfassfasfsafsafd']) {
        for (const host of ['https://www.comet.com', 'https://comet.example.org/']) {
          const decorated = cometMlLogin({ projectName: project, workspace, secret, experimentKey, host })(
            async () => {},
          );
          ours.configs.push(decoratorsOf(decorated)[0]!.extraConfig());
        }
      }
    }
    expect(ours.suffixes).toEqual(python.suffixes);
    expect(ours.keys).toEqual(python.keys);
    expect(ours.fallbackKeys).toEqual(python.fallbackKeys);
    expect(ours.configs).toEqual(python.configs);
    for (const [index, config] of ours.configs.entries()) {
      expect(Object.keys(config)).toEqual(Object.keys(python.configs[index]!));
    }
  });
});
