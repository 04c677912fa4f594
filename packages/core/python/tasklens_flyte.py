"""Declare a TypeScript (tasklens) task inside a Python Flyte workflow.

The task runs in a Node image with ``tasklens execute``, which speaks the same container contract as
``pyflyte-execute`` (inputs.pb -> outputs.pb / error.pb / deck.html). Its interface, secrets, deck
setting and ``link_type`` config come from ``tasklens describe`` (run here, or a saved JSON file).

    from tasklens_flyte import TypeScriptTask

    train = TypeScriptTask(
        name="demo.train",
        image="ghcr.io/acme/ts-tasks:1.0.0",
        module="./dist/tasks.js",      # resolved inside the image, relative to its working directory
        export="train",
        description="train.describe.json",   # or None: run `tasklens describe` now
    )

Locally (``pyflyte run``, calling the workflow in Python) the task is run with the local
``tasklens`` command over ``file://`` prefixes, exactly as in the pod. Requires flytekit >= 1.16.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shlex
import subprocess
import tempfile
import typing
from collections import OrderedDict

from flyteidl.core import errors_pb2, literals_pb2, types_pb2
from flytekit import ContainerTask, Secret
from flytekit.configuration import SerializationSettings
from flytekit.core.base_task import TaskMetadata
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.exceptions.user import FlyteRecoverableException
from flytekit.models.literals import Literal, LiteralMap
from flytekit.models.types import LiteralType
from google.protobuf import json_format

__all__ = ["TypeScriptTask", "TypeScriptTaskError", "describe_task", "execute_arguments"]

#: Environment variable with the local ``tasklens`` command (default ``npx --no-install tasklens``).
LOCAL_COMMAND_ENV = "TASKLENS_COMMAND"


class TypeScriptTaskError(RuntimeError):
    """A TypeScript task failed during a local run; the message is its error document's."""


def _local_command(command: typing.Optional[typing.Sequence[str]]) -> typing.List[str]:
    if command is not None:
        return list(command)
    configured = os.environ.get(LOCAL_COMMAND_ENV)
    return shlex.split(configured) if configured else ["npx", "--no-install", "tasklens"]


