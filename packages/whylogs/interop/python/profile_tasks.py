"""flytekit tasks run by the real `pyflyte-execute` in profile-task-roundtrip.test.ts.

The test copies this file into a temporary directory on PYTHONPATH (the task module is `profile_tasks`),
so nothing of the work tree shadows a Python package.
"""
import json
import math
import typing

import pandas as pd
import whylogs as why
from flytekit import task
from whylogs.core import DatasetProfileView

# The to_pandas() columns the consumer reports per profiled column (NaN becomes None in JSON).
SUMMARY_METRICS = (
    "counts/n",
    "counts/null",
    "types/integral",
    "types/fractional",
    "types/string",
    "distribution/n",
    "distribution/mean",
    "distribution/min",
    "distribution/max",
    "cardinality/est",
)

ConsumerOutputs = typing.NamedTuple(
    "ConsumerOutputs",
    [("summary", str), ("columns", typing.List[str]), ("id_count", float), ("id_mean", float)],
)


def json_number(value):
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def summary_of(view: DatasetProfileView) -> typing.Dict[str, typing.Dict[str, typing.Optional[float]]]:
    """Selected to_pandas() cells of every column, as plain floats."""
    frame = view.to_pandas()
    return {
        str(column): {
            metric: json_number(frame.loc[column, metric]) if metric in frame.columns else None
            for metric in SUMMARY_METRICS
        }
        for column in frame.index
    }


@task
def consume_profile(profile: DatasetProfileView) -> ConsumerOutputs:
    """A Python task taking a whylogs profile a TypeScript task produced."""
    frame = profile.to_pandas()
    return ConsumerOutputs(
        summary=json.dumps(summary_of(profile), sort_keys=True),
        columns=sorted(str(column) for column in frame.index),
        id_count=float(frame.loc["id", "counts/n"]),
        id_mean=float(frame.loc["id", "distribution/mean"]),
    )


def python_records(rows: int) -> pd.DataFrame:
    """The dataset the Python producer profiles (mixed numeric, nullable float and string columns)."""
    return pd.DataFrame(
        {
            "amount": [(index * 37 % 101) / 4 for index in range(rows)],
            "weight": [None if index % 9 == 0 else index * 0.75 for index in range(rows)],
            "city": [("Oslo", "Lima", "Pune", "Kyiv")[index % 4] for index in range(rows)],
        }
    )


@task
def produce_profile(rows: int) -> DatasetProfileView:
    """A Python task returning a whylogs profile a TypeScript task consumes."""
    return why.log(python_records(rows)).view()
