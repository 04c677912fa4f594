# Python side of the neptune bench: init time (after import) and append/log_metrics throughput
# of neptune 1.14 (offline / async) and neptune-scale 0.30 (offline / async). Prints JSON.
import json
import os
import sys
import time
import tempfile

kind, mode, steps = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.chdir(tempfile.mkdtemp(prefix="neptune-bench-py-"))
if __name__ == "__main__":
    importing = time.perf_counter()
    if kind == "legacy":
        import neptune

        started, cpu = time.perf_counter(), time.process_time()
        run = neptune.init_run(mode=mode, project="bench/bench", capture_stdout=False, capture_stderr=False,
                               capture_hardware_metrics=False, capture_traceback=False, git_ref=False, source_files=[])
        init, init_cpu = time.perf_counter() - started, time.process_time() - cpu
        import_and_init = time.perf_counter() - importing
        started = time.perf_counter()
        for step in range(steps):
            run["train/loss"].append(1.0 / (step + 1), step=step)
        run.stop()
    else:
        from neptune_scale import Run

        started, cpu = time.perf_counter(), time.process_time()
        run = Run(mode=mode, project="bench/bench", run_id=f"bench-{os.getpid()}", enable_console_log_capture=False,
                  source_tracking_config=None)
        init, init_cpu = time.perf_counter() - started, time.process_time() - cpu
        import_and_init = time.perf_counter() - importing
        started = time.perf_counter()
        for step in range(steps):
            run.log_metrics(data={"train/loss": 1.0 / (step + 1)}, step=step)
        run.close()
    # initCpuMs: CPU time of the start in this process (all threads), without waits for a CPU.
    # importAndInitMs: the client's import plus the start, from the line above the import.
    print(json.dumps({"initMs": init * 1000, "initCpuMs": init_cpu * 1000, "importAndInitMs": import_and_init * 1000,
                      "perSecond": steps / (time.perf_counter() - started)}))
