"""A Python workflow calling a TypeScript task whose interface uses every value type tasklens declares.

  helper_types_workflow.py <core package dir>
prints JSON: per value, whether what came back equals what Python sent (exact repr and types).
The task (interop/fixtures/fidelity-tasks.mjs `echoValues`) is declared from `tasklens describe`,
so Optional/Union/Enum/dataclass/int64/defaults must all be declared as flytekit types.
"""

import json
import os
import sys

core = sys.argv[1]
sys.path.insert(0, os.path.join(core, "python"))
sys.path.insert(0, os.path.join(core, "interop", "python"))

from flytekit import workflow  # noqa: E402
from tasklens_flyte import TypeScriptTask  # noqa: E402
from values_oracle import CASES, DEFAULTED, P, Color, exact  # noqa: E402

echo_values = TypeScriptTask(
    name="interop.echo_values",
    image="ghcr.io/acme/ts-tasks:1.0.0",
    module=os.path.join(core, "interop", "fixtures", "fidelity-tasks.mjs"),
    export="echoValues",
    local_command=["node", os.path.join(core, "bin", "tasklens.mjs")],
    local_cwd=core,
    # The caller's own Enum and dataclass (checked against the declared Flyte types).
    python_types={"color": Color, "point": P},
)


if __name__ == "__main__":
    interface = echo_values.python_interface
    sent = {name: value for name, (_, value) in CASES.items()}
    # `sized` is left out: its default (7) comes from the TypeScript declaration.
    outputs = echo_values(**sent)
    result = {}
    expected = {**sent, **{name: value for name, (_, value) in DEFAULTED.items()}}
    for name, value in expected.items():
        got = getattr(outputs, name)
        result[name] = {"ok": exact(got) == exact(value), "expected": exact(value), "got": exact(got)}
    # Without python_types the dataclass is guessed from the per-field Flyte types.
    guessed = TypeScriptTask(
        name="interop.echo_values_guessed",
        image="ghcr.io/acme/ts-tasks:1.0.0",
        module=echo_values._module,
        export="echoValues",
        description=echo_values.description,
    ).python_interface.inputs["point"]
    print(
        json.dumps(
            {
                "guessed_point_fields": {key: str(field.type) for key, field in guessed.__dataclass_fields__.items()},
                "compared": result,
                "sized_default": interface.inputs_with_defaults["sized"][1],
                "input_types": {name: str(python_type) for name, python_type in interface.inputs.items()},
            }
        )
    )
