"""A Python workflow mixing Python tasks and a TypeScript task declared with tasklens_flyte.

  helper_workflow.py <core package dir>   runs the workflow locally, then serializes it; prints JSON
"""

import json
import os
import sys
import typing

core = sys.argv[1]
sys.path.insert(0, os.path.join(core, "python"))

from collections import OrderedDict  # noqa: E402

from flytekit import task, workflow  # noqa: E402
from flytekit.configuration import Image, ImageConfig, SerializationSettings  # noqa: E402
from flytekit.tools.translator import get_serializable  # noqa: E402
from flytekit.types.file import FlyteFile  # noqa: E402
from tasklens_flyte import TypeScriptTask  # noqa: E402

count_lines = TypeScriptTask(
    name="interop.count_lines",
    image="ghcr.io/acme/ts-tasks:1.0.0",
    module=os.path.join(core, "interop", "fixtures", "execute-tasks.mjs"),
    export="countLines",
    local_command=["node", os.path.join(core, "bin", "tasklens.mjs")],
    local_cwd=core,
)


@task
def make_dataset(rows: int) -> FlyteFile[typing.TypeVar("csv")]:
    path = os.path.join(os.getcwd(), "dataset.csv")
    with open(path, "w") as handle:
        handle.write("".join(f"row {index}\n" for index in range(rows)))
    return FlyteFile(path)


@task
def report(lines: int, summary: FlyteFile) -> str:
    with open(summary.download()) as handle:
        return f"{lines * 2} / {handle.read()}"


@workflow
def mixed(rows: int) -> str:
    dataset = make_dataset(rows=rows)
    counted = count_lines(dataset=dataset, label="python")
    return report(lines=counted.lines, summary=counted.summary)


if __name__ == "__main__":
    local_result = mixed(rows=5)
    settings = SerializationSettings(
        image_config=ImageConfig(default_image=Image(name="default", fqn="ghcr.io/acme/py", tag="1.0.0")),
        project="p",
        domain="d",
        version="v1",
    )
    entities = OrderedDict()
    get_serializable(entities, settings, mixed)
    templates = {}
    for entity in entities.values():
        template = getattr(entity, "template", None)
        if template is not None and hasattr(template, "container"):
            templates[template.id.name] = template.to_flyte_idl()
    ts = templates["interop.count_lines"]
    from google.protobuf import json_format

    print(
        json.dumps(
            {
                "local_result": local_result,
                "task_names": sorted(templates),
                "ts_template": json_format.MessageToDict(ts),
            }
        )
    )
