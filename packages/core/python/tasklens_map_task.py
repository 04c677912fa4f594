"""Map a TypeScript (tasklens) task over lists in a Python Flyte workflow (a map task / ArrayNode).

flytekit's ``map_task`` only takes Python function or instance tasks; ``map_typescript_task`` builds
the same ``ArrayNodeMapTask`` for a ``TypeScriptTask``, whose subtask container runs
``tasklens map-execute`` (the pyflyte-map-execute contract):

    from tasklens_flyte import TypeScriptTask
    from tasklens_map_task import map_typescript_task

    scale = TypeScriptTask(name="demo.scale", image=..., module="./dist/tasks.js", export="scale")

    @workflow
    def wf(xs: List[int], factor: int) -> List[Optional[int]]:
        return map_typescript_task(scale, bound_inputs=["factor"], min_success_ratio=0.5)(x=xs, factor=factor)

On Flyte, propeller runs one pod per element with ``FLYTE_K8S_ARRAY_INDEX=<i>``; locally each
element is run with the local ``tasklens map-execute`` the same way (whole lists in inputs.pb, the
index in the environment), and failures count against ``min_successes``/``min_success_ratio``
as in flytekit's local map tasks (a failed element becomes ``None``).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import tempfile
import typing

from flyteidl.core import workflow_pb2
from flytekit.core.array_node_map_task import ArrayNodeMapTask
from flytekit.core.base_task import PythonTask
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.interface import transform_interface_to_list_interface
from flytekit.core.type_engine import TypeEngine
from flytekit.loggers import logger

from tasklens_flyte import TypeScriptTask

__all__ = ["TypeScriptMapTask", "map_typescript_task"]

#: The variables propeller sets in every ArrayNode subtask pod (flyteplugins / propeller array node).
ARRAY_INDEX_VARIABLE = "FLYTE_K8S_ARRAY_INDEX"


class TypeScriptMapTask(ArrayNodeMapTask):
    """flytekit's ``ArrayNodeMapTask`` over a ``TypeScriptTask`` (see ``map_typescript_task``)."""

    def __init__(
        self,
        task: TypeScriptTask,
        concurrency: typing.Optional[int] = None,
        min_successes: typing.Optional[int] = None,
        min_success_ratio: typing.Optional[float] = None,
        bound_inputs: typing.Optional[typing.Iterable[str]] = None,
        **kwargs,
    ):
        # ArrayNodeMapTask.__init__ refuses anything but Python function/instance tasks, so the state
        # it keeps is set here; every other method (interface, serialization, ArrayNode node) is its.
        if not isinstance(task, TypeScriptTask):
            raise ValueError(f"map_typescript_task maps a TypeScriptTask, got {type(task).__name__}")
        bound = set(bound_inputs or ())
        unknown = bound - set(task.python_interface.inputs)
        if unknown:
            raise ValueError(f"bound_inputs {sorted(unknown)} are not inputs of {task.name}")
        outputs = task.python_interface.outputs
        if len(outputs) > 1:
            raise ValueError("Only tasks with a single output are supported in map tasks.")
        self._partial = None
        self._bound_inputs = bound
        self._bound_inputs_values = {}
        self._run_task = task
        self._cmd_prefix = None
        self._concurrency = concurrency
        self._min_successes = min_successes
        self._min_success_ratio = min_success_ratio
        self._run_all_sub_nodes = False
        optional_outputs = min_success_ratio is not None and min_success_ratio != 1 and len(outputs) == 1
        self._collection_interface = transform_interface_to_list_interface(
            task.python_interface, bound, set(), optional_outputs
        )
        digest = hashlib.md5(
            f"{','.join(sorted(bound))}{concurrency}{min_successes}{min_success_ratio}".encode("utf-8")
        ).hexdigest()
        self._name = f"{task.name}.map_{digest}-arraynode"
        self._execution_mode = workflow_pb2.ArrayNode.MINIMAL_STATE
        kwargs.setdefault("metadata", task.metadata)
        if task.security_context:
            kwargs.setdefault("security_ctx", task.security_context)
        PythonTask.__init__(
            self,
            name=self._name,
            interface=self._collection_interface,
            task_type=task.task_type,
            task_config=None,
            task_type_version=1,
            **kwargs,
        )
        self.sub_node_metadata = PythonTask.construct_node_metadata(self)
        self.sub_node_metadata._name = self._name

    @contextlib.contextmanager
    def prepare_target(self):
        """The subtask container runs ``tasklens map-execute --bound-inputs …`` instead of ``execute``."""
        with self._run_task.map_task_arguments(self._bound_inputs):
            yield

    def execute(self, **kwargs) -> typing.Any:
        """Local run: each element through ``tasklens map-execute`` with the index in the environment."""
        ctx = FlyteContextManager.current_context()
        input_map = TypeEngine.dict_to_literal_map(ctx, kwargs, self.python_interface.inputs)
        work = tempfile.mkdtemp(prefix="tasklens-map-")
        inputs_path = os.path.join(work, "inputs.pb")
        with open(inputs_path, "wb") as handle:
            handle.write(input_map.to_flyte_idl().SerializeToString())
        mapped = [name for name in kwargs if name not in self._bound_inputs]
        count = len(kwargs[mapped[0]]) if mapped else 0
        required = count
        if self._min_successes:
            required = self._min_successes
        elif self._min_success_ratio:
            required = math.ceil(count * self._min_success_ratio)
        output_names = list(self._run_task.python_interface.outputs)
        results: typing.List[typing.Any] = []
        failures = 0
        for index in range(count):
            try:
                literals = self._run_task.run_local(
                    inputs_path,
                    os.path.join(work, str(index), "0"),
                    os.path.join(work, "raw", str(index)),
                    bound_inputs=self._bound_inputs,
                    environment={
                        "BATCH_JOB_ARRAY_INDEX_VAR_NAME": ARRAY_INDEX_VARIABLE,
                        ARRAY_INDEX_VARIABLE: str(index),
                    },
                )
            except Exception:
                failures += 1
                results.append(None)
                if count - failures < required:
                    logger.error("The number of successful tasks is lower than the minimum ratio")
                    raise
                continue
            if output_names:
                name = output_names[0]
                python_type = self._run_task.python_interface.outputs[name]
                results.append(TypeEngine.to_python_value(ctx, literals.literals[name], python_type))
        return results if output_names else None


def map_typescript_task(
    task: TypeScriptTask,
    concurrency: typing.Optional[int] = None,
    min_successes: typing.Optional[int] = None,
    min_success_ratio: float = 1.0,
    bound_inputs: typing.Optional[typing.Iterable[str]] = None,
    **kwargs,
) -> TypeScriptMapTask:
    """``flytekit.map_task`` for a ``TypeScriptTask``: inputs not in ``bound_inputs`` become lists
    (mapped element-wise), bound ones are passed whole; with ``min_success_ratio < 1`` the output
    is a list of optionals (``None`` where an element failed). Same options as ``map_task``."""
    return TypeScriptMapTask(
        task,
        concurrency=concurrency,
        min_successes=min_successes,
        min_success_ratio=min_success_ratio,
        bound_inputs=bound_inputs,
        **kwargs,
    )
