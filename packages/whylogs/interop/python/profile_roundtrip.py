"""flytekit side of profile-task-roundtrip.test.ts (real TypeEngine + flytekitplugins-whylogs).

  profile_roundtrip.py write-inputs <inputs.pb> <json of ints>
      TypeEngine.to_literal for each value (a TypeScript task's inputs.pb).
  profile_roundtrip.py relay <outputs.pb> <from var> <to var> <inputs.pb>
      Builds the next task's LiteralMap from one literal of the previous task's outputs.pb, renamed;
      the literal must be a SINGLE "binary" blob that the whylogs transformer reads as a DatasetProfileView.
  profile_roundtrip.py check-consumer <consume_profile outputs.pb> <expected.json>
      Reads the Python consumer's outputs with TypeEngine (its declared interface) and asserts them
      against the expected to_pandas() cells.
  profile_roundtrip.py check-summary <TypeScript outputs.pb> <produce_profile outputs.pb>
      Reads the TypeScript summary with TypeEngine and asserts it equals Python's own summary of the
      profile the Python producer wrote.
  profile_roundtrip.py check-quality <TypeScript outputs.pb> <produce_profile outputs.pb>
      Recomputes whylogs' calculate_drift_scores(target, reference) and the same built-in constraints'
      report on the two profiles (read with TypeEngine) and asserts the TypeScript results equal them.

Each command prints one JSON line; a failed assertion exits non-zero with the mismatch on stderr.
Needs `profile_tasks` importable (the test puts a copy on PYTHONPATH).
"""
import json
import math
import os
import sys
import typing

from flyteidl.core import literals_pb2
from flytekit.core.context_manager import FlyteContextManager
from flytekit.core.type_engine import TypeEngine
from flytekit.models.literals import LiteralMap
from flytekit.models.types import LiteralType
from whylogs.core import DatasetProfileView
from whylogs.core.constraints import ConstraintsBuilder, factories
from whylogs.viz.drift.column_drift_algorithms import calculate_drift_scores

import profile_tasks


def read_literal_map(path: str) -> LiteralMap:
    message = literals_pb2.LiteralMap()
    with open(path, "rb") as handle:
        message.ParseFromString(handle.read())
    return LiteralMap.from_flyte_idl(message)


def write_literal_map(path: str, literal_map: LiteralMap) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(literal_map.to_flyte_idl().SerializeToString())


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    sys.exit(3)


def write_inputs(path: str, values_json: str) -> None:
    values = json.loads(values_json)
    ctx = FlyteContextManager.current_context()
    literal_map = TypeEngine.dict_to_literal_map(ctx, values, {name: int for name in values})
    write_literal_map(path, literal_map)
    print(json.dumps({name: literal.scalar.primitive.integer for name, literal in literal_map.literals.items()}))


def relay(outputs_path: str, from_name: str, to_name: str, inputs_path: str) -> None:
    outputs = read_literal_map(outputs_path)
    if from_name not in outputs.literals:
        fail(f"{outputs_path} has no output {from_name}: {sorted(outputs.literals)}")
    literal = outputs.literals[from_name]
    blob = literal.scalar.blob if literal.scalar is not None else None
    if blob is None:
        fail(f"output {from_name} is not a blob literal: {literal}")
    # The whylogs transformer's own literal type must accept it, and it must read back as a profile.
    expected = TypeEngine.to_literal_type(DatasetProfileView)
    if LiteralType(blob=blob.metadata.type) != expected:
        fail(f"output {from_name} blob type {blob.metadata.type} != whylogs transformer type {expected}")
    ctx = FlyteContextManager.current_context()
    view = TypeEngine.to_python_value(ctx, literal, DatasetProfileView)
    write_literal_map(inputs_path, LiteralMap(literals={to_name: literal}))
    print(
        json.dumps(
            {
                "uri": blob.uri,
                "format": blob.metadata.type.format,
                "dimensionality": int(blob.metadata.type.dimensionality),
                "columns": sorted(view.get_columns().keys()),
            }
        )
    )


def close(actual, expected, relative: float) -> bool:
    if actual is None or expected is None:
        return actual is None and expected is None
    return math.isclose(actual, expected, rel_tol=relative, abs_tol=1e-12)


def check_consumer(outputs_path: str, expected_path: str) -> None:
    with open(expected_path) as handle:
        expected = json.load(handle)
    ctx = FlyteContextManager.current_context()
    interface = profile_tasks.consume_profile.python_interface.outputs
    values = TypeEngine.literal_map_to_kwargs(ctx, read_literal_map(outputs_path), interface)
    summary = json.loads(values["summary"])
    mismatches = []
    if values["columns"] != sorted(expected["columns"]):
        mismatches.append(f"columns {values['columns']} != {sorted(expected['columns'])}")
    for column, metrics in expected["columns"].items():
        for metric, value in metrics.items():
            # HLL estimates are estimates; every other cell is exact arithmetic up to float rounding.
            relative = 1e-3 if metric == "cardinality/est" else 1e-12
            actual = summary.get(column, {}).get(metric)
            if not close(actual, value, relative):
                mismatches.append(f"{column} {metric}: to_pandas() {actual} != expected {value}")
    for name in ("id_count", "id_mean"):
        if not close(values[name], expected[name], 1e-12):
            mismatches.append(f"{name}: {values[name]} != expected {expected[name]}")
    if mismatches:
        fail("\n".join(mismatches))
    print(json.dumps({"summary": summary, **{name: values[name] for name in ("columns", "id_count", "id_mean")}}))


