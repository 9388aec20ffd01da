"""Work shared with the machine's second core: half of a list, done by a forked child process.

Reading files and linking articles are most of a large archive's validation time, and each file
or article is independent. A forked child has every object of this process already, so only its
results travel back (pickled, through a pipe): they should be small. Forking is used only where
it is safe: on Linux, with a second core, in a process running a single thread (a lock held by
another thread at the fork would stay locked in the child). `mkdocs build` and `leakarchive
validate` qualify; `mkdocs serve` runs threads, and its previews redo only what changed anyway.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_in_two(function: Callable[[T], R], items: Sequence[T], *, minimum: int) -> list[R]:
    """`[function(item) for item in items]`, with the second half computed by a forked child
    when there are at least `minimum` items and this process may fork; same results, in order."""
    if len(items) < minimum or not may_fork():
        return [function(item) for item in items]
    half = len(items) // 2
    try:
        child = Child(function, items[half:])
    except OSError:  # no child to be had: do it all here
        return [function(item) for item in items]
    try:
        first = [function(item) for item in items[:half]]
    except BaseException:
        child.stop()
        raise
    second = child.result()
    if second is None:  # the child died: do its half here
        second = [function(item) for item in items[half:]]
    return first + second


class Child:
    """A forked process computing `[function(item) for item in items]`.

    The child is forked, so `function` and `items` are not pickled: it has them already.
    """

    def __init__(self, function: Callable[[T], R], items: Sequence[T]):
        context = multiprocessing.get_context("fork")
        self._results, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_work, args=(function, items, sender), daemon=True)
        self._process.start()
        sender.close()  # the child's end: the pipe reports EOF when the child is gone

    def result(self) -> list | None:
        """The child's results (raising what it raised), or None when it died without them."""
        try:
            done, value = self._results.recv()
        except (EOFError, OSError):
            return None
        finally:
            self._results.close()
            self._process.join()
        if not done:
            raise value
        return value

    def stop(self) -> None:
        """End the child without waiting for its results."""
        self._results.close()
        self._process.terminate()
        self._process.join()


def _work(function: Callable, items: Sequence, sender: Connection) -> None:
    """In the forked child: the work, sent back as (True, results) or (False, the exception)."""
    outcome: tuple[bool, object]
    try:
        outcome = (True, [function(item) for item in items])
    except Exception as error:
        outcome = (False, error)
    sender.send(outcome)
    sender.close()


def may_fork() -> bool:
    """Whether this process may fork a child to share work (see the module's docstring)."""
    return (
        sys.platform.startswith("linux")
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )
