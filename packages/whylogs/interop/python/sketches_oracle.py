"""Sketch oracle for the TypeScript interop tests.

Reads a JSON list of jobs on stdin, runs each with whylogs-sketching (the DataSketches fork whylogs links),
and writes a JSON list of results on stdout. Bytes travel as hex. Merges use whylogs' own aggregators so the
semantics are exactly what Python profiles do.
"""

import json
import sys

import whylogs_sketching as ds
from whylogs.core.metrics.aggregators import _fs_merge, _hll_merge, _kll_merge

ERROR_TYPES = {
    "NO_FALSE_POSITIVES": ds.frequent_items_error_type.NO_FALSE_POSITIVES,
    "NO_FALSE_NEGATIVES": ds.frequent_items_error_type.NO_FALSE_NEGATIVES,
}


def number(value):
    if isinstance(value, str):
        return float(value)  # "nan", "inf", "-inf", "-0.0"
    return float(value)


def kll_summary(sketch, ranks, split_points):
    result = {
        "n": sketch.get_n(),
        "isEmpty": sketch.is_empty(),
        "numRetained": sketch.get_num_retained(),
        "min": repr(sketch.get_min_value()),
        "max": repr(sketch.get_max_value()),
        "cdf": sketch.get_cdf(split_points) if split_points and not sketch.is_empty() else [],
        "pmf": sketch.get_pmf(split_points) if split_points and not sketch.is_empty() else [],
    }
    result["bytesBeforeQuery"] = sketch.serialize().hex()
    quantiles = sketch.get_quantiles(ranks) if ranks and not sketch.is_empty() else []
    result["quantiles"] = [repr(value) for value in quantiles]  # JSON has no inf/nan
    result["bytesAfterQuery"] = sketch.serialize().hex()
    return result


def build_kll(job):
    sketch = ds.kll_doubles_sketch(job.get("k", 1024))
    for value in job.get("values", []):
        sketch.update(number(value))
    return sketch


def build_hll(job):
    sketch = ds.hll_sketch(job.get("lgK", 12), getattr(ds.tgt_hll_type, job.get("targetType", "HLL_4")))
    for kind, value in job.get("updates", []):
        if kind == "i":
            sketch.update(int(value))
        elif kind == "d":
            sketch.update(number(value))
        else:
            sketch.update(str(value))
    return sketch


def hll_summary(sketch):
    return {
        "compact": sketch.serialize_compact().hex(),
        "updatable": sketch.serialize_updatable().hex(),
        "estimate": repr(sketch.get_estimate()),
        "lower": [repr(sketch.get_lower_bound(d)) for d in (1, 2, 3)],
        "upper": [repr(sketch.get_upper_bound(d)) for d in (1, 2, 3)],
        "targetType": sketch.tgt_type.name,
        "lgK": sketch.lg_config_k,
    }


def build_fi(job):
    sketch = ds.frequent_strings_sketch(job.get("lgMaxMapSize", 10))
    for item, weight in job.get("items", []):
        sketch.update(item, weight)
    return sketch


def fi_summary(sketch):
    rows = {}
    for name, error_type in ERROR_TYPES.items():
        rows[name] = [list(row) for row in sketch.get_frequent_items(error_type)]
    return {
        "bytes": sketch.serialize().hex(),
        "numActive": sketch.get_num_active_items(),
        "totalWeight": sketch.get_total_weight(),
        "rows": rows,
    }


def run(job):
    kind = job["kind"]
    ranks = job.get("ranks", [])
    split_points = job.get("splitPoints", [])
    if kind == "kll":
        return kll_summary(build_kll(job), ranks, split_points)
    if kind == "kll_read":
        return kll_summary(ds.kll_doubles_sketch.deserialize(bytes.fromhex(job["bytes"])), ranks, split_points)
    if kind == "kll_merge":
        left = ds.kll_doubles_sketch.deserialize(bytes.fromhex(job["left"]))
        right = ds.kll_doubles_sketch.deserialize(bytes.fromhex(job["right"]))
        return kll_summary(_kll_merge(left, right), ranks, split_points)
    if kind == "hll":
        return hll_summary(build_hll(job))
    if kind == "hll_read":
        return hll_summary(ds.hll_sketch.deserialize(bytes.fromhex(job["bytes"])))
    if kind == "hll_merge":
        left = ds.hll_sketch.deserialize(bytes.fromhex(job["left"]))
        right = ds.hll_sketch.deserialize(bytes.fromhex(job["right"]))
        return hll_summary(_hll_merge(left, right))
    if kind == "fi":
        return fi_summary(build_fi(job))
    if kind == "fi_read":
        return fi_summary(ds.frequent_strings_sketch.deserialize(bytes.fromhex(job["bytes"])))
    if kind == "fi_merge":
        left = ds.frequent_strings_sketch.deserialize(bytes.fromhex(job["left"]))
        right = ds.frequent_strings_sketch.deserialize(bytes.fromhex(job["right"]))
        return fi_summary(_fs_merge(left, right))
    raise ValueError(f"unknown job kind {kind}")


def main():
    jobs = json.load(sys.stdin)
    results = []
    for job in jobs:
        try:
            results.append(run(job))
        except Exception as error:  # reported per job so one failure does not hide the others
            results.append({"error": f"{type(error).__name__}: {error}"})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
