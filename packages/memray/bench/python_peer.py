"""The bench workloads in Python, plain vs. flytekit's memray plugin set-up (memray.Tracker with the
plugin's defaults; the time excludes the `memray flamegraph` subprocess, whose size is reported).
    python python_peer.py <mixed|deep> <off|on>
Prints one JSON line. Python is ~10x slower per iteration, so both loops are 10x shorter than Node's."""
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


def deep_workload():
    total = 0

    def leaf(count):
        nonlocal total
        for index in range(count):
            point = {"x": index, "y": index + 1, "z": [index]}
            total += point["z"][0]
        return total

    def descend(depth, count):
        return leaf(count) if depth == 0 else descend(depth - 1, count) + 0

    return descend(40, 2_000_000)


workload, mode = (sys.argv[1], sys.argv[2]) if len(sys.argv) > 2 else ("mixed", sys.argv[1])
body = deep_workload if workload == "deep" else mixed_workload
directory = tempfile.mkdtemp(prefix="memray-bench-py-")
started = time.perf_counter()
cpu_started = time.process_time()
thread_started = time.thread_time()
report_bytes = 0
if mode == "on":
    capture = os.path.join(directory, "bench.bin")
    with memray.Tracker(capture, native_traces=False, trace_python_allocators=False, follow_fork=False, memory_interval_ms=10):
        body()
else:
    body()
elapsed = time.perf_counter() - started
cpu = time.process_time() - cpu_started
thread = time.thread_time() - thread_started
if mode == "on":
    html = os.path.join(directory, "flamegraph.bench.html")
    subprocess.run([sys.executable, "-m", "memray", "flamegraph", "-o", html, capture], check=True, capture_output=True)
    report_bytes = os.path.getsize(html)
print(json.dumps({"milliseconds": elapsed * 1000, "cpuMilliseconds": cpu * 1000, "mainThreadMilliseconds": thread * 1000, "reportBytes": report_bytes}))
