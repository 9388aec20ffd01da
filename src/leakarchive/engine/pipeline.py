"""The pipeline, top to bottom: load -> validate -> link (then render and emit: `render/`, and
`site/plugin.py` or `render/emit.py`; see docs/architecture.md).

Each stage takes typed data and returns typed data plus the problems it found; this module only
chains them, so a reader can follow the whole engine from here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..problems import Problem
from .link import ArchiveGraph, link
from .load import load_archive
from .review import review
from .validate import validate


@dataclass(frozen=True)
class CheckedArchive:
    """The archive graph and every problem found on the way to it, sorted by file and line."""

    graph: ArchiveGraph
    problems: tuple[Problem, ...]

    @property
    def blocking(self) -> tuple[Problem, ...]:
        """The problems that refuse the archive (all but warnings)."""
        return tuple(problem for problem in self.problems if problem.blocks_publication)


def check_archive(archive_dir: Path, root: Path | None = None, today: date | None = None) -> CheckedArchive:
    """Load, validate and link the archive in `archive_dir`; never raises on bad input.

    Problem paths are relative to `root` (by default the folder holding the archive).
    """
    with paused_garbage_collector():
        loaded = load_archive(archive_dir, root)
        valid, invalid = validate(loaded, today)
        graph, unlinked = link(valid)
        unfinished = review(valid)
    return checked(graph, invalid + unlinked + unfinished)


def checked(graph: ArchiveGraph, problems: list[Problem]) -> CheckedArchive:
    """The result of the pipeline: the graph, and its problems sorted once each."""
    return CheckedArchive(graph, tuple(sorted(set(problems))))


@contextmanager
def paused_garbage_collector() -> Iterator[None]:
    """Pause Python's cycle collector while the pipeline builds a large graph.

    The stages allocate hundreds of thousands of long-lived objects and create no cycles worth
    collecting; left running, the collector rescans them all again and again (a third of the
    time of a 10,000-article check). Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
