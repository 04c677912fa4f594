# Drives the real neptune-scale client: Run -> log_configs / log_metrics / add_tags -> close,
# online against the server named by NEPTUNE_API_TOKEN (mode from NEPTUNE_MODE, default async).
import os

from neptune_scale import Run

if __name__ == "__main__":
    run = Run(
        project=os.environ["NEPTUNE_PROJECT"],
        run_id=os.environ["RUN_ID"],
        experiment_name="py-experiment",
        enable_console_log_capture=False,
        source_tracking_config=None,
    )
    run.log_configs({"parameters/lr": 0.001, "parameters/epochs": 3, "parameters/optimizer": "adam", "parameters/shuffle": True})
    for step in range(int(os.environ.get("STEPS", "5"))):
        run.log_metrics(data={"train/loss": 1.0 / (step + 1)}, step=step)
    run.add_tags(["python", "oracle"])
    # ASSIGN_FILES="attribute=path,…" (a path) or "attribute=text:…" (bytes): run.assign_files.
    files = {}
    for spec in filter(None, os.environ.get("ASSIGN_FILES", "").split(",")):
        attribute, source = spec.split("=", 1)
        files[attribute] = source[5:].encode() if source.startswith("text:") else source
    if files:
        run.assign_files(files)
    run.close()
