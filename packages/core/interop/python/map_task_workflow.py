"""Python workflows mapping a TypeScript task and its Python twin; prints what each way of running gives.

  map_task_workflow.py <core package dir> <work dir>

For each case, four results (values, or "failed: …"):
* ``python_local``: flytekit's local execution of ``map_task(py_scale)`` (the reference);
* ``python_harness``: the serialized Python map task run per element by pyflyte-map-execute under
  array_node_harness.py (propeller's ArrayNode rules) — checks the harness against flytekit;
* ``typescript_harness``: the serialized ``map_typescript_task(scale)`` run per element by
  ``tasklens map-execute`` under the same harness (what a Flyte cluster does);
* ``typescript_local``: the TypeScript map task called in a local Python workflow.
"""

import functools
import json
import os
import sys
import typing

from google.protobuf import json_format

core = sys.argv[1]
work = sys.argv[2]
here = os.path.join(core, "interop", "python")
sys.path.insert(0, os.path.join(core, "python"))
sys.path.insert(0, here)

from flytekit import map_task, workflow  # noqa: E402
from tasklens_flyte import TypeScriptTask  # noqa: E402
from tasklens_map_task import map_typescript_task  # noqa: E402

from array_node_harness import ArrayNodeFailed, run_array_node, serialized_array_node  # noqa: E402
from map_tasks_oracle import py_scale  # noqa: E402

tasklens = ["node", os.path.join(core, "bin", "tasklens.mjs")]
scale = TypeScriptTask(
    name="interop.scale",
    image="ghcr.io/acme/ts-tasks:1.0.0",
    module=os.path.join(core, "interop", "fixtures", "map-tasks.mjs"),
    export="scale",
    local_command=tasklens,
    local_cwd=core,
)
executables = {
    "tasklens": tasklens,
    "pyflyte-map-execute": [os.path.join(os.path.dirname(sys.executable), "pyflyte-map-execute")],
}

# Bound `factor`, half the elements may fail: List[Optional[int]] with None where one failed.
py_bound = map_task(functools.partial(py_scale, factor=3), min_success_ratio=0.5)
ts_bound = map_typescript_task(scale, bound_inputs=["factor"], min_success_ratio=0.5)
# Both inputs mapped, every element must succeed.
py_both = map_task(py_scale)
ts_both = map_typescript_task(scale)


@workflow
def wf_py_bound(xs: typing.List[int]) -> typing.List[typing.Optional[int]]:
    return py_bound(x=xs)


@workflow
def wf_ts_bound(xs: typing.List[int], factor: int) -> typing.List[typing.Optional[int]]:
    return ts_bound(x=xs, factor=factor)


@workflow
def wf_py_both(xs: typing.List[int], factors: typing.List[int]) -> typing.List[int]:
    return py_both(x=xs, factor=factors)


@workflow
def wf_ts_both(xs: typing.List[int], factors: typing.List[int]) -> typing.List[int]:
    return ts_both(x=xs, factor=factors)


def interface_json(template):
    """The task template's typed interface as JSON (literal types only)."""
    return json_format.MessageToDict(template.interface.to_flyte_idl())


def attempt(run):
    try:
        return run()
    except ArrayNodeFailed as error:
        return f"failed: ArrayNodeFailed: {str(error)[:300]}"
    except Exception as error:  # the kind is what is compared
        return f"failed: {type(error).__name__}: {str(error)[:300]}"


def case(name, xs, factors, bound):
    root = os.path.join(work, name)
    if bound:
        py_wf, ts_wf, py_entity, ts_entity = wf_py_bound, wf_ts_bound, py_bound, ts_bound
        node_inputs = {"x": xs, "factor": factors}
        py_call, ts_call = {"xs": xs}, {"xs": xs, "factor": factors}
    else:
        py_wf, ts_wf, py_entity, ts_entity = wf_py_both, wf_ts_both, py_both, ts_both
        node_inputs = {"x": xs, "factor": factors}
        py_call = ts_call = {"xs": xs, "factors": factors}
    return {
        "python_local": attempt(lambda: list(py_wf(**py_call))),
        "python_harness": attempt(
            lambda: run_array_node(py_wf, py_entity, node_inputs, os.path.join(root, "py"), executables, cwd=here)["o0"]
        ),
        "typescript_harness": attempt(
            lambda: run_array_node(ts_wf, ts_entity, node_inputs, os.path.join(root, "ts"), executables, cwd=core)["o0"]
        ),
        "typescript_local": attempt(lambda: list(ts_wf(**ts_call))),
    }


if __name__ == "__main__":
    array_node, template = serialized_array_node(wf_ts_bound)
    py_array_node, py_template = serialized_array_node(wf_py_bound)
    result = {
        "cases": {
            "bound_factor_half_may_fail": case("bound", [1, -2, 3, 4], 3, bound=True),
            "both_mapped": case("both", [1, 2, 3], [4, 5, 6], bound=False),
            "one_fails_all_required": case("strict", [1, -2, 3], [4, 5, 6], bound=False),
        },
        "typescript_template": {
            "command": list(template.container.command),
            "args": list(template.container.args),
            "success_criteria": array_node.WhichOneof("success_criteria"),
            "min_success_ratio": array_node.min_success_ratio,
            "bound_inputs": list(array_node.bound_inputs),
            "interface": interface_json(template),
        },
        "python_template": {
            "args": list(py_template.container.args),
            "min_success_ratio": py_array_node.min_success_ratio,
            "bound_inputs": list(py_array_node.bound_inputs),
            "interface": interface_json(py_template),
        },
    }
    print(json.dumps(result, default=str))
