"""What a preview (`mkdocs serve`) reuses between builds: the one place that keeps state between them.

The stages (load, validate, link, render) are pure functions of their inputs. A preview session
calls the same per-item functions they are made of, and keeps each result under a key made of
content, never of object identity:

- a file read, and its record validated: by its path, size and modification time (and the date,
  which validation compares with);
- an article linked: by its file's key and the keys of every actor and leak file (the "world"
  it is linked against); only articles linked without a problem are kept;
- the pages of an article, actor, leak or the index pages ("owners"): kept while the world and
  the options are the same, and rendered again when an article they show changed;
- each article's part of the data files (its CSV rows, its Web Annotations) and archive.json's
  records: by the same keys (and the options);
- each generated page's Markdown and a digest of each data file, to tell MkDocs which really
  changed, and each page's entries in the search index, to merge the rebuilt pages' entries with
  the rest (these three only matter to `mkdocs serve --dirty`, which skips the unchanged);
- the theme's compiled templates, by a checksum of their source (`TemplateCache`).

A build that reuses anything gives the same site as a fresh one (tests/test_incremental.py).
The memory lives only while the serve process lives, keyed by the build folder: MkDocs keeps a
plugin object between rebuilds only when it has an `on_startup` method, a detail this module
need not rely on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import CodeType

import jinja2

from .. import urls
from ..engine import load
from ..engine.link import ArchiveGraph, ArticleLinker, LinkedArticle
from ..engine.load import ArchiveFile, RawRecord
from ..engine.pipeline import CheckedArchive, checked, paused_garbage_collector
from ..engine.review import review
from ..engine.validate import ArticleEntry, RecordCheck, combine, validate_record
from ..problems import Problem
from ..render import data_files
from ..render.data_files import ArticleData
from ..render.data_page import data_page
from ..render.pages import Page, PageMaker, RenderOptions
from ..render.renderer import INDEX, Owner, Site, in_order, owner_pages, owners, owners_showing
from .postbuild import SEARCH_INDEX

FileKey = tuple[str, int, int]
"""A file's content, as far as a preview cares: its path, size and modification time (ns)."""
World = str
"""A digest of every actor and leak file's key: what linking an article depends on besides the
article (a digest, not the keys themselves, since an article's key is hashed and compared often)."""
ArticleKey = tuple[FileKey, World]