def describe_task(
    module: str,
    export: str,
    command: typing.Optional[typing.Sequence[str]] = None,
    cwd: typing.Optional[str] = None,
) -> dict:
    """The JSON of ``tasklens describe <module> <export>``."""
    output = subprocess.run(
        [*_local_command(command), "describe", module, export],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def execute_arguments(
    module: str, export: str, bound_inputs: typing.Optional[typing.Iterable[str]] = None
) -> typing.List[str]:
    """The ``tasklens execute`` arguments with propeller's templates (the pyflyte-execute flags);
    with ``bound_inputs`` (a list, possibly empty) the ``tasklens map-execute`` ones of a map task."""
    mapped = [] if bound_inputs is None else ["--bound-inputs", ",".join(sorted(bound_inputs))]
    return [
        "execute" if bound_inputs is None else "map-execute",
        "--inputs",
        "{{.input}}",
        "--output-prefix",
        "{{.outputPrefix}}",
        "--raw-output-data-prefix",
        "{{.rawOutputDataPrefix}}",
        "--checkpoint-path",
        "{{.checkpointOutputPrefix}}",
        "--prev-checkpoint",
        "{{.prevCheckpointPrefix}}",
        "--task-module",
        module,
        "--task-name",
        export,
        *mapped,
    ]


def _literal_type(variable: dict) -> LiteralType:
    return LiteralType.from_flyte_idl(json_format.ParseDict(variable["type"], types_pb2.LiteralType()))


def _guess(literal_type: LiteralType, name: str) -> typing.Any:
    """flytekit's guess, except that dataclasses keep datetime/timedelta/enum fields (flytekit's
    guess from the JSON schema turns them into str/float) by using the per-field literal types."""
    structure = literal_type.structure
    if literal_type.simple == types_pb2.STRUCT and structure is not None and structure.dataclass_type:
        title = (literal_type.metadata or {}).get("title", name)
        required = set((literal_type.metadata or {}).get("required", structure.dataclass_type.keys()))
        fields = []
        for field, field_type in structure.dataclass_type.items():
            guessed = _guess(field_type, f"{title}_{field}")
            if field in required:
                fields.append((field, guessed))
            else:
                fields.append((field, guessed, dataclasses.field(default=None)))
        fields.sort(key=lambda entry: len(entry) == 3)  # fields with defaults last, as dataclasses require
        return dataclasses.make_dataclass(str(title), fields)
    if literal_type.collection_type is not None:
        return typing.List[_guess(literal_type.collection_type, name)]
    if literal_type.map_value_type is not None and literal_type.simple is None:
        return typing.Dict[str, _guess(literal_type.map_value_type, name)]
    if literal_type.union_type is not None:
        return typing.Union[tuple(_guess(variant, name) for variant in literal_type.union_type.variants)]
    return TypeEngine.guess_python_type(literal_type)


def _essence(value: typing.Any) -> typing.Any:
    """A literal type as a dict without the JSON-schema metadata and annotations (naming only)."""
    if isinstance(value, dict):
        return {key: _essence(item) for key, item in value.items() if key not in ("metadata", "annotation")}
    if isinstance(value, list):
        return [_essence(item) for item in value]
    return value


def _python_type(variable: dict, name: str = "value", override: typing.Any = None) -> typing.Any:
    literal_type = _literal_type(variable)
    if override is None:
        return _guess(literal_type, name)
    declared = json_format.MessageToDict(literal_type.to_flyte_idl())
    given = json_format.MessageToDict(TypeEngine.to_literal_type(override).to_flyte_idl())
    if _essence(declared) != _essence(given):
        raise TypeError(f"python_types[{name!r}] = {override} is {given}, but the TypeScript task declares {declared}")
    return override


def _input_declaration(variable: dict, name: str, override: typing.Any) -> typing.Any:
    """The Python type of an input, or ``(type, default)`` when the TypeScript task declares a default."""
    python_type = _python_type(variable, name, override)
    if "default" not in variable:
        return python_type
    literal = Literal.from_flyte_idl(json_format.ParseDict(variable["default"], literals_pb2.Literal()))
    default = TypeEngine.to_python_value(FlyteContextManager.current_context(), literal, python_type)
    return (python_type, default)


def _secret(request: dict) -> Secret:
    return Secret(
        group=request.get("group"),
        key=request.get("key"),
        group_version=request.get("groupVersion"),
        mount_requirement=Secret.MountType[request.get("mountRequirement", "ANY")],
        env_var=request.get("envVar"),
    )


class TypeScriptTask(ContainerTask):
    """A Flyte task implemented in TypeScript with ``@tasklens/core`` and run by ``tasklens execute``.

    :param name: Flyte task name.
    :param image: Node image containing the task module and ``tasklens``.
    :param module: Task module path (relative to the image's working directory) or package name.
    :param export: Export name of the task in that module.
    :param description: ``tasklens describe`` output: a dict, a path to a JSON file, or None to run
        the local ``tasklens describe`` now (with ``local_command`` in ``local_cwd``).
    :param container_command: Command that starts tasklens in the image; default ``["tasklens"]``.
    :param local_command: Local ``tasklens`` command for describe and local runs; default
        ``$TASKLENS_COMMAND`` or ``npx --no-install tasklens``.
    :param local_cwd: Directory local runs resolve ``module`` from; default the current directory.
    :param config: Extra task config merged over the task's own (its ``link_type`` drives console links).
    :param secret_requests / enable_deck / metadata: override what the TypeScript task declares.
    :param python_types: Python types to use for inputs/outputs of that name (your own dataclass or
        Enum) instead of the ones guessed from the declaration; each must have the declared Flyte type.
    """

    def __init__(
        self,
        name: str,
        image: str,
        module: str,
        export: str,
        description: typing.Union[dict, str, os.PathLike, None] = None,
        container_command: typing.Sequence[str] = ("tasklens",),
        local_command: typing.Optional[typing.Sequence[str]] = None,
        local_cwd: typing.Optional[str] = None,
        config: typing.Optional[typing.Dict[str, str]] = None,
        secret_requests: typing.Optional[typing.List[Secret]] = None,
        enable_deck: typing.Optional[bool] = None,
        metadata: typing.Optional[TaskMetadata] = None,
        python_types: typing.Optional[typing.Dict[str, typing.Any]] = None,
        **kwargs,
    ):
        if description is None:
            description = describe_task(module, export, local_command, local_cwd)
        elif not isinstance(description, dict):
            with open(description, encoding="utf-8") as handle:
                description = json.load(handle)
        self._description = description
        self._module = module
        self._export = export
        self._local_command = local_command
        self._local_cwd = local_cwd
        self._extra_config = dict(config or {})
        overrides = dict(python_types or {})
        inputs = OrderedDict(
            (key, _input_declaration(value, key, overrides.get(key))) for key, value in description["inputs"].items()
        )
        outputs = OrderedDict(
            (key, _python_type(value, key, overrides.get(key))) for key, value in description["outputs"].items()
        )
        if metadata is None:
            metadata = TaskMetadata(
                retries=int(description.get("retries", 0)),
                cache=description.get("cacheVersion") is not None,
                cache_version=description.get("cacheVersion") or "",
            )
        if secret_requests is None:
            secret_requests = [_secret(request) for request in description.get("secretRequests", [])]
        super().__init__(
            name=name,
            image=image,
            command=list(container_command),
            arguments=execute_arguments(module, export),
            inputs=inputs,
            outputs=outputs,
            metadata=metadata,
            secret_requests=secret_requests or None,
            enable_deck=description.get("enableDeck", False) if enable_deck is None else enable_deck,
            **kwargs,
        )

    @property
    def description(self) -> dict:
        """What ``tasklens describe`` reported for the task."""
        return self._description

    def _get_data_loading_config(self):
        # No flytecopilot: tasklens reads inputs.pb and writes outputs.pb itself.
        return None

    def get_config(self, settings: SerializationSettings) -> typing.Optional[typing.Dict[str, str]]:
        merged = dict(super().get_config(settings) or {})
        merged.update(self._description.get("config", {}))
        merged.update(self._extra_config)
        return merged

    @contextlib.contextmanager
    def map_task_arguments(self, bound_inputs: typing.Iterable[str]):
        """While open, the container runs ``tasklens map-execute`` (used to serialize a map task)."""
        saved = self._args
        self._args = execute_arguments(self._module, self._export, bound_inputs)
        try:
            yield self
        finally:
            self._args = saved

    def execute(self, **kwargs) -> LiteralMap:
        """Local run: ``tasklens execute`` over a temporary directory, as in the pod."""
        ctx = FlyteContextManager.current_context()
        guessed = {name: self.python_interface.inputs[name] for name in kwargs}
        input_map = TypeEngine.dict_to_literal_map(ctx, kwargs, guessed)
        work = tempfile.mkdtemp(prefix="tasklens-")
        inputs_path = os.path.join(work, "inputs.pb")
        with open(inputs_path, "wb") as handle:
            handle.write(input_map.to_flyte_idl().SerializeToString())
        return self.run_local(inputs_path, os.path.join(work, "outputs"), os.path.join(work, "raw"))

    def run_local(
        self,
        inputs_path: str,
        output_prefix: str,
        raw_output_prefix: str,
        bound_inputs: typing.Optional[typing.Iterable[str]] = None,
        environment: typing.Optional[typing.Dict[str, str]] = None,
    ) -> LiteralMap:
        """Runs ``tasklens execute`` (or ``map-execute`` when ``bound_inputs`` is given) on local
        paths and returns the outputs; raises the error document as an exception."""
        os.makedirs(output_prefix, exist_ok=True)
        arguments = [
            "execute" if bound_inputs is None else "map-execute",
            "--inputs",
            inputs_path,
            "--output-prefix",
            output_prefix,
            "--raw-output-data-prefix",
            raw_output_prefix,
            "--task-module",
            self._module,
            "--task-name",
            self._export,
        ]
        if bound_inputs is not None:
            arguments += ["--bound-inputs", ",".join(sorted(bound_inputs))]
        completed = subprocess.run(
            [*_local_command(self._local_command), *arguments],
            cwd=self._local_cwd,
            env={**os.environ, **(environment or {})},
        )
        error_path = os.path.join(output_prefix, "error.pb")
        if os.path.exists(error_path):
            document = errors_pb2.ErrorDocument()
            with open(error_path, "rb") as handle:
                document.ParseFromString(handle.read())
            if document.error.kind == errors_pb2.ContainerError.RECOVERABLE:
                raise FlyteRecoverableException(document.error.message)
            raise TypeScriptTaskError(f"{document.error.code}: {document.error.message}")
        if completed.returncode != 0:
            raise TypeScriptTaskError(f"tasklens execute exited with {completed.returncode}")
        outputs = literals_pb2.LiteralMap()
        with open(os.path.join(output_prefix, "outputs.pb"), "rb") as handle:
            outputs.ParseFromString(handle.read())
        return LiteralMap.from_flyte_idl(outputs)
