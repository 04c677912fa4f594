"""The Python twins of interop/fixtures/map-tasks.mjs, mapped with flytekit's own ``map_task``.

Imported by name (``map_tasks_oracle``) so that pyflyte-map-execute's resolver can load them again.
"""

from flytekit import task


@task
def py_scale(x: int, factor: int) -> int:
    """x * factor; a negative x fails (a user error)."""
    if x < 0:
        raise ValueError(f"negative input {x}")
    return x * factor
