# neptune 1.14's side of file-set-bench.mjs: one online run, upload_files(globs), stop().
# Prints {"call_ms", "total_ms"} as JSON: the upload_files call, and from it until stop() returned.
import json
import os
import sys
import time

import neptune

run = neptune.init_run(
    project="bench/bench",
    capture_stdout=False,
    capture_stderr=False,
    capture_hardware_metrics=False,
    capture_traceback=False,
    git_ref=False,
    source_files=[],
)
globs = sys.argv[1:]
started = time.perf_counter()
run["artifacts/files"].upload_files(globs)
called = time.perf_counter()
run.stop()
done = time.perf_counter()
print(json.dumps({"call_ms": (called - started) * 1000, "total_ms": (done - started) * 1000}))
