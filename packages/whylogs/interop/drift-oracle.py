"""Profiles dataset pairs with real whylogs and prints, as JSON, each profile's column metrics (KLL
bytes, HLL estimates and bounds, frequent items, counters) plus whylogs' own drift results.

Input (stdin): {"pairs": [{"name", "target": {column: [values]}, "reference": {...},
                           "hellinger": [columns]}], "categories": [[algorithm, measure]]}
Used by interop/drift-scores.test.ts; the TypeScript side rebuilds the same metrics and must compute
the same drift.
"""
import base64
import json
import math
import sys
import warnings

warnings.filterwarnings("ignore")

import pandas as pd  # noqa: E402
import whylogs as why  # noqa: E402
from whylogs.core.configs import SummaryConfig  # noqa: E402
from whylogs.viz.drift.column_drift_algorithms import KS, ChiSquare, Hellinger, calculate_drift_scores  # noqa: E402


def number(value):
    if value is None:
        return None
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def export_view(view):
    columns = {}
    for name, column in view.get_columns().items():
        out = {}
        counts = column.get_metric("counts")
        if counts is not None:
            out["counts"] = {k: counts.to_summary_dict()[k] for k in counts.to_summary_dict()}
        types = column.get_metric("types")
        if types is not None:
            out["types"] = types.to_summary_dict()
        distribution = column.get_metric("distribution")
        if distribution is not None:
            out["distribution"] = {
                "kll": base64.b64encode(distribution.kll.value.serialize()).decode(),
                "mean": number(distribution.mean.value),
                "m2": number(distribution.m2.value),
            }
        ints = column.get_metric("ints")
        if ints is not None:
            out["ints"] = {"max": ints.max.value, "min": ints.min.value}
        cardinality = column.get_metric("cardinality")
        if cardinality is not None:
            hll = cardinality.hll.value
            out["cardinality"] = {
                "estimate": hll.get_estimate(),
                "upper": {str(k): hll.get_upper_bound(k) for k in (1, 2, 3)},
                "lower": {str(k): hll.get_lower_bound(k) for k in (1, 2, 3)},
            }
        frequent = column.get_metric("frequent_items")
        if frequent is not None:
            items = frequent.to_summary_dict(SummaryConfig())["frequent_strings"]
            out["frequentItems"] = [
                {"value": item.value, "est": item.est, "upper": item.upper, "lower": item.lower} for item in items
            ]
        columns[name] = out
    return columns


def clean(value):
    """JSON-safe copy: non-finite floats become "NaN" / "Infinity" / "-Infinity" strings."""
    if isinstance(value, dict):
        return {key: clean(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(item) for item in value]
    if isinstance(value, float):
        return number(value)
    if hasattr(value, "item"):
        return clean(value.item())
    return value


def main():
    request = json.load(sys.stdin)
    results = []
    for pair in request["pairs"]:
        target = why.log(pd.DataFrame(pair["target"])).view()
        reference = why.log(pd.DataFrame(pair["reference"])).view()
        if request.get("binDirectory"):
            target.write(f'{request["binDirectory"]}/{len(results)}-target.bin')
            reference.write(f'{request["binDirectory"]}/{len(results)}-reference.bin')
        drift_map = {column: Hellinger() for column in pair.get("hellinger", [])}
        results.append(
            {
                "name": pair["name"],
                "target": export_view(target),
                "reference": export_view(reference),
                "withThresholds": clean(calculate_drift_scores(target, reference, with_thresholds=True)),
                "withoutThresholds": clean(calculate_drift_scores(target, reference)),
                "driftMap": clean(calculate_drift_scores(target, reference, drift_map=drift_map, with_thresholds=True))
                if drift_map
                else None,
            }
        )
    categories = []
    for algorithm, measure in request.get("categories", []):
        instance = {"ks": KS(), "chi-square": ChiSquare(), "hellinger": Hellinger()}[algorithm]
        try:
            categories.append(instance._get_drift_category(measure))
        except ValueError as error:
            categories.append("error: " + str(error))
    print(json.dumps(clean({"pairs": results, "categories": categories}), allow_nan=False))


main()