def file_key(path: str) -> FileKey | None:
    """The key of the file at `path`, or None when it cannot be looked at."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (path, status.st_size, status.st_mtime_ns)


# --- load, validate, link -------------------------------------------------------------------


@dataclass
class StageMemory:
    """Files read, records validated and articles linked by the previous build."""

    reads: dict[FileKey, tuple[RawRecord, list[Problem]]] = field(default_factory=dict)
    checks: dict[tuple[FileKey, date], RecordCheck] = field(default_factory=dict)
    links: dict[ArticleKey, LinkedArticle] = field(default_factory=dict)  # linked without a problem
    file_keys: dict[str, FileKey] = field(default_factory=dict)  # path in messages -> key, now
    article_keys: dict[str, ArticleKey] = field(default_factory=dict)  # article id -> key, now
    world: World | None = None  # None when a file could not be looked at: nothing is reused

    def check(self, archive_dir: Path, root: Path, today: date | None = None) -> CheckedArchive:
        """What `pipeline.check_archive` gives, reading, validating and linking only what changed."""
        today = today or date.today()
        with paused_garbage_collector():
            files, problems = load.archive_files(archive_dir, root)
            keys = [file_key(file.path) for file in files]
            self._remember_keys(files, keys)
            loaded = load.loaded(files, self._read(files, keys), problems)
            valid, invalid = combine(loaded, self._validate(loaded.records, keys, today))
            graph, unlinked = self._link(ArticleLinker.of(valid), valid.articles)
            unfinished = review(valid)  # cheap, and it reads across files: done again each time
        return checked(graph, invalid + unlinked + unfinished)

    def _remember_keys(self, files: list[ArchiveFile], keys: list[FileKey | None]) -> None:
        """Each file's key by its path in messages, and the world articles are linked against;
        none when a file could not be looked at (it may have changed unseen)."""
        known = [(file, key) for file, key in zip(files, keys, strict=True) if key is not None]
        if len(known) < len(files):
            self.file_keys, self.world = {}, None
            return
        self.file_keys = {file.label: key for file, key in known}
        world = [key for file, key in known if file.kind != "article"]
        self.world = hashlib.sha256(repr(world).encode()).hexdigest()

    def record_key(self, kind: str, item_id: str, item: object) -> object | None:
        """The key of an entry (actor, leak) or linked article of the last check, or None."""
        if kind == "article":
            return self.article_keys.get(item_id)
        return self.file_keys.get(item.record.path)  # type: ignore[attr-defined]  # an Entry

    def _read(
        self, files: list[ArchiveFile], keys: list[FileKey | None]
    ) -> list[tuple[RawRecord, list[Problem]]]:
        reads, kept = [], {}
        for file, key in zip(files, keys, strict=True):
            read = self.reads.get(key) if key is not None else None
            if read is None:
                read = load.read_file(file)
            if key is not None:
                kept[key] = read
            reads.append(read)
        self.reads = kept
        return reads

    def _validate(
        self, records: list[RawRecord], keys: list[FileKey | None], today: date
    ) -> list[RecordCheck | None]:
        checks: list[RecordCheck | None] = []
        kept: dict[tuple[FileKey, date], RecordCheck] = {}
        for record, key in zip(records, keys, strict=True):
            if record.data is None:  # the loader has reported why
                checks.append(None)
                continue
            check = self.checks.get((key, today)) if key is not None else None
            if check is None:
                check = validate_record(record, today)
            if key is not None:
                kept[(key, today)] = check
            checks.append(check)
        self.checks = kept
        return checks

    def _link(
        self, linker: ArticleLinker, articles: tuple[ArticleEntry, ...]
    ) -> tuple[ArchiveGraph, list[Problem]]:
        linked: list[tuple[LinkedArticle, list[Problem]]] = []
        kept: dict[ArticleKey, LinkedArticle] = {}
        self.article_keys = {}
        for entry in articles:
            key = self.file_keys.get(entry.record.path)
            article_key = (key, self.world) if key is not None and self.world is not None else None
            previous = self.links.get(article_key) if article_key is not None else None
            result = (previous, []) if previous is not None else linker.link(entry)
            if article_key is not None:
                self.article_keys[entry.model.id] = article_key
                if not result[1]:
                    kept[article_key] = result[0]
            linked.append(result)
        self.links = kept
        return linker.graph(linked)


# --- render ---------------------------------------------------------------------------------


@dataclass
class RenderMemory:
    """The previous render: its pages by owner, list entries and archive.json's records."""

    options: RenderOptions | None = None
    world: World | None = None
    article_keys: dict[str, ArticleKey] = field(default_factory=dict)
    touched: dict[str, set[Owner]] = field(default_factory=dict)  # article id -> owners showing it
    pages_of: dict[Owner, tuple[Page, ...]] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)  # article id -> its list entry
    records: dict[tuple[str, str], tuple[object, bytes]] = field(default_factory=dict)
    data: dict[str, tuple[ArticleKey, ArticleData]] = field(default_factory=dict)  # by article id
    owners_rendered: int = 0  # how many owners' pages the last render made (tests check it is few)
    data_encoded: int = 0  # how many articles' data the last render encoded (the same)

    def render(self, graph: ArchiveGraph, stages: StageMemory, options: RenderOptions) -> Site:
        """What `renderer.render` gives, rendering again only the pages an edit can change."""
        maker = PageMaker(graph, options)
        everything = owners(graph)
        changed = self._changed_articles(stages, options)
        articles = self._article_data(graph, stages, options, reuse=options == self.options)
        if changed is None:
            to_render = set(everything)
        else:
            maker.reuse_article_items({a: item for a, item in self.items.items() if a not in changed})
            to_render = {INDEX} | {owner for owner in everything if owner not in self.pages_of}
            for article_id in changed:
                to_render |= self.touched.get(article_id, set()) | owners_showing(graph, article_id)
        self.pages_of = {
            owner: owner_pages(maker, owner) if owner in to_render else self.pages_of[owner]
            for owner in everything
        }
        self.options, self.world, self.article_keys = options, stages.world, dict(stages.article_keys)
        # An unchanged article (same file, same world) shows on the same owners' pages as before.
        self.touched = {
            article_id: self.touched[article_id]
            if changed is not None and article_id not in changed and article_id in self.touched
            else owners_showing(graph, article_id)
            for article_id in graph.articles
        }
        self.items, self.owners_rendered = maker.article_items_made(), len(to_render)
        files, counts = data_files.other_files(graph, options, articles)
        files[urls.DATA_JSON] = self._archive_json(graph, stages)
        pages = [page for owned in self.pages_of.values() for page in owned]
        pages.append(data_page(maker, counts))
        return Site(in_order(pages), files)

    def _changed_articles(self, stages: StageMemory, options: RenderOptions) -> set[str] | None:
        """The ids of the articles whose pages may differ; None when every page must be rendered."""
        if options != self.options or stages.world is None or stages.world != self.world:
            return None
        before, now = self.article_keys, stages.article_keys
        return {a for a in before.keys() | now.keys() if before.get(a) != now.get(a)}

    def _article_data(
        self, graph: ArchiveGraph, stages: StageMemory, options: RenderOptions, *, reuse: bool
    ) -> dict[str, ArticleData]:
        """Each article's part of the data files, encoding again only the articles whose file or
        world changed (every article unless `reuse`: the options are those of the last render)."""
        kept: dict[str, tuple[ArticleKey, ArticleData]] = {}
        articles: dict[str, ArticleData] = {}
        self.data_encoded = 0
        for article_id in graph.articles:
            key = stages.article_keys.get(article_id)
            hit = self.data.get(article_id)
            if reuse and hit is not None and key is not None and hit[0] == key:
                data = hit[1]
            else:
                data = data_files.article_data(graph, article_id, options)
                self.data_encoded += 1
            if key is not None:
                kept[article_id] = (key, data)
            articles[article_id] = data
        self.data = kept
        return articles

    def _archive_json(self, graph: ArchiveGraph, stages: StageMemory) -> bytes:
        """archive.json, encoding again only the records whose files changed."""
        kept: dict[tuple[str, str], tuple[object, bytes]] = {}
        encoded: dict[str, list[bytes]] = {}
        for name, (kind, items) in data_files.sections(graph).items():
            encoded[name] = []
            for item_id, item in items:
                key = stages.record_key(kind, item_id, item)
                hit = self.records.get((kind, item_id))
                value = (
                    hit[1]
                    if hit is not None and key is not None and hit[0] == key
                    else data_files.record_json(item)
                )
                if key is not None:
                    kept[(kind, item_id)] = (key, value)
                encoded[name].append(value)
        self.records = kept
        return data_files.join_archive_json(encoded)


