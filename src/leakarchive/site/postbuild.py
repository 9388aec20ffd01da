"""After the site generator: touch-ups on the built site's files, for readers.

- `label_search_index`: search results say which kind of page they are ("Actor: Abbas Milani"),
  by prefixing the title of each page's entry in Material's `search/search_index.json`.
- `make_offline`: zips a copy of the built site that works opened straight from disk (file://)
  with no network, search included; the site offers it for download.

From disk a folder does not open its index.html, so the copy links to index.html files. Chromium
refuses `fetch()` and Web Workers on file:// but runs scripts loaded by `<script src>`: Material
already reads its index from `search/search_index.js` on file://; the copy has that file, and
Material's search worker wrapped in a function (`<name>.page.js`) that the theme's
`assets/javascripts/leakarchive-file.js` runs in the page in place of a worker.

Nothing here imports MkDocs: it works on the files of any build that uses Material's search.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from fnmatch import fnmatch
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from ..errors import EXIT_PROBLEMS, LeakArchiveError
from .inputs import unsafe_entries
from .pagefind_index import PAGEFIND_DIR

SEARCH_INDEX = "search/search_index.json"
SEARCH_INDEX_SCRIPT = "search/search_index.js"
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
WORKER_FUNCTION = "__leakarchiveSearchWorker"
KIND_ATTRIBUTE = re.compile(r'\bdata-search-kind="([^"<>]+)"')
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold: the same bytes on every build


def search_kind(html: str) -> str | None:
    """The kind a generated page declares with `data-search-kind="..."` (Article, Actor, Leak)."""
    match = KIND_ATTRIBUTE.search(html)
    return match.group(1) if match else None


# In Material's search index, each entry starts {"location": "...", "title": "...", ...}. Every
# quote inside a JSON string is escaped, so these patterns cannot match inside a value. The index
# is edited as bytes, not loaded: as Python objects, a large site's index takes several times its
# size in memory.
_JSON_STRING = rb'"([^"\\]*(?:\\.[^"\\]*)*)"'
_ENTRY_LOCATION = re.compile(rb'"location"\s*:\s*' + _JSON_STRING)
_ENTRY_TITLE = re.compile(rb'"location"\s*:\s*' + _JSON_STRING + rb'\s*,\s*"title"\s*:\s*"')


def _json_text(value: bytes) -> str:
    """The text a JSON string's contents (between its quotes) stand for."""
    return json.loads(b'"' + value + b'"')


def label_search_index(site_dir: Path, kinds: Mapping[str, str]) -> int:
    """Prefix with its kind the title of each page entry whose location is in `kinds`.

    `kinds` maps a page's URL, as in the index (`actors/abbas-milani/`), to its kind. Entries for
    sections of a page (`...#quotes`) are left alone: Material shows them under their page.
    Returns the number of titles changed; does nothing if the site has no search index.
    """
    path = site_dir / SEARCH_INDEX
    if not kinds or not path.is_file():
        return 0
    data = path.read_bytes()
    changed = 0

    def label(match: re.Match[bytes]) -> bytes:
        nonlocal changed
        kind = kinds.get(_json_text(match[1]))
        prefix = json.dumps(f"{kind}: ")[1:-1].encode() if kind else b""
        if not prefix or data.startswith(prefix, match.end()):  # none, or labelled already
            return match[0]
        changed += 1
        return match[0] + prefix

    labelled = _ENTRY_TITLE.sub(label, data)
    if changed:
        path.write_bytes(labelled)
    return changed


