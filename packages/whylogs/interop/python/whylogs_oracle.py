"""Oracle for the @tasklens/whylogs interop tests: profiles, reads and merges with real Python whylogs.

Usage: whylogs_oracle.py batch <jobs.json>   (one process, so whylogs is imported once)
jobs.json is a list of [command, *paths]:
  ["profile", <dataset.json>, <arrow.ipc>, <out.bin>, <summary.json>]
  ["read", <profile.bin>, <summary.json>]
  ["merge", <a.bin>, <b.bin>, <out.bin>, <summary.json>]       (views read back from files)
  ["profile-merge", <a.json>, <a.arrow>, <b.json>, <b.arrow>, <summary.json>]   (in-memory views)

A dataset JSON is {"mode": "records"|"arrow", "records": [...]} or {"mode": "arrow", "columns": [...]}.
Values are JSON with tagged specials: {"$float": "nan"|"inf"|"-inf"}, {"$int": "<decimal>"} for int64
beyond 2^53, {"$date": <epoch ms>}. Records mode builds `pd.DataFrame(records)`, the reference for JS
records. Arrow mode uses pyarrow's `Table.to_pandas()` on the IPC file when pyarrow imports, else builds the
same pandas dtypes by hand from the column descriptions (the pyarrow conversion table).
"""
import datetime
import json
import math
import sys

import pandas as pd
import whylogs as why
from whylogs.core import DatasetProfileView


def decode(value):
    if isinstance(value, dict):
        if "$float" in value:
            return float(value["$float"])
        if "$int" in value:
            return int(value["$int"])
        if "$date" in value:
            return datetime.datetime.fromtimestamp(value["$date"] / 1000, datetime.timezone.utc).replace(tzinfo=None)
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def arrow_column_to_series(column):
    """pyarrow's to_pandas() conversion for the column types the tests use."""
    kind = column["type"]
    values = [decode(value) for value in column["values"]]
    has_nulls = any(value is None for value in values)
    if kind in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"):
        if has_nulls:
            return pd.Series([math.nan if value is None else float(value) for value in values], dtype="float64")
        return pd.Series(values, dtype=kind)
    if kind in ("float32", "float64"):
        return pd.Series([math.nan if value is None else value for value in values], dtype=kind)
    if kind == "bool":
        return pd.Series(values, dtype="object" if has_nulls else "bool")
    if kind == "utf8":
        return pd.Series(values, dtype="object")
    if kind == "timestamp_ms":
        return pd.Series(values, dtype="datetime64[ns]")
    if kind == "null":
        return pd.Series(values, dtype="object")
    raise ValueError(f"unsupported arrow type {kind}")


def load_dataframe(dataset_path, arrow_path):
    with open(dataset_path, encoding="utf-8") as handle:
        dataset = json.load(handle)
    if dataset["mode"] == "records":
        return pd.DataFrame([decode(record) for record in dataset["records"]]), "records"
    try:
        import pyarrow  # noqa: F401
        import pyarrow.ipc

        with open(arrow_path, "rb") as handle:
            return pyarrow.ipc.open_file(handle).read_all().to_pandas(), "pyarrow"
    except ImportError:
        frame = pd.DataFrame({column["name"]: arrow_column_to_series(column) for column in dataset["columns"]})
        return frame, "by-hand"


def encode(value):
    """JSON-safe summary values: floats keep NaN/inf as tags, big ints as decimal strings."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int) or (hasattr(value, "dtype") and "int" in str(value.dtype)):
        value = int(value)
        return value if abs(value) < 2**53 else {"$int": str(value)}
    if isinstance(value, float) or hasattr(value, "dtype"):
        value = float(value)
        if math.isnan(value):
            return {"$float": "nan"}
        if math.isinf(value):
            return {"$float": "inf" if value > 0 else "-inf"}
        return value
    if isinstance(value, list):
        return [[item.value, item.est, item.upper, item.lower] for item in value]
    return str(value)


def summarize(view):
    columns = {}
    for name, column in view.get_columns().items():
        columns[name] = {key: encode(value) for key, value in column.to_summary_dict().items()}
    frame = view.to_pandas()
    return {
        "columns": columns,
        "pandasColumns": [] if frame is None or frame.empty else list(frame.columns),
        "pandasIndex": [] if frame is None or frame.empty else [str(name) for name in frame.index],
    }


def write_json(path, content):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(content, handle)


def run(argv):
    command = argv[1]
    if command == "profile":
        frame, source = load_dataframe(argv[2], argv[3])
        view = why.log(frame).view()
        view.write(argv[4])
        summary = summarize(view)
        summary["source"] = source
        summary["dtypes"] = {str(name): str(dtype) for name, dtype in frame.dtypes.items()}
        write_json(argv[5], summary)
    elif command == "read":
        view = why.read(argv[2]).view()
        write_json(argv[3], summarize(view))
    elif command == "merge":
        left = DatasetProfileView.read(argv[2])
        right = DatasetProfileView.read(argv[3])
        merged = left.merge(right)
        merged.write(argv[4])
        write_json(argv[5], summarize(merged))
    elif command == "profile-merge":
        left = why.log(load_dataframe(argv[2], argv[3])[0]).view()
        right = why.log(load_dataframe(argv[4], argv[5])[0]).view()
        write_json(argv[6], summarize(left.merge(right)))
    else:
        raise SystemExit(f"unknown command {command}")


def main(argv):
    if argv[1] != "batch":
        raise SystemExit("usage: whylogs_oracle.py batch <jobs.json>")
    with open(argv[2], encoding="utf-8") as handle:
        jobs = json.load(handle)
    for job in jobs:
        run(["whylogs_oracle.py", *job])


if __name__ == "__main__":
    main(sys.argv)
