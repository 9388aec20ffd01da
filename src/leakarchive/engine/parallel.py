"""Work shared with the machine's second core: half of a list, done by a forked child process.

Reading files and linking articles are most of a large archive's validation time, and each file
or article is independent. A forked child has every object of this process already, so only its
results travel back (pickled): they should be small. Forking is used only where it is safe: on
Linux, with a second core, in a process running a single thread (a lock held by another thread
at the fork would stay locked in the child). `mkdocs build` and `leakarchive validate` qualify;
`mkdocs serve` runs threads, and its previews redo only what changed anyway.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_CHILD_WORK: tuple[Callable, Sequence] | None = None  # what the forked child works on


def map_in_two(function: Callable[[T], R], items: Sequence[T], *, minimum: int) -> list[R]:
    """`[function(item) for item in items]`, with the second half computed by a forked child
    when there are at least `minimum` items and this process may fork; same results, in order."""
    global _CHILD_WORK
    if len(items) < minimum or not may_fork():
        return [function(item) for item in items]
    half = len(items) // 2
    _CHILD_WORK = (function, items[half:])
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            future = pool.submit(_child)
            first = [function(item) for item in items[:half]]
            second = future.result()
    except (OSError, BrokenProcessPool):  # no child to be had, or it died: do it all here
        return [function(item) for item in items]
    finally:
        _CHILD_WORK = None
    return first + second


def _child() -> list:
    """In the forked child: the work `map_in_two` left for it."""
    assert _CHILD_WORK is not None
    function, items = _CHILD_WORK
    return [function(item) for item in items]


def may_fork() -> bool:
    """Whether this process may fork a child to share work (see the module's docstring)."""
    return (
        sys.platform.startswith("linux")
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )
