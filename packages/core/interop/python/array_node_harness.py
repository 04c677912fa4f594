"""Runs the ArrayNode of a serialized flytekit workflow the way flytepropeller does, on local paths.

flytekit's local execution never starts containers, so this harness stands in for propeller's
ArrayNode handler (flytepropeller ``pkg/controller/nodes/array/handler.go``; spec
``flyte-container-contract.md`` §3.5), following its rules:

* the ArrayNode's inputs.pb (whole lists and bound values) is written once under ``<root>/n0/data``;
  every list input must have the same length (else "input arrays have different lengths"), and at
  least one list is needed ("no input array provided");
* subtask ``i`` runs the sub-node task template's container (command + args, propeller's
  ``{{.input}}``/``{{.outputPrefix}}``/… templates rendered, case-insensitively) with
  ``BATCH_JOB_ARRAY_INDEX_VAR_NAME=FLYTE_K8S_ARRAY_INDEX`` and ``FLYTE_K8S_ARRAY_INDEX=i``, output
  prefix ``<root>/n0/data/<i>/<attempt>``, and succeeds when it exits 0 without error.pb;
* ``min_successes`` (else ``ceil(min_success_ratio * size)``, else all) decides the ArrayNode's
  phase; on success the outputs are merged per output variable into a collection in index order,
  a failed subtask contributing a none literal.

Retries are not simulated (attempt 0 only); all subtasks start at once (no parallelism limit).
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import typing
from collections import OrderedDict

from flyteidl.core import errors_pb2, literals_pb2
from flytekit.configuration import ImageConfig, SerializationSettings
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.models.literals import LiteralMap
from flytekit.models.task import TaskSpec
from flytekit.tools.translator import get_serializable

SETTINGS = SerializationSettings(
    project="interop",
    domain="development",
    version="v1",
    image_config=ImageConfig.auto(img_name="ghcr.io/acme/ts-tasks:1.0.0"),
)


class ArrayNodeFailed(RuntimeError):
    """The ArrayNode failed (too few successes or bad inputs); the message is propeller's summary."""


def _render(argument: str, values: typing.Dict[str, str]) -> str:
    def replace(match: "re.Match[str]") -> str:
        key = match.group(1).lower()
        return values.get(key, match.group(0))

    return re.sub(r"\{\{\s*[.$]([A-Za-z]+)\s*\}\}", replace, argument)


def serialized_array_node(workflow) -> typing.Tuple[typing.Any, typing.Any]:
    """The ArrayNode (flyteidl message) of the workflow's (only) map node and its sub-node task template."""
    mapping: "OrderedDict" = OrderedDict()
    spec = get_serializable(mapping, SETTINGS, workflow)
    node = next(node for node in spec.template.nodes if node.array_node is not None)
    array_node = node.array_node.to_flyte_idl()
    reference = node.array_node.node.task_node.reference_id
    template = next(
        value.template
        for value in mapping.values()
        if isinstance(value, TaskSpec) and value.template.id == reference
    )
    return array_node, template


def run_array_node(
    workflow,
    map_entity,
    node_inputs: typing.Dict[str, typing.Any],
    root: str,
    executables: typing.Dict[str, typing.List[str]],
    cwd: typing.Optional[str] = None,
) -> typing.Dict[str, typing.Any]:
    """Runs the map node of ``workflow`` over ``node_inputs`` (named as ``map_entity``'s inputs) and
    returns its merged outputs as Python values; raises ``ArrayNodeFailed`` as propeller fails it.
    ``executables`` maps a container's first word (``tasklens``, ``pyflyte-map-execute``) to a local
    command line standing in for the image."""
    array_node, template = serialized_array_node(workflow)
    ctx = FlyteContextManager.current_context()
    inputs = TypeEngine.dict_to_literal_map(ctx, node_inputs, map_entity.python_interface.inputs)
    data = os.path.join(root, "n0", "data")
    os.makedirs(data, exist_ok=True)
    inputs_path = os.path.join(data, "inputs.pb")
    with open(inputs_path, "wb") as handle:
        handle.write(inputs.to_flyte_idl().SerializeToString())

    size = -1
    for literal in inputs.literals.values():
        if literal.collection is not None:
            length = len(literal.collection.literals)
            if size == -1:
                size = length
            elif size != length:
                raise ArrayNodeFailed(f"input arrays have different lengths: expecting '{size}' found '{length}'")
    if size == -1:
        raise ArrayNodeFailed("no input array provided")

    required = size
    criterion = array_node.WhichOneof("success_criteria")
    if criterion == "min_successes":
        required = array_node.min_successes
    elif criterion == "min_success_ratio":
        required = math.ceil(array_node.min_success_ratio * size)

    container = template.container
    words = [*(container.command or []), *(container.args or [])]
    running = []
    # Propeller starts the subtasks side by side (parallelism is not limited here).
    for index in range(size):
        output_prefix = os.path.join(data, str(index), "0")
        raw = os.path.join(root, "raw", f"n0-{index}-0")
        values = {
            "input": inputs_path,
            "inputprefix": data,
            "outputprefix": output_prefix,
            "rawoutputdataprefix": raw,
            "checkpointoutputprefix": os.path.join(raw, "_flytecheckpoints"),
            "prevcheckpointprefix": '""',
        }
        rendered = [_render(word, values) for word in words]
        command = [*executables[rendered[0]], *rendered[1:]]
        environment = {
            **os.environ,
            **{variable.key: variable.value for variable in (container.env or [])},
            "FLYTE_ATTEMPT_NUMBER": "0",
            "BATCH_JOB_ARRAY_INDEX_VAR_NAME": "FLYTE_K8S_ARRAY_INDEX",
            "FLYTE_K8S_ARRAY_INDEX": str(index),
        }
        process = subprocess.Popen(
            command, env=environment, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        running.append((index, output_prefix, process))

    outcomes: typing.List[typing.Optional[literals_pb2.LiteralMap]] = []
    errors: typing.List[str] = []
    for index, output_prefix, process in running:
        _, stderr = process.communicate()
        error_path = os.path.join(output_prefix, "error.pb")
        outputs_path = os.path.join(output_prefix, "outputs.pb")
        if os.path.exists(error_path):
            document = errors_pb2.ErrorDocument()
            with open(error_path, "rb") as handle:
                document.ParseFromString(handle.read())
            errors.append(f"[{index}]: {document.error.code}")
            outcomes.append(None)
        elif process.returncode != 0 or not os.path.exists(outputs_path):
            errors.append(f"[{index}]: exit {process.returncode}: {stderr[-2000:]}")
            outcomes.append(None)
        else:
            outputs = literals_pb2.LiteralMap()
            with open(outputs_path, "rb") as handle:
                outputs.ParseFromString(handle.read())
            outcomes.append(outputs)
    if size - len(errors) < required:
        raise ArrayNodeFailed("; ".join(errors))

    none = literals_pb2.Literal(scalar=literals_pb2.Scalar(none_type=literals_pb2.Void()))
    merged = literals_pb2.LiteralMap()
    for name in template.interface.outputs:
        collection = merged.literals[name].collection
        for outcome in outcomes:
            collection.literals.append(outcome.literals[name] if outcome is not None else none)
    # The ArrayNode's own output dir is <data>/<attempt> (subtask 0's outputs are one level below).
    with open(os.path.join(data, "0", "outputs.pb"), "wb") as handle:
        handle.write(merged.SerializeToString())
    model = LiteralMap.from_flyte_idl(merged)
    return TypeEngine.literal_map_to_kwargs(ctx, model, map_entity.python_interface.outputs)