TYPESCRIPT_SUMMARY = {
    "columns": typing.List[str],
    "counts": typing.Dict[str, float],
    "nulls": typing.Dict[str, float],
    "means": typing.Dict[str, float],
}


def check_summary(typescript_outputs: str, python_outputs: str) -> None:
    ctx = FlyteContextManager.current_context()
    ours = TypeEngine.literal_map_to_kwargs(ctx, read_literal_map(typescript_outputs), TYPESCRIPT_SUMMARY)
    produced = read_literal_map(python_outputs).literals["o0"]
    view = TypeEngine.to_python_value(ctx, produced, DatasetProfileView)
    reference = profile_tasks.summary_of(view)
    python = {
        "columns": sorted(reference),
        "counts": {column: cells["counts/n"] for column, cells in reference.items()},
        "nulls": {column: cells["counts/null"] for column, cells in reference.items()},
        "means": {column: cells["distribution/mean"] for column, cells in reference.items()},
    }
    # Both sides read the same sketch, so the values are equal, not merely close.
    if ours != python:
        fail(f"TypeScript summary {json.dumps(ours, sort_keys=True)}\n!= Python {json.dumps(python, sort_keys=True)}")
    print(json.dumps({"typescript": ours, "python": python}))


def python_constraints(reference: DatasetProfileView):
    """The constraints qualityReport builds in profile-tasks.mjs, with whylogs' own factories."""
    builder = ConstraintsBuilder(dataset_profile_view=reference)
    for constraint in (
        factories.greater_than_number("amount", 0),
        factories.is_non_negative("amount"),
        factories.no_missing_values("weight"),
        factories.mean_between_range("weight", 60, 70),
        factories.null_percentage_below_number("weight", 0.2),
        factories.distinct_number_in_range("city", 3, 5),
    ):
        builder.add_constraint(constraint)
    return builder.build()


def printable(value):
    """JSON has no Infinity/NaN: non-finite floats are printed as the strings "inf", "-inf", "nan"."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {key: printable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [printable(item) for item in value]
    return value


QUALITY_OUTPUTS = {
    "target": DatasetProfileView,
    "driftAlgorithms": typing.Dict[str, str],
    "driftCategories": typing.Dict[str, str],
    "driftPvalues": typing.Dict[str, float],
    "driftStatistics": typing.Dict[str, float],
    "constraints": dict,
}


def check_quality(typescript_outputs: str, python_outputs: str) -> None:
    ctx = FlyteContextManager.current_context()
    ours = TypeEngine.literal_map_to_kwargs(ctx, read_literal_map(typescript_outputs), QUALITY_OUTPUTS)
    reference = TypeEngine.to_python_value(ctx, read_literal_map(python_outputs).literals["o0"], DatasetProfileView)
    scores = calculate_drift_scores(target_view=ours["target"], reference_view=reference, with_thresholds=True)
    drift = {
        column: {key: score[key] for key in ("algorithm", "pvalue", "statistic", "drift_category")}
        for column, score in scores.items()
        if score is not None
    }
    mine = {
        column: {
            "algorithm": ours["driftAlgorithms"][column],
            "pvalue": ours["driftPvalues"][column],
            "statistic": ours["driftStatistics"][column],
            "drift_category": ours["driftCategories"][column],
        }
        for column in ours["driftAlgorithms"]
    }
    constraints = python_constraints(reference)
    python = {
        "drift": drift,
        "constraints": {
            "report": [[row.name, row.passed, row.failed] for row in constraints.generate_constraints_report()],
            "valid": constraints.validate(),
        },
    }
    mismatches = []
    if sorted(mine) != sorted(drift):
        mismatches.append(f"drift columns {sorted(mine)} != {sorted(drift)}")
    for column, score in drift.items():
        for key in ("algorithm", "drift_category"):
            if mine.get(column, {}).get(key) != score[key]:
                mismatches.append(f"drift {column} {key}: {mine.get(column, {}).get(key)} != {score[key]}")
        # Our KS/chi-square survival functions are ports of scipy's, equal up to float rounding.
        for key in ("pvalue", "statistic"):
            actual = mine.get(column, {}).get(key)
            same = actual == score[key] or close(actual, score[key], 1e-9)
            if not same:
                mismatches.append(f"drift {column} {key}: {actual} != {score[key]}")
    if ours["constraints"] != python["constraints"]:
        mismatches.append(f"constraints {ours['constraints']} != {python['constraints']}")
    if mismatches:
        fail("\n".join(mismatches))
    print(json.dumps(printable({"typescript": {"drift": mine, "constraints": ours["constraints"]}, "python": python})))


COMMANDS = {
    "write-inputs": write_inputs,
    "relay": relay,
    "check-consumer": check_consumer,
    "check-summary": check_summary,
    "check-quality": check_quality,
}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
