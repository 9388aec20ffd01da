"""Quick, correct previews under `mkdocs serve --dirty`.

A dirty build rebuilds only the pages whose source changed. Left alone, that is wrong for this
site twice over: generated pages have no source file to compare, so every page counts as changed
(no time saved), and the search index is written from the rebuilt pages alone, so search loses
every other page. This module keeps, between the builds of one `mkdocs serve` session, what the
last build produced: each generated page's Markdown, to tell which pages really changed, and each
page's entries in the search index, to merge the rebuilt pages' entries with the rest.

The memory lives here, keyed by the build folder, and only while the serve process lives: MkDocs
keeps a plugin object between rebuilds only when it has an `on_startup` method, which is a detail
this module need not rely on. Material's search plugin has one and merges its index across dirty
builds itself, but keeps the old entries of all rebuilt pages but one (`merge_search_index`
corrects that).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType

import jinja2

from ..engine.pipeline import StageCache
from ..render.renderer import RenderCache
from .postbuild import SEARCH_INDEX


@dataclass
class BuildMemory:
    """What the previous build of one site folder produced."""

    stages: StageCache = field(default_factory=StageCache)  # archive files read and validated
    render: RenderCache = field(default_factory=RenderCache)  # the previous render, to reuse
    pages: dict[str, str] = field(default_factory=dict)  # page path -> Markdown
    search: dict[str, list[dict]] = field(default_factory=dict)  # page URL -> its index entries


_MEMORIES: dict[str, BuildMemory] = {}


def memory(site_dir: str) -> BuildMemory:
    """The memory of previous builds into `site_dir` (empty at the first build)."""
    return _MEMORIES.setdefault(str(Path(site_dir).resolve()), BuildMemory())


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def merge_search_index(site_dir: Path, remembered: BuildMemory, rebuilt: set[str], pages: set[str]) -> int:
    """Complete the search index of a dirty build with the entries of the pages it skipped.

    `rebuilt` holds the URLs of the pages built this time, `pages` the URLs of every page the
    site now has (a page whose file was removed drops out). A rebuilt page gets the entries this
    build wrote; any other page those remembered from the build that made it, as they were
    written then (labelled, see `postbuild.label_search_index`). Remembers the merged index for
    the next build; returns its number of entries.
    """
    path = site_dir / SEARCH_INDEX
    if not path.is_file():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    fresh: dict[str, list[dict]] = {}
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        url = _page_of(location)
        if location == url and url in rebuilt:
            # A page's own entry comes before its sections' (Material's order). Material's
            # search plugin merges dirty builds itself, but keeps the previous entries of every
            # rebuilt page but the first and appends the new ones: the last run is this build's.
            fresh[url] = []
        fresh.setdefault(url, []).append(doc)
    merged: dict[str, list[dict]] = {}
    for url in sorted(pages):
        if url in rebuilt or url not in remembered.search:
            if url in fresh:
                merged[url] = fresh[url]
        else:
            merged[url] = remembered.search[url]
    remembered.search = merged
    index["docs"] = [doc for entries in merged.values() for doc in entries]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(index["docs"])


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory between the builds of one preview session.

    MkDocs makes a new Jinja environment for every build, which compiles Material's templates
    again (see the README, "Performance"). Jinja checks each cached
    template against a checksum of its source, so an edited template is compiled afresh; and the
    environments MkDocs makes in one process are alike (the same extensions and options), so code
    one compiled runs the same in the next.
    """

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType | None]] = {}  # template key -> (source checksum, code)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Give `bucket` its compiled code, if the cache holds it for this very source."""
        checksum, code = self._code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Remember the code Jinja has just compiled."""
        self._code[bucket.key] = (bucket.checksum, bucket.code)


TEMPLATES = TemplateCache()  # shared by every build of this process


_SESSION = {"serving": False, "dirty": False}


def start_session(*, serving: bool, dirty: bool) -> None:
    """Called once when MkDocs starts: remember whether it serves, and with dirty builds."""
    _SESSION.update(serving=serving, dirty=serving and dirty)


def serving() -> bool:
    """Whether this process is a `mkdocs serve` session (a preview, not a site to publish)."""
    return _SESSION["serving"]


def dirty_session() -> bool:
    """Whether this process is a `mkdocs serve --dirty` session."""
    return _SESSION["dirty"]
