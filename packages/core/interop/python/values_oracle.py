"""flytekit side of the value-fidelity interop test (flytekit -> `tasklens execute` -> flytekit).

  values_oracle.py write <inputs.pb path>        TypeEngine.to_literal of every case (+ an undeclared input)
  values_oracle.py compare <outputs.pb path>     reads outputs.pb with the same Python types; prints, per
                                                 case, whether value and type equal the input exactly
  values_oracle.py write-int <inputs.pb path> <name> <int>   one int input (unrepresentable-value tests)
  values_oracle.py read-error <error.pb path>    flytekit's ErrorDocument model as JSON

Also prints the byte vectors that packages/core/src/type-engine/flytekit-values.test.ts embeds
(``values_oracle.py vectors``).
"""

import dataclasses
import datetime
import enum
import json
import sys
import typing

from flyteidl.core import errors_pb2, literals_pb2
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.models.core.errors import ErrorDocument
from flytekit.models.literals import LiteralMap


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


@dataclasses.dataclass
class Inner:
    x: float


@dataclasses.dataclass
class P:
    a: int
    f: float
    when: datetime.datetime
    wait: datetime.timedelta
    color: Color
    tags: typing.List[str]
    m: typing.Dict[str, int]
    inner: Inner
    o: typing.Optional[int] = None


UTC = datetime.timezone.utc

# name -> (python type, value); the TypeScript task `echoValues` declares the same names.
CASES = {
    "when": (datetime.datetime, datetime.datetime(2020, 1, 1, 1, 1, 59, 123456, tzinfo=UTC)),
    "before_epoch": (datetime.datetime, datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
    "wait_long": (datetime.timedelta, datetime.timedelta(days=100000, microseconds=1)),
    "wait_negative": (datetime.timedelta, datetime.timedelta(microseconds=-1)),
    "settings": (dict, {"n": 3, "f": 3.0, "s": "x", "l": [1, 2.5, None, 4.0], "big": 2**63 - 1, "inner": {"neg": -(2**63)}}),
    "big": (int, 2**63 - 1),
    "small": (int, -(2**63)),
    "maybe_none": (typing.Optional[int], None),
    "maybe_five": (typing.Optional[int], 5),
    "either": (typing.Union[int, str], "five"),
    "color": (Color, Color.GREEN),
    "point": (P, P(1, 3.0, datetime.datetime(2020, 1, 1, 1, 1, 59, 123456, tzinfo=UTC), datetime.timedelta(seconds=1.5), Color.RED, ["a"], {"k": 1}, Inner(2.0), None)),
}
# Declared by the TypeScript task with a default (types.withDefault(types.integer(), 7)); not sent.
DEFAULTED = {"sized": (int, 7)}


def write(path: str) -> None:
    ctx = FlyteContextManager.current_context()
    literals = {
        name: TypeEngine.to_literal(ctx, value, python_type, TypeEngine.to_literal_type(python_type))
        for name, (python_type, value) in CASES.items()
    }
    # An input the task does not declare: flytekit ignores it, so must tasklens.
    literals["not_declared"] = TypeEngine.to_literal(ctx, "ignored", str, TypeEngine.to_literal_type(str))
    with open(path, "wb") as handle:
        handle.write(LiteralMap(literals=literals).to_flyte_idl().SerializeToString())


def exact(value) -> str:
    """repr plus the type of every nested value, so 3 and 3.0 (or True and 1) differ."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{exact(k)}: {exact(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(exact(v) for v in value) + "]"
    if dataclasses.is_dataclass(value):
        return type(value).__name__ + exact(dataclasses.asdict(value))
    return f"{type(value).__name__}:{value!r}"


def compare(path: str) -> None:
    ctx = FlyteContextManager.current_context()
    message = literals_pb2.LiteralMap()
    with open(path, "rb") as handle:
        message.ParseFromString(handle.read())
    literal_map = LiteralMap.from_flyte_idl(message)
    result = {}
    for name, (python_type, value) in {**CASES, **DEFAULTED}.items():
        literal = literal_map.literals.get(name)
        if literal is None:
            result[name] = {"ok": False, "expected": exact(value), "got": "(missing)"}
            continue
        got = TypeEngine.to_python_value(ctx, literal, python_type)
        result[name] = {"ok": exact(got) == exact(value), "expected": exact(value), "got": exact(got)}
    print(json.dumps(result))


def write_int(path: str, name: str, value: str) -> None:
    ctx = FlyteContextManager.current_context()
    literal = TypeEngine.to_literal(ctx, int(value), int, TypeEngine.to_literal_type(int))
    with open(path, "wb") as handle:
        handle.write(LiteralMap(literals={name: literal}).to_flyte_idl().SerializeToString())


def read_error(path: str) -> None:
    message = errors_pb2.ErrorDocument()
    with open(path, "rb") as handle:
        message.ParseFromString(handle.read())
    error = ErrorDocument.from_flyte_idl(message).error
    kind = "RECOVERABLE" if error.kind == 1 else "NON_RECOVERABLE"
    print(json.dumps({"code": error.code, "message": error.message, "kind": kind}))


def vectors() -> None:
    ctx = FlyteContextManager.current_context()
    untyped = {"n": 3, "f": 3.0, "s": "x", "l": [1, 2.5, None], "b": True, "big": 2**63 - 1, "neg": -(2**63)}
    record = dataclasses.replace(CASES["point"][1], o=5)
    for python_type, value in [(dict, untyped), (P, record)]:
        literal = TypeEngine.to_literal(ctx, value, python_type, TypeEngine.to_literal_type(python_type))
        print(literal.scalar.binary.value.hex())


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    {"write": write, "compare": compare, "write-int": write_int, "read-error": read_error, "vectors": vectors}[
        command
    ](*arguments)
