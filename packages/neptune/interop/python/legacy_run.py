# Drives the real `neptune` 1.x client: init_run -> assign / append / add -> stop, against the
# server named by NEPTUNE_API_TOKEN (or offline with NEPTUNE_MODE=offline). Prints the run id.
import os
import sys

import neptune

run = neptune.init_run(
    project=os.environ["NEPTUNE_PROJECT"],
    custom_run_id=os.environ.get("CUSTOM_RUN_ID"),
    name="python-run",
    tags=["python", "oracle"],
    capture_stdout=False,
    capture_stderr=False,
    capture_hardware_metrics=False,
    capture_traceback=False,
    git_ref=False,
    source_files=[],
)
run["parameters/lr"] = 0.001
run["parameters/epochs"] = 3
run["parameters/optimizer"] = "adam"
run["parameters/shuffle"] = True
for step in range(int(os.environ.get("STEPS", "5"))):
    run["train/loss"].append(1.0 / (step + 1), step=step)
run["train/phase"].append("done", step=0)
run["sys/tags"].add("extra")
# UPLOADS="attribute=path,…": file atoms (run[attribute].upload(path)).
for spec in filter(None, os.environ.get("UPLOADS", "").split(",")):
    attribute, path = spec.split("=", 1)
    run[attribute].upload(path)
# FILE_SETS="attribute=glob;glob|…": file sets (run[attribute].upload_files(globs)).
for spec in filter(None, os.environ.get("FILE_SETS", "").split("|")):
    attribute, globs = spec.split("=", 1)
    run[attribute].upload_files(globs.split(";"))
run.stop()
print(run._sys_id if hasattr(run, "_sys_id") else "", file=sys.stderr)
