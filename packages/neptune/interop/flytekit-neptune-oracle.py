# Asks the real flytekitplugins-neptune (oracle venv) what it does for one environment: extra
# configs, the neptune_scale.Run / neptune.init_run kwargs and the flyte/* metadata, with the
# vendor clients mocked exactly as flytekit's own plugin tests do. Input: a JSON list of cases in argv[1];
# prints a JSON list of answers.
import json, os, sys
from datetime import datetime
from unittest import mock
from flytekit import Secret
from flytekit.core.context_manager import FlyteContextManager, ExecutionParameters, ExecutionState
from flytekit.models.core.identifier import Identifier, ResourceType, WorkflowExecutionIdentifier
from flytekitplugins.neptune import neptune_init_run, neptune_scale_run

answers = []
for case in json.loads(sys.argv[1]):
    secret = Secret(key="neptune_api_token", group="neptune_group")
    out = {"configs": {
        "scale_custom": neptune_scale_run(project="flytekit/project", secret=secret, run_id="my-task")(lambda: None).get_extra_config(),
        "scale_default": neptune_scale_run(project="flytekit/project", secret=secret)(lambda: None).get_extra_config(),
        "scale_experiment": neptune_scale_run(project="flytekit/project", secret=secret, experiment_name="my-experiment")(lambda: None).get_extra_config(),
        "legacy_default": neptune_init_run(project="flytekit/project", secret=secret, tags=["my-tag"])(lambda: None).get_extra_config(),
        "legacy_host": neptune_init_run(project="w/p", secret=secret, host="https://neptune.example.org")(lambda: None).get_extra_config(),
    }}

    os.environ.pop("HOSTNAME", None)
    os.environ.pop("FLYTE_EXECUTION_URL", None)
    os.environ.update(case["env"])
    ctx = FlyteContextManager.current_context()
    params = ExecutionParameters(
        execution_date=datetime.now(), tmp_dir="/tmp/work", stats=mock.MagicMock(), logging=None,
        raw_output_prefix="s3://bucket/raw", output_metadata_prefix=case.get("outputPrefix"),
        execution_id=WorkflowExecutionIdentifier("flytesnacks", "development", "ff59abade1e7f4758baf"),
        task_id=Identifier(ResourceType.TASK, "flytesnacks", "development", "wf.my_task", "v1"),
    )
    state = ctx.execution_state.with_params(mode=ExecutionState.Mode.TASK_EXECUTION, user_space_params=params)
    with FlyteContextManager.with_context(ctx.with_execution_state(state)):
        with mock.patch("flytekitplugins.neptune.scale_tracking.neptune_scale.Run") as Run:
            dec = neptune_scale_run(project="flytekit/project", secret=lambda: "this-is-my-api-token", run_id=case.get("runId"))(lambda: 1)
            dec()
            kwargs = Run.call_args.kwargs
            configs = Run.return_value.log_configs.call_args.args[0]
            out["scale"] = {"kwargs": kwargs, "configs": list(configs.items())}
        with mock.patch("flytekitplugins.neptune.tracking.neptune") as neptune:
            assigned = []
            neptune.init_run.return_value.__setitem__.side_effect = lambda k, v: assigned.append([k, v])
            neptune_init_run(project="flytekit/project", secret=lambda: "this-is-my-api-token", tags=["my-tag"])(lambda: 1)()
            out["legacy"] = {"kwargs": neptune.init_run.call_args.kwargs, "assigned": assigned}
    answers.append(out)
print(json.dumps(answers))
