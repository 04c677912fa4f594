"""The bench workloads in Python, plain vs. flytekit's memray plugin set-up (memray.Tracker with the
plugin's defaults; the time excludes the `memray flamegraph` subprocess, whose size is reported).
    python python_peer.py <mixed|deep|csv|markdown|compile> <off|on>
Prints one JSON line. Python is ~10x slower per iteration, so mixed and deep are 10x shorter than
Node's. The real-library peers of overhead.mjs's papaparse, marked and TypeScript cases are the
nearest Python work on the same kind of input: the csv module with typed values (a fifth of the CSV,
BENCH_SCALE as in Node), markdown-it-py (a fifth of the Markdown) and compile() of flytekit's own
source files (the oracle's Python compiler checking a package). Inputs are built before timing."""
import csv, io, json, os, subprocess, sys, tempfile, time

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


scale = float(os.environ.get("BENCH_SCALE", "1"))


def typed(text):
    """papaparse's dynamicTyping: numbers become numbers, the rest stays text."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def csv_workload():
    lines = ["id,name,score,city,comment"]
    size = 0
    index = 0
    while size < scale * 10 * 1024 * 1024:
        line = f'{index},user-{index % 9973},{index * 0.37:.3f},city-{index % 311},"note {index}, with a comma"'
        lines.append(line)
        size += len(line) + 1
        index += 1
    text = "\n".join(lines)
    return lambda: len([{key: typed(value) for key, value in row.items()} for row in csv.DictReader(io.StringIO(text))])


def markdown_workload():
    from markdown_it import MarkdownIt

    def block(index):
        return (
            f"## Section {index}\n\nSome *emphasis*, **strong** text, `code` and a [link](https://example.com/{index}).\n\n"
            f"- item one {index}\n- item two with _words_\n  - nested {index}\n\n"
            f"| a | b |\n|---|---|\n| {index} | {index * 2} |\n\n```js\nconst x{index} = {index};\n```\n\n> quoted {index}\n\n"
        )

    parts = []
    size = 0
    index = 0
    while size < scale * 8_000_000 / 5:
        part = block(index)
        parts.append(part)
        size += len(part)
        index += 1
    text = "".join(parts)
    renderer = MarkdownIt("commonmark").enable("table")
    return lambda: len(renderer.render(text))


def compile_workload():
    import importlib.util

    # Located, not imported: importing flytekit starts threads that would run during the timing.
    root = os.path.dirname(importlib.util.find_spec("flytekit").origin)
    sources = []
    for directory, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            if name.endswith(".py"):
                with open(os.path.join(directory, name), encoding="utf-8") as handle:
                    sources.append((os.path.join(directory, name), handle.read()))
    sources = sources[: max(1, int(len(sources) * min(1.0, scale)))]
    return lambda: sum(len(compile(source, path, "exec").co_consts) for path, source in sources)


workload, mode = (sys.argv[1], sys.argv[2]) if len(sys.argv) > 2 else ("mixed", sys.argv[1])
prepared = {"csv": csv_workload, "markdown": markdown_workload, "compile": compile_workload}
body = prepared[workload]() if workload in prepared else deep_workload if workload == "deep" else mixed_workload
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
