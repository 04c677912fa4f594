"""The same mixed workload in Python, plain vs. flytekit's memray plugin set-up (memray.Tracker
with the plugin's defaults; the time excludes the `memray flamegraph` subprocess, whose size is
reported). Prints one JSON line."""
import json, os, subprocess, sys, tempfile, time

import memray


def mixed_workload():
    kept = []
    length = 0
    for index in range(300_000):
        record = {"id": index, "name": f"row-{index}", "score": index * 0.5, "tags": ["a", "b"]}
        length += len(json.dumps(record))
        if index % 100 == 0:
            kept.append([index] * 64)
    return length + len(kept)


mode = sys.argv[1]
directory = tempfile.mkdtemp(prefix="memray-bench-py-")
started = time.perf_counter()
cpu_started = time.process_time()
report_bytes = 0
if mode == "on":
    capture = os.path.join(directory, "bench.bin")
    with memray.Tracker(capture, native_traces=False, trace_python_allocators=False, follow_fork=False, memory_interval_ms=10):
        mixed_workload()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    html = os.path.join(directory, "flamegraph.bench.html")
    subprocess.run([sys.executable, "-m", "memray", "flamegraph", "-o", html, capture], check=True, capture_output=True)
    report_bytes = os.path.getsize(html)
else:
    mixed_workload()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
print(json.dumps({"milliseconds": elapsed * 1000, "cpuMilliseconds": cpu * 1000, "reportBytes": report_bytes}))
