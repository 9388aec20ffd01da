"""Running engine code as a command would, to see it share work with a forked child.

`parallel.map_in_two` forks only from a single-threaded process, and a test session is not one
(the browser tests keep a web server and Playwright running in threads). So these helpers run
the code in a freshly started interpreter and count the process pools it starts there.
"""

from __future__ import annotations

import importlib
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

import pytest

R = TypeVar("R")


def run_sharing_work(function: Callable[..., R], *args: object, minimums: dict[str, int]) -> tuple[int, R]:
    """`function(*args)` in a new interpreter, with each `"module.NAME": value` of `minimums` set
    first (the sizes from which work is shared); returns how many pools `map_in_two` started
    there, and the result. Skips the test where that interpreter may not fork (not Linux, one
    core): there the work is never shared. `function` must be importable, its arguments and
    result picklable."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        may_fork, pools, result = pool.submit(_count_pools, function, args, minimums).result()
    if not may_fork:
        pytest.skip("this platform does the work in one process")
    return pools, result


def _count_pools(function: Callable[..., R], args: tuple, minimums: dict[str, int]) -> tuple[bool, int, R]:
    """In the new interpreter: whether it may fork, then `function(*args)`, counting the children
    `map_in_two` forks."""
    from leakarchive.engine import parallel

    pools = []

    class CountedChild(parallel.Child):
        def __init__(self, *child_args, **child_kwargs):
            pools.append(self)
            super().__init__(*child_args, **child_kwargs)

    parallel.Child = CountedChild  # type: ignore[misc]  # a test replaces the class
    for name, value in minimums.items():
        module, attribute = name.rsplit(".", 1)
        setattr(importlib.import_module(module), attribute, value)
    result = function(*args)
    return parallel.may_fork(), len(pools), result
