"""What a build may read and write: only regular files inside the project.

MkDocs copies everything under `docs/` (and the theme's `custom_dir`) into the site, following
symbolic links: a pull request adding `docs/env.txt -> /proc/self/environ` would publish CI's
environment, and a FIFO would hang the build. The plugin checks these folders before anything is
built (`unsafe_entries`), and that its path options stay inside the project or the site
(`path_inside`). The archive's own files are checked by the loader (`engine/load.py`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from ..problems import printable


def unsafe_entries(folder: Path, root: Path) -> list[str]:
    """Every symbolic link and special file (FIFO, socket, device) under `folder`, described with
    its path relative to `root`; links are reported, never followed. A `folder` that is itself a
    link is reported as such."""
    found: list[str] = []
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        try:
            mode = os.lstat(current).st_mode
        except OSError as error:
            found.append(f"{_label(current, root)}: cannot be read ({error.strerror})")
            continue
        if stat.S_ISLNK(mode):
            target = printable(os.readlink(current))
            found.append(f"{_label(current, root)}: a symbolic link (to {target}); put the file itself there")
        elif stat.S_ISDIR(mode):
            try:
                names = sorted(os.listdir(current), reverse=True)
            except OSError as error:
                found.append(f"{_label(current, root)}: cannot be read ({error.strerror})")
                continue
            stack.extend(os.path.join(current, name) for name in names)
        elif not stat.S_ISREG(mode):
            found.append(
                f"{_label(current, root)}: a special file (FIFO, socket or device), not a regular file"
            )
    return sorted(found)


def _label(path: str, root: Path) -> str:
    try:
        return printable(Path(path).relative_to(root).as_posix())
    except ValueError:
        return printable(path)


def path_inside(base: Path, value: str, option: str) -> Path:
    """`base / value`, which must stay inside `base` once every link is resolved; ValueError
    naming the option otherwise."""
    if "\\" in value or not value.isprintable():
        raise ValueError(f"{option}: expected a path with '/' between folders, found {printable(value)!r}")
    if PurePosixPath(value).is_absolute():
        raise ValueError(f"{option}: expected a path relative to {base}, found the absolute path {value!r}")
    target = (base / value).resolve()
    if not target.is_relative_to(base.resolve()):
        raise ValueError(f"{option}: expected a path inside {base}, found {value!r}, which leads to {target}")
    return target
