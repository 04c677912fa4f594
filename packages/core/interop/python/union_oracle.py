"""flytekit side of the union-ambiguity interop test (interop/union-ambiguity.test.ts).

Reads JSON ``[{"name", "type", "value"}]`` on stdin, where ``type`` and ``value`` are Python
expressions; prints, per case, the union variant flytekit's ``UnionTransformer.to_literal`` stores
(the stored literal type as protobuf JSON) or that it refused the value as ambiguous.
"""

import dataclasses
import enum
import json
import sys
import typing

from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from google.protobuf import json_format


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Shade(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclasses.dataclass
class A:
    x: int


@dataclasses.dataclass
class B:
    x: int


NAMESPACE = {"typing": typing, "Color": Color, "Shade": Shade, "A": A, "B": B}


def choose(case: dict) -> dict:
    python_type = eval(case["type"], NAMESPACE)  # noqa: S307 - test-controlled expressions
    value = eval(case["value"], NAMESPACE)  # noqa: S307
    ctx = FlyteContextManager.current_context()
    try:
        literal = TypeEngine.to_literal(ctx, value, python_type, TypeEngine.to_literal_type(python_type))
    except TypeError as error:
        if "Ambiguous choice of variant" in str(error):
            return {"ambiguous": True}
        return {"error": str(error)}
    except Exception as error:  # noqa: BLE001 - reported, not hidden
        return {"error": f"{type(error).__name__}: {error}"}
    if literal.scalar is None or literal.scalar.union is None:
        return {"error": f"not a union literal: {literal}"}
    stored = json_format.MessageToDict(literal.scalar.union.stored_type.to_flyte_idl())
    return {"stored_type": stored}


if __name__ == "__main__":
    cases = json.load(sys.stdin)
    print(json.dumps({case["name"]: choose(case) for case in cases}))