# --- what MkDocs writes: pages and the search index -------------------------------------------


@dataclass
class Session:
    """Everything one `mkdocs serve` session keeps between builds into one site folder."""

    root: Path | None = None
    stages: StageMemory = field(default_factory=StageMemory)
    renders: RenderMemory = field(default_factory=RenderMemory)
    pages: dict[str, str] = field(default_factory=dict)  # page path -> Markdown, last build
    files: dict[str, bytes] = field(default_factory=dict)  # data file path -> digest, last build
    search: dict[str, list[bytes]] = field(default_factory=dict)  # page URL -> its index entries

    def check(self, archive_dir: Path, root: Path) -> CheckedArchive:
        """The archive checked (`pipeline.check_archive`), reusing what did not change."""
        if root != self.root:  # paths in messages are relative to the root: start afresh
            self.root, self.stages, self.renders = root, StageMemory(), RenderMemory()
        return self.stages.check(archive_dir, root)

    def render(self, graph: ArchiveGraph, options: RenderOptions) -> Site:
        """The graph of the last check rendered (`renderer.render`), reusing what did not change."""
        return self.renders.render(graph, self.stages, options)

    def remember_pages(self, pages: dict[str, str]) -> set[str]:
        """Remember this build's pages (path -> Markdown); return the paths unchanged since the last."""
        unchanged = {path for path, markdown in pages.items() if self.pages.get(path) == markdown}
        self.pages = pages
        return unchanged

    def remember_files(self, files: Mapping[str, bytes]) -> set[str]:
        """Remember this build's data files (path -> bytes, by a digest: a large archive's data
        files would double the memory kept); return the paths unchanged since the last build."""
        digests = {path: hashlib.blake2b(data, digest_size=16).digest() for path, data in files.items()}
        unchanged = {path for path, digest in digests.items() if self.files.get(path) == digest}
        self.files = digests
        return unchanged

    def merge_search_index(self, site_dir: Path, rebuilt: set[str], pages: set[str]) -> int:
        """Complete the search index of a dirty build with the entries of the pages it skipped.

        `rebuilt` holds the URLs of the pages built this time, `pages` the URLs of every page the
        site now has (a page whose file was removed drops out). A rebuilt page gets the entries
        this build wrote; any other page those remembered from the build that made it, as they
        were written then (labelled, see `postbuild.label_search_index`). Remembers the merged
        index for the next build; returns its number of entries. The index is cut into entries
        as bytes, never loaded whole (see `_index_entries`).
        """
        path = site_dir / SEARCH_INDEX
        if not path.is_file():
            return 0
        split = _index_entries(path.read_bytes())
        if split is None:
            return 0
        head, entries, tail = split
        fresh = _entries_by_page(entries, rebuilt)
        merged: dict[str, list[bytes]] = {}
        for url in sorted(pages):
            if url in rebuilt or url not in self.search:
                if url in fresh:
                    merged[url] = fresh[url]
            else:
                merged[url] = self.search[url]
        self.search = merged
        docs = [entry for page_entries in merged.values() for entry in page_entries]
        path.write_bytes(head + b",".join(docs) + tail)
        return len(docs)


