"""After the site generator: touch-ups on the built site's files, for readers.

- `label_search_index`: search results say which kind of page they are ("Actor: Abbas Milani"),
  by prefixing the title of each page's entry in Material's `search/search_index.json`.
- `make_offline`: zips a copy of the built site that works opened straight from disk (file://)
  with no network, search included; the site offers it for download.
- `index_pagefind`: indexes the built site with Pagefind (plugin option `search: pagefind`), for
  a search box that fetches only the pieces of the index a query needs (see
  docs/overrides/assets/javascripts/leakarchive-search.js).

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
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Mapping
from fnmatch import fnmatch
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

SEARCH_INDEX = "search/search_index.json"
SEARCH_INDEX_SCRIPT = "search/search_index.js"
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
WORKER_FUNCTION = "__leakarchiveSearchWorker"
KIND_ATTRIBUTE = re.compile(r'\bdata-search-kind="([^"<>]+)"')
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can hold: the same bytes on every build
PAGEFIND_DIR = "pagefind"  # Pagefind's bundle in the site; not in the offline copy (no fetch() on file://)
# Pagefind's ready-made search interfaces, which the site does not use (its own search box runs on
# pagefind.js): removed after indexing, so that the site ships no script it never loads.
PAGEFIND_UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip
PAGEFIND_TIMEOUT = 1800  # seconds


def search_kind(html: str) -> str | None:
    """The kind a generated page declares with `data-search-kind="..."` (Article, Actor, Leak)."""
    match = KIND_ATTRIBUTE.search(html)
    return match.group(1) if match else None


def label_search_index(site_dir: Path, kinds: Mapping[str, str]) -> int:
    """Prefix with its kind the title of each page entry whose location is in `kinds`.

    `kinds` maps a page's URL, as in the index (`actors/abbas-milani/`), to its kind. Entries for
    sections of a page (`...#quotes`) are left alone: Material shows them under their page.
    Returns the number of titles changed; does nothing if the site has no search index.
    """
    path = site_dir / SEARCH_INDEX
    if not kinds or not path.is_file():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    changed = 0
    for doc in index.get("docs", []):
        kind = kinds.get(doc.get("location", ""))
        if kind and not doc.get("title", "").startswith(f"{kind}: "):
            doc["title"] = f"{kind}: {doc.get('title', '')}"
            changed += 1
    if changed:
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return changed


class OfflineError(RuntimeError):
    """The build cannot be read offline (no search worker, or a resource from elsewhere)."""


def make_offline(site_dir: Path, zip_path: Path, top: str = "leak-archive") -> list[str]:
    """Write to `zip_path` a copy of the build at `site_dir` that works opened from disk.

    The copy is the same site with every link to a folder made a link to its index.html (from
    disk, a folder does not open its index.html), the search index as a script, and Material's
    search worker wrapped to run in the page; without Pagefind's bundle (`pagefind/`), which
    cannot run from disk. Its files sit under one folder, `top`. Raises
    OfflineError if any page loads a resource (script, style, image, frame, font...) from anywhere
    but the build itself. Returns the names in the zip.
    """
    skip = {zip_path.resolve()}
    pagefind = site_dir / PAGEFIND_DIR
    paths = sorted(
        p
        for p in site_dir.rglob("*")
        if p.is_file() and p.resolve() not in skip and not p.is_relative_to(pagefind)
    )
    names = {p.relative_to(site_dir).as_posix() for p in paths}
    folders = {name[: -len("index.html")] for name in names if name.endswith("index.html")}
    files: dict[str, bytes] = {}
    problems = []
    for path in paths:
        name = path.relative_to(site_dir).as_posix()
        data = path.read_bytes()
        if name.endswith(".html"):
            html = data.decode("utf-8")
            problems.extend(f"{name}: {tag} loads {url}" for tag, url in external_resources(html))
            data = file_links(html, name, folders).encode("utf-8")
        elif name == SEARCH_INDEX:
            index = json.loads(data)
            for doc in index.get("docs", []):
                doc["location"] = _file_location(doc.get("location", ""), folders)
            data = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            # Material reads `__index` after loading this file with a <script> element.
            files[SEARCH_INDEX_SCRIPT] = b"var __index = " + data + b";\n"
        elif fnmatch(name, WORKER_GLOB):
            wrapped = name[: -len(".min.js")] + ".page.js"
            files[wrapped] = wrap_worker(data.decode("utf-8")).encode("utf-8")
        files[name] = data
    if problems:
        raise OfflineError("resources from outside the site:\n" + "\n".join(problems))
    if SEARCH_INDEX in files and not any(fnmatch(name, WORKER_GLOB) for name in files):
        raise OfflineError(f"no search worker at {WORKER_GLOB} in {site_dir}")
    write_zip(files, zip_path, top)
    return sorted(f"{top}/{name}" for name in files)


class PagefindError(RuntimeError):
    """Pagefind could not index the site."""


def index_pagefind(site_dir: Path) -> str:
    """Index the built site at `site_dir` with Pagefind (the `pagefind` package's own binary, run
    offline); its bundle goes to `site_dir/pagefind/`. Returns Pagefind's summary of what it indexed.

    Pagefind reads only the elements marked `data-pagefind-body` (the theme marks each page's
    content, not the navigation, header or footer) and a page's kind from `data-pagefind-meta`.
    The same site gives the same bytes. Raises PagefindError if Pagefind fails.
    """
    target = site_dir / PAGEFIND_DIR
    if target.exists():
        shutil.rmtree(target)  # a dirty build's leftovers: Pagefind would keep stale files
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", PAGEFIND_DIR]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PagefindError(str(error)) from None
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or not (target / "pagefind.js").is_file():
        raise PagefindError(f"`{' '.join(command)}` failed ({result.returncode}):\n{output}")
    for name in PAGEFIND_UNUSED:
        (target / name).unlink(missing_ok=True)
    totals = re.findall(r"Indexed (\d+ (?:page|word)s?)", output)
    return ", ".join(totals) or "indexed"


_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def file_links(html: str, page: str, folders: set[str]) -> str:
    """`html` of the page at `page` (a path in the site) with links to folders made links to
    their index.html: `../actors/x/#quote-1` -> `../actors/x/index.html#quote-1`.

    `folders` holds the site's folders that have an index.html, as 'actors/x/' ('' for the root).
    """
    here = posixpath.dirname(page)

    def fix(match: re.Match[str]) -> str:
        url = match.group(2)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
        folder = "" if target == "." else target + "/"
        if target.startswith("..") or folder not in folders:
            return match.group(0)
        path = parts.path.rstrip("/") + "/index.html"
        return match.group(1) + urlunsplit(("", "", path, parts.query, parts.fragment)) + match.group(3)

    return _LINK_ATTRIBUTE.sub(fix, html)


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
        "/* Material's search worker, wrapped by leakarchive.postbuild to run in the page on file:// */\n"
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
    return bool(scheme) and scheme.group(1).lower() not in {"data", "blob"}


def external_resources(html: str) -> list[tuple[str, str]]:
    """(tag, url) of every resource an HTML page would load from outside the site."""
    parser = _ResourceParser()
    parser.feed(html)
    parser.close()
    return [(tag, url) for tag, url in parser.found if is_external(url)]


def write_zip(files: Mapping[str, bytes], zip_path: Path, top: str) -> None:
    """Zip `files` ({name: bytes}) under one folder `top`; the same files, the same bytes."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=9)
