"""Python side of bench/profile.mjs: whylogs 1.6.4 profiling pandas chunks of the same column plan.

Usage: profile_bench.py <numeric|mixed|lowcard> <rows> <chunk_rows>; prints {"seconds", "cpuSeconds", "maxRssMiB", "bytes"}.
Data is generated per chunk outside the timed region; only DatasetProfile.track and the final write are timed.
"""
import json
import os
import resource
import sys
import tempfile
import time

import numpy as np
import pandas as pd
from whylogs.core import DatasetProfile


def make_chunk(variant, rows, rng):
    if variant == "numeric":
        columns = {f"i{index}": rng.integers(0, 10 ** (index + 2), rows) for index in range(5)}
        columns.update({f"f{index}": rng.random(rows) * 1000 - 300 for index in range(5)})
        return pd.DataFrame(columns)
    if variant == "lowcard":
        return pd.DataFrame({"i0": rng.integers(0, 10, rows), "i1": rng.integers(0, 50, rows)})
    f2 = rng.random(rows)
    f2[rng.random(rows) < 0.05] = np.nan
    return pd.DataFrame(
        {
            "i0": rng.integers(0, 1_000_000, rows),
            "i1": rng.integers(0, 1000, rows),
            "i2": rng.integers(0, 10, rows),
            "f0": rng.random(rows) * 1000 - 300,
            "f1": rng.random(rows) * 1000 - 300,
            "f2": f2,
            "s0": pd.Series([f"category-{value}" for value in rng.integers(0, 1000, rows)], dtype="object"),
            "s1": pd.Series([f"id-{value}" for value in rng.integers(0, 100_000, rows)], dtype="object"),
            "b0": rng.random(rows) < 0.3,
            "i3": rng.integers(0, 50, rows),
        }
    )


def main(argv):
    variant, rows, chunk_rows = argv[1], int(argv[2]), int(argv[3])
    rng = np.random.default_rng(42)
    profile = DatasetProfile()
    seconds = 0.0
    cpu_seconds = 0.0
    done = 0
    while done < rows:
        chunk = make_chunk(variant, min(chunk_rows, rows - done), rng)
        started = time.perf_counter()
        cpu_started = time.process_time()
        profile.track(pandas=chunk)
        cpu_seconds += time.process_time() - cpu_started
        seconds += time.perf_counter() - started
        done += len(chunk)
        del chunk
    started = time.perf_counter()
    cpu_started = time.process_time()
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "profile.bin")
        profile.view().write(path)
        size = os.path.getsize(path)
    cpu_seconds += time.process_time() - cpu_started
    seconds += time.perf_counter() - started
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpuSeconds": cpu_seconds, "maxRssMiB": max_rss, "bytes": size}))


if __name__ == "__main__":
    main(sys.argv)
