"""Resolves secrets with flytekit's own SecretsManager for a table of cases (JSON on stdin)."""
import json
import os
import sys

from flytekit.configuration.file import get_config_file
from flytekit.core.context_manager import ExecutionState, FlyteContextManager, SecretsManager

cases = json.load(sys.stdin)
results = []
base_environment = dict(os.environ)
for case in cases:
    os.environ.clear()
    os.environ.update(base_environment)
    os.environ.update(case["environment"])
    # Config-file discovery is cached per process; each case stands for a fresh pod.
    get_config_file.cache_clear()
    mode = ExecutionState.Mode.LOCAL_TASK_EXECUTION if case["local"] else ExecutionState.Mode.TASK_EXECUTION
    context = FlyteContextManager.current_context()
    state = context.new_execution_state().with_params(mode=mode)
    with FlyteContextManager.with_context(context.with_execution_state(state)):
        manager = SecretsManager()
        lookup = case["lookup"]
        try:
            value = manager.get(group=lookup.get("group"), key=lookup.get("key"), group_version=lookup.get("groupVersion"))
            results.append({"value": value})
        except Exception as error:  # ValueError (missing, UnicodeDecodeError), OSError, IndexError
            results.append({"error": str(error), "type": type(error).__name__})
print(json.dumps(results))