def add_search_passages(site_dir: Path, passages: Mapping[str, Sequence[tuple[str, str, str]]]) -> int:
    """Give each passage of a page (a quote or note in an article's text) an entry of its own in
    Material's search index, at the passage's anchor (`articles/x/#quote-3`): a search for its
    words then offers the passage itself, under its page, and Enter opens it there. The passage's
    words are the entry's title, which Material weighs above text (mkdocs.yml: 10 times), so that
    the passage outranks the section of the page holding it; its label ("Quote 3, Abbas Milani")
    is the entry's text.

    `passages` maps a page's URL to its passages, as (anchor, label, text). Entries are appended
    after every page's (Material finds a section's page by its location, in any order). Returns
    the number of entries added; does nothing if the site has no search index.
    """
    path = site_dir / SEARCH_INDEX
    if not passages or not path.is_file():
        return 0
    entries = [
        json.dumps(
            {"location": f"{url}#{anchor}", "title": escape(text), "text": f"<p>{escape(label)}</p>"},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        for url, page_passages in sorted(passages.items())
        for anchor, label, text in page_passages
    ]
    data = path.read_bytes()
    end = data.rstrip().rfind(b"]")  # the end of "docs", the last key Material writes
    if not entries or end == -1:
        return 0
    separator = b"," if data[:end].rstrip().endswith(b"}") else b""
    path.write_bytes(data[:end] + separator + b",".join(entries) + data[end:])
    return len(entries)


class OfflineError(LeakArchiveError):
    """The build cannot be read offline (no search worker, or a resource from elsewhere)."""

    exit_status = EXIT_PROBLEMS


def make_offline(site_dir: Path, zip_path: Path, top: str = "leak-archive") -> list[str]:
    """Write to `zip_path` a copy of the build at `site_dir` that works opened from disk.

    The copy is the same site with every link to a folder made a link to its index.html (from
    disk, a folder does not open its index.html), the search index as a script, and Material's
    search worker wrapped to run in the page; without Pagefind's bundle (`pagefind/`), which
    cannot run from disk. Its files sit under one folder, `top`. Raises
    OfflineError if any page loads a resource (script, style, image, frame, font...) from anywhere
    but the build itself. Returns the names in the zip.
    """
    unsafe = unsafe_entries(site_dir, site_dir)
    if unsafe:  # a link would put a file from anywhere on the machine into the copy
        raise OfflineError("expected only regular files in the site:\n" + "\n".join(unsafe))
    copy = _OfflineCopy(site_dir, _site_files(site_dir, zip_path))
    names = sorted([*copy.sources, *copy.made])
    partial = zip_path.with_name(zip_path.name + ".partial")
    try:
        write_zip(((name, copy.contents(name)) for name in names), partial, top)
        if copy.problems:
            raise OfflineError("resources from outside the site:\n" + "\n".join(copy.problems))
        partial.replace(zip_path)
    finally:
        partial.unlink(missing_ok=True)
    return [f"{top}/{name}" for name in names]


def _site_files(site_dir: Path, zip_path: Path) -> dict[str, Path]:
    """The build's files by name, without the zip being written nor Pagefind's bundle."""
    skip = {zip_path.resolve()}
    pagefind = site_dir / PAGEFIND_DIR
    return {
        p.relative_to(site_dir).as_posix(): p
        for p in site_dir.rglob("*")
        if p.is_file() and p.resolve() not in skip and not p.is_relative_to(pagefind)
    }


class _OfflineCopy:
    """The files of the offline copy, made one at a time as they are zipped: the copy of a
    large site never sits in memory whole."""

    def __init__(self, site_dir: Path, sources: dict[str, Path]):
        self.sources = sources
        self.folders = {name[: -len("index.html")] for name in sources if name.endswith("index.html")}
        # Files made for the copy, from a file of the site: the search index as a script, the
        # worker wrapped to run in the page.
        self.made = {SEARCH_INDEX_SCRIPT: SEARCH_INDEX} if SEARCH_INDEX in sources else {}
        self.made.update(
            (name[: -len(".min.js")] + ".page.js", name) for name in sources if fnmatch(name, WORKER_GLOB)
        )
        if SEARCH_INDEX in sources and len(self.made) == 1:
            raise OfflineError(f"no search worker at {WORKER_GLOB} in {site_dir}")
        self.problems: list[str] = []  # resources pages load from elsewhere
        self.search_index = b""  # made with its script, whose name sorts first

    def contents(self, name: str) -> bytes:
        """The bytes of the copy's file `name`."""
        if name in self.made:
            return self._made(self.made[name])
        if name == SEARCH_INDEX and self.search_index:
            data, self.search_index = self.search_index, b""
            return data
        data = self.sources[name].read_bytes()
        if name.endswith(".html"):
            html = data.decode("utf-8")
            self.problems.extend(f"{name}: {tag} loads {url}" for tag, url in external_resources(html))
            return file_links(html, name, self.folders).encode("utf-8")
        if name == SEARCH_INDEX:
            return _offline_search_index(data, self.folders)
        return data

    def _made(self, source: str) -> bytes:
        """A file made for the copy from the site's file `source`."""
        if source == SEARCH_INDEX:
            self.search_index = _offline_search_index(self.sources[source].read_bytes(), self.folders)
            # Material reads `__index` after loading this file with a <script> element.
            return b"var __index = " + self.search_index + b";\n"
        return wrap_worker(self.sources[source].read_text("utf-8")).encode("utf-8")


def _offline_search_index(data: bytes, folders: set[str]) -> bytes:
    """Material's search index with each location made a file's (see `_file_location`)."""

    def to_file(match: re.Match[bytes]) -> bytes:
        location = _file_location(_json_text(match[1]), folders)
        return b'"location":' + json.dumps(location, ensure_ascii=False).encode("utf-8")

    return _ENTRY_LOCATION.sub(to_file, data)


_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_REFRESH = re.compile(r'(<meta http-equiv="refresh" content="\d+; url=)([^"]*)(")')
"""The address a redirect page (render/redirects.py) refreshes to."""


def file_links(html: str, page: str, folders: set[str]) -> str:
    """`html` of the page at `page` (a path in the site) with links to folders made links to
    their index.html: `../actors/x/#quote-1` -> `../actors/x/index.html#quote-1`.

    `folders` holds the site's folders that have an index.html, as 'actors/x/' ('' for the root).
    """
    here = posixpath.dirname(page)

    def fix(match: re.Match[str]) -> str:
        url = match.group(2)
        try:
            parts = urlsplit(url)
        except ValueError:  # not a link to a page of the site ("https://[::1"): left as it is
            return match.group(0)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
        folder = "" if target == "." else target + "/"
        if target.startswith("..") or folder not in folders:
            return match.group(0)
        path = parts.path.rstrip("/") + "/index.html"
        return match.group(1) + urlunsplit(("", "", path, parts.query, parts.fragment)) + match.group(3)

    return _REFRESH.sub(fix, _LINK_ATTRIBUTE.sub(fix, html))


def _file_location(location: str, folders: set[str]) -> str:
    """A search index location ('actors/x/#quotes', '' for home) as a file: 'actors/x/index.html#quotes'."""
    path, hash_, fragment = location.partition("#")
    if path in folders:
        path += "index.html"
    return path + hash_ + fragment


def wrap_worker(source: str) -> str:
    """Material's worker script as a function of the globals a worker has, to run in a page."""
    source = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", source)
    return (
        "/* Material's search worker, wrapped by leakarchive.site.postbuild to run in the page "
        "on file:// */\n"
        f"window.{WORKER_FUNCTION} = function (self, addEventListener, postMessage, importScripts) {{\n"
        '"use strict";\n'
        "// The worker sets `self.lunr` and then uses `lunr` as a global: make that name this one.\n"
        "var lunr;\n"
        'Object.defineProperty(self, "lunr", {configurable: true, enumerable: true,\n'
        "  get: function () { return lunr; }, set: function (value) { lunr = value; }});\n"
        f"{source}\n}};\n"
    )


_RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "input": ("src",),
}
_LINK_RESOURCES = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
                   "manifest", "apple-touch-icon", "shortcut"}  # fmt: skip
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


