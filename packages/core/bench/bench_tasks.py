"""The Python peer of the benchmark's TypeScript task (interop fixture `add`)."""

import typing

from flytekit import task


@task
def add(a: int, b: int) -> int:
    return a + b


@task
def sum_list(xs: typing.List[int]) -> int:
    """Sums a list of integers (the twin of fixtures/bench-tasks.mjs sumList)."""
    return sum(xs)
