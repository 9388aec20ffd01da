"""Stage 5, emit (to disk): write the rendered site as files, for engines without plugins.

`leakarchive export DIR` writes the same pages the MkDocs plugin adds in memory, so ProperDocs,
Zensical or plain MkDocs can build the site from DIR. Nothing is written outside DIR.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..errors import LeakArchiveError
from .renderer import Site


class UnsafePathError(LeakArchiveError, ValueError):
    """A generated path that would leave the output folder."""


def safe_target(out_dir: Path, relative: str) -> Path:
    """`out_dir / relative`, refusing absolute paths, `..` and anything resolving outside."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not pure.parts:
        raise UnsafePathError(f"refusing to write outside the output folder: {relative!r}")
    target = out_dir.joinpath(*pure.parts)
    if not target.resolve().is_relative_to(out_dir.resolve()):
        raise UnsafePathError(f"refusing to write outside the output folder: {relative!r}")
    return target


def export(site: Site, out_dir: Path) -> list[Path]:
    """Write every page (Markdown) and file of `site` under `out_dir`; return what was written.

    Files are written only when their content changed, so a watching server rebuilds only what
    is new.
    """
    written = []
    contents: dict[str, bytes] = {path: page.markdown.encode("utf-8") for path, page in site.pages.items()}
    contents.update(site.files)
    for relative, data in sorted(contents.items()):
        target = safe_target(out_dir, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.read_bytes() == data:
            continue
        target.write_bytes(data)
        written.append(target)
    return written