class _ResourceParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        names = _RESOURCE_ATTRIBUTES.get(tag, ())
        if tag == "link" and _LINK_RESOURCES & set(values.get("rel", "").lower().split()):
            names = ("href",)
        for name in names:
            for url in _urls(values.get(name, ""), srcset=name == "srcset"):
                self.found.append((tag, url))
        if "style" in values:
            self.found.extend(("style", url) for url in _css_urls(values["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found.extend(("style", url) for url in _css_urls(data))


def _urls(value: str, *, srcset: bool) -> Iterable[str]:
    if srcset:
        return [part.split()[0] for part in value.split(",") if part.strip()]
    return [value] if value else []


def _css_urls(css: str) -> Iterable[str]:
    return [a or b for a, b in _CSS_URL.findall(css)]


def is_external(url: str) -> bool:
    """Whether a resource URL points outside the site (has a scheme other than data:, or //host)."""
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return scheme is not None and scheme.group(1).lower() not in {"data", "blob"}


def external_resources(html: str) -> list[tuple[str, str]]:
    """(tag, url) of every resource an HTML page would load from outside the site."""
    parser = _ResourceParser()
    parser.feed(html)
    parser.close()
    return [(tag, url) for tag, url in parser.found if is_external(url)]


def write_zip(files: Iterable[tuple[str, bytes]], zip_path: Path, top: str) -> None:
    """Zip `files` ((name, bytes), in the order given) under one folder `top`; the same files,
    the same bytes."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