# Each entry of Material's search index starts {"location":"..." (its first key, as it writes
# them and as `postbuild` relies on); a quote inside a JSON string is escaped, so this pattern
# never matches inside a value, nor does the opening of the "docs" list.
_ENTRY = re.compile(rb'\{\s*"location"\s*:\s*"((?:[^"\\]|\\.)*)"')
_DOCS = re.compile(rb'"docs"\s*:\s*\[')


def _index_entries(data: bytes) -> tuple[bytes, list[tuple[str, bytes]], bytes] | None:
    """Material's search index cut into what precedes its entries, each entry's location and
    JSON, and what follows them ("docs" is the last key Material writes); None when it holds no
    list of entries. Cut as bytes: loading it whole was among the largest parts of a dirty build."""
    docs = _DOCS.search(data)
    end = data.rstrip().rfind(b"]")
    if docs is None or end < docs.end():
        return None
    starts = list(_ENTRY.finditer(data, docs.end(), end))
    entries = []
    for match, stop in zip(starts, [m.start() for m in starts[1:]] + [end], strict=True):
        location = match[1].decode("utf-8")
        if "\\" in location:  # escaped: read as JSON
            location = json.loads(f'"{location}"')
        entries.append((location, data[match.start() : stop].rstrip().removesuffix(b",").rstrip()))
    return data[: docs.end()], entries, data[end:]


def _entries_by_page(entries: list[tuple[str, bytes]], rebuilt: set[str]) -> dict[str, list[bytes]]:
    """The search index's entries by page URL; of a rebuilt page, only this build's."""
    fresh: dict[str, list[bytes]] = {}
    for location, entry in entries:
        url = location.split("#", 1)[0]
        if location == url and url in rebuilt:
            # A page's own entry comes before its sections' (Material's order). Material's
            # search plugin merges dirty builds itself, but keeps the previous entries of every
            # rebuilt page but the first and appends the new ones: the last run is this build's.
            fresh[url] = []
        fresh.setdefault(url, []).append(entry)
    return fresh


# --- the theme's templates ------------------------------------------------------------------


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory between the builds of one preview session.

    MkDocs makes a new Jinja environment for every build, which compiles Material's templates
    again (see the README's Performance section). Jinja checks each cached template against a
    checksum of its source, so an edited template is compiled afresh; and the environments MkDocs
    makes in one process are alike (the same extensions and options), so code one compiled runs
    the same in the next.
    """

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType | None]] = {}  # template key -> (checksum, code)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Give `bucket` its compiled code, if the cache holds it for this very source."""
        checksum, code = self._code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Remember the code Jinja has just compiled."""
        self._code[bucket.key] = (bucket.checksum, bucket.code)


# --- this process ---------------------------------------------------------------------------


@dataclass
class _Process:
    """What this process is doing, and what its previews keep (the only module-level state)."""

    serving: bool = False
    dirty: bool = False
    templates: TemplateCache = field(default_factory=TemplateCache)
    sessions: dict[str, Session] = field(default_factory=dict)  # by resolved site folder


_PROCESS = _Process()


def start(*, serving: bool, dirty: bool) -> None:
    """Called once when MkDocs starts: remember whether it serves, and with dirty builds."""
    _PROCESS.serving, _PROCESS.dirty = serving, serving and dirty


def serving() -> bool:
    """Whether this process is a `mkdocs serve` session (a preview, not a site to publish)."""
    return _PROCESS.serving


def dirty() -> bool:
    """Whether this process is a `mkdocs serve --dirty` session."""
    return _PROCESS.dirty


def templates() -> TemplateCache:
    """The theme's compiled templates, shared by every build of this process."""
    return _PROCESS.templates


def session(site_dir: str) -> Session:
    """What the previous builds into `site_dir` left (nothing at the first build)."""
    return _PROCESS.sessions.setdefault(str(Path(site_dir).resolve()), Session())
