"""The pipeline, top to bottom: load -> validate -> link (then render and emit: `render/`, and
`site/plugin.py` or `render/emit.py`; see docs/architecture.md).

Each stage takes typed data and returns typed data plus the problems it found; this module only
chains them, so a reader can follow the whole engine from here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..problems import Problem
from .link import ArchiveGraph, LinkCache, link
from .load import ReadCache, load_archive
from .review import review
from .validate import ValidationCache, validate


@dataclass(frozen=True)
class CheckedArchive:
    """The archive graph and every problem found on the way to it, sorted by file and line."""

    graph: ArchiveGraph
    problems: tuple[Problem, ...]

    @property
    def blocking(self) -> tuple[Problem, ...]:
        """The problems that refuse the archive (all but warnings)."""
        return tuple(problem for problem in self.problems if problem.blocks_publication)


@dataclass
class StageCache:
    """What load, validate and link may reuse from a previous run over the same archive (a
    preview server's rebuilds): files unchanged since are neither read nor validated again."""

    read: ReadCache = field(default_factory=dict)
    validated: ValidationCache = field(default_factory=dict)
    linked: LinkCache = field(default_factory=LinkCache)


def check_archive(
    archive_dir: Path, root: Path | None = None, today: date | None = None, cache: StageCache | None = None
) -> CheckedArchive:
    """Load, validate and link the archive in `archive_dir`; never raises on bad input.

    Problem paths are relative to `root` (by default the folder holding the archive). A `cache`
    spares unchanged files from being read and validated again, and unchanged articles from
    being linked again while no actor or leak file changed.
    """
    with paused_garbage_collector():
        loaded = load_archive(archive_dir, root, cache.read if cache else None)
        valid, invalid = validate(loaded, today, cache.validated if cache else None)
        graph, unlinked = link(valid, cache.linked if cache else None)
        unfinished = review(valid)
        if cache is not None:  # forget files that are gone
            current = {id(record) for record in loaded.records}
            cache.read = {key: hit for key, hit in cache.read.items() if id(hit[0]) in current}
            cache.validated = {key: hit for key, hit in cache.validated.items() if key in current}
    return CheckedArchive(graph, tuple(sorted(set(invalid + unlinked + unfinished))))


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
