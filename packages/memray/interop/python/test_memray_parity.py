"""Prints what flytekit's memray plugin does for the spec §8.7 vectors, as one PARITY<json> line.

Named test_* because flytekit only allows tasks declared in test modules or at module level."""
import json, sys
import flytekit
from flytekit import task
from flytekitplugins.memray import memray_profiling

out = {"errors": {}}
cases = {
    "summary": dict(memray_html_reporter="summary"),
    "trash": dict(memray_reporter_args=["--leaks", "trash"]),
    "ints": dict(memray_reporter_args=[0, 1, 2]),
    "leaks": dict(memray_reporter_args=["--leaks"]),
    "empty": dict(memray_reporter_args=[]),
    "none": dict(memray_reporter_args=None),
    "a--b": dict(memray_reporter_args=["a--b"]),
    "table-x": dict(memray_html_reporter="table", memray_reporter_args=["x"]),
}
for name, kwargs in cases.items():
    try:
        memray_profiling(**kwargs)
        out["errors"][name] = None
    except ValueError as error:
        out["errors"][name] = str(error)
out["extra_config"] = memray_profiling().get_extra_config()

def heavy_compute(i: int) -> int:
    return i + 1


profiled = task(enable_deck=True)(memray_profiling(heavy_compute))
profiled_table = task(enable_deck=True)(memray_profiling(memray_html_reporter="table")(heavy_compute))
plain = task(enable_deck=True)(heavy_compute)
disabled_profiled = task(memray_profiling(heavy_compute))


def decks_of(t):
    t(i=7)
    return [deck.name for deck in flytekit.current_context().decks]


out["decks_profiled"] = decks_of(profiled)
out["decks_table"] = decks_of(profiled_table)
out["decks_plain"] = decks_of(plain)
out["decks_disabled_profiled"] = decks_of(disabled_profiled)
print("PARITY" + json.dumps(out))
