"""The Python peer of the benchmark's TypeScript task (interop fixture `add`)."""

from flytekit import task


@task
def add(a: int, b: int) -> int:
    return a + b
