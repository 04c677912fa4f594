"""flytekit side of the `tasklens execute` interop tests.

  oracle.py write-inputs <work dir> <inputs uri> <raw prefix>   TypeEngine.to_literal for every type
  oracle.py read-outputs <outputs.pb uri>                        TypeEngine.to_python_value, printed as JSON
  oracle.py read-error <error.pb uri>                            flytekit's ErrorDocument model, as JSON
  oracle.py write-literal-map <inputs uri> <json>                a LiteralMap of simple ints (bad-input tests)

Storage goes through flytekit's own FileAccessProvider, so s3:// URIs use FLYTE_AWS_* like a pod.
"""

import datetime
import json
import os
import sys
import tempfile
import typing

from flyteidl.core import errors_pb2, literals_pb2
from flytekit.configuration import DataConfig
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.data_persistence import FileAccessProvider
from flytekit.core.type_engine import TypeEngine
from flytekit.models.core.errors import ErrorDocument
from flytekit.models.literals import LiteralMap
from flytekit.types.directory import FlyteDirectory
from flytekit.types.file import FlyteFile

BinaryFile = FlyteFile[typing.TypeVar("binary")]

# The scalar and collection types every direction of the round trip shares.
COMMON_TYPES = {
    "count": int,
    "ratio": float,
    "label": str,
    "flag": bool,
    "when": datetime.datetime,
    "wait": datetime.timedelta,
    "nothing": type(None),
    "numbers": typing.List[int],
    "scores": typing.Dict[str, float],
    "settings": dict,
    "nested": typing.List[typing.Dict[str, str]],
}

INPUT_TYPES = {
    **COMMON_TYPES,
    "dataset": FlyteFile,
    "folder": FlyteDirectory,
    "profile": BinaryFile,
}

OUTPUT_TYPES = {
    **COMMON_TYPES,
    "report": FlyteFile,
    "folder": FlyteDirectory,
    "datasetText": str,
    "folderText": str,
    "profileText": str,
}


def context_with(raw_prefix: str):
    ctx = FlyteContextManager.current_context()
    provider = FileAccessProvider(
        local_sandbox_dir=tempfile.mkdtemp(prefix="oracle-"),
        raw_output_prefix=raw_prefix,
        data_config=DataConfig.auto(),
    )
    return ctx.with_file_access(provider).build()


def write_inputs(work: str, inputs_uri: str, raw_prefix: str) -> None:
    dataset = os.path.join(work, "dataset.csv")
    with open(dataset, "w") as handle:
        handle.write("a,b\n1,2\n")
    folder = os.path.join(work, "folder")
    os.makedirs(os.path.join(folder, "inner"), exist_ok=True)
    with open(os.path.join(folder, "inner", "x.txt"), "w") as handle:
        handle.write("from python directory")
    profile = os.path.join(work, "profile.bin")
    with open(profile, "w") as handle:
        handle.write("binary-profile")
    values = {
        "count": 41,
        "ratio": 1.25,
        "label": "héllo",
        "flag": True,
        "when": datetime.datetime(2024, 5, 1, 12, 0, 0, 123000, tzinfo=datetime.timezone.utc),
        "wait": datetime.timedelta(hours=1, minutes=30, milliseconds=250),
        "nothing": None,
        "numbers": [1, 2, 3],
        "scores": {"a": 0.5, "b": 1.5},
        "settings": {"depth": 3, "name": "x", "tags": ["p", "q"], "inner": {"ok": True, "none": None}},
        "nested": [{"k": "v"}, {}],
        "dataset": FlyteFile(dataset),
        "folder": FlyteDirectory(folder),
        "profile": BinaryFile(profile),
    }
    with FlyteContextManager.with_context(context_with(raw_prefix).new_builder()) as ctx:
        literals = {}
        for name, python_type in INPUT_TYPES.items():
            literal_type = TypeEngine.to_literal_type(python_type)
            literals[name] = TypeEngine.to_literal(ctx, values[name], python_type, literal_type)
        local = os.path.join(tempfile.mkdtemp(prefix="oracle-"), "inputs.pb")
        with open(local, "wb") as handle:
            handle.write(LiteralMap(literals=literals).to_flyte_idl().SerializeToString())
        ctx.file_access.put_data(local, inputs_uri)
        print(json.dumps({name: literal.to_flyte_idl().WhichOneof("value") for name, literal in literals.items()}))


def load(uri: str, message):
    ctx = FlyteContextManager.current_context()
    local = os.path.join(tempfile.mkdtemp(prefix="oracle-"), os.path.basename(uri))
    ctx.file_access.get_data(uri, local)
    with open(local, "rb") as handle:
        message.ParseFromString(handle.read())
    return message


def plain(value):
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"seconds": value.total_seconds()}
    if isinstance(value, FlyteFile):
        with open(value.download()) as handle:
            return {"file": handle.read(), "uri": value.remote_source or value.path}
    if isinstance(value, FlyteDirectory):
        root = value.download()
        files = {}
        for directory, _, names in os.walk(root):
            for name in names:
                with open(os.path.join(directory, name)) as handle:
                    files[os.path.relpath(os.path.join(directory, name), root)] = handle.read()
        return {"directory": files, "uri": value.remote_source or value.path}
    return value


def read_outputs(uri: str) -> None:
    literal_map = LiteralMap.from_flyte_idl(load(uri, literals_pb2.LiteralMap()))
    ctx = FlyteContextManager.current_context()
    result = {}
    for name, literal in literal_map.literals.items():
        python_type = OUTPUT_TYPES.get(name, int)
        result[name] = plain(TypeEngine.to_python_value(ctx, literal, python_type))
    print(json.dumps(result))


def read_error(uri: str) -> None:
    document = ErrorDocument.from_flyte_idl(load(uri, errors_pb2.ErrorDocument()))
    error = document.error
    print(
        json.dumps(
            {
                "code": error.code,
                "message": error.message,
                "kind": "RECOVERABLE" if error.kind == 1 else "NON_RECOVERABLE",
                "origin": {0: "UNKNOWN", 1: "USER", 2: "SYSTEM"}[error.origin],
                "has_timestamp": error.timestamp is not None,
            }
        )
    )


def write_literal_map(uri: str, values_json: str) -> None:
    ctx = FlyteContextManager.current_context()
    values = json.loads(values_json)
    literals = {name: TypeEngine.to_literal(ctx, value, type(value), TypeEngine.to_literal_type(type(value))) for name, value in values.items()}
    local = os.path.join(tempfile.mkdtemp(prefix="oracle-"), "inputs.pb")
    with open(local, "wb") as handle:
        handle.write(LiteralMap(literals=literals).to_flyte_idl().SerializeToString())
    ctx.file_access.put_data(local, uri)


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    {
        "write-inputs": write_inputs,
        "read-outputs": read_outputs,
        "read-error": read_error,
        "write-literal-map": write_literal_map,
    }[command](*arguments)
