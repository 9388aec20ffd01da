"""Build real sites for the tests, and read their HTML with the standard library.

`make_project` lays out a temporary project (a copy of mkdocs.yml and docs/, plus an archive
folder), `build` runs `mkdocs build --strict` on it in a subprocess, exactly as a contributor or
CI would, and `parse_html` turns a page into a small element tree to assert on.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL_ARCHIVE = ROOT / "archive"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "archives"
SMALL_ARCHIVE = FIXTURES / "small"

BUILD_TIMEOUT = 300
BUILD_TIMES: list[tuple[str, float]] = []
"""(project, seconds) of every build in this test session, shown in pytest's summary."""


# --- projects and builds --------------------------------------------------------------------


class _MkDocsYamlLoader(yaml.SafeLoader):
    """YAML as MkDocs reads mkdocs.yml: `!ENV NAME` is the variable's value, or None."""


_MkDocsYamlLoader.add_constructor(
    "!ENV",
    lambda loader, node: (
        os.environ.get(loader.construct_scalar(node)) if isinstance(node, yaml.ScalarNode) else None
    ),
)


def mkdocs_settings(path: Path = ROOT / "mkdocs.yml") -> dict:
    """The settings of the project's mkdocs.yml (`site_url: !ENV SITE_URL` read as MkDocs does)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_MkDocsYamlLoader)


def make_project(
    folder: Path,
    archive: Path,
    config: dict[str, object] | None = None,
    docs: dict[str, str] | None = None,
) -> Path:
    """A project in `folder`: mkdocs.yml (with `config` merged in), docs/ and archive/.

    `docs` adds or replaces hand-written pages: {path under docs/: Markdown}.
    """
    folder.mkdir(parents=True, exist_ok=True)
    settings = mkdocs_settings()
    settings.update(config or {})
    (folder / "mkdocs.yml").write_text(
        yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    shutil.copy(ROOT / "mkdocs.export.yml", folder / "mkdocs.export.yml")
    shutil.copy(ROOT / "mkdocs.zensical.yml", folder / "mkdocs.zensical.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    for path, text in (docs or {}).items():
        target = folder / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    shutil.copytree(archive, folder / "archive")
    return folder


def plugin_options(**options: object) -> dict[str, object]:
    """A `config` for make_project: mkdocs.yml's plugins, the leakarchive plugin's options
    updated with `options` (`search="lunr"`)."""
    settings = mkdocs_settings()
    plugins = []
    for plugin in settings["plugins"]:
        if isinstance(plugin, dict) and "leakarchive" in plugin:
            plugin = {"leakarchive": {**(plugin["leakarchive"] or {}), **options}}
        plugins.append(plugin)
    return {"plugins": plugins}


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a command of the venv (`mkdocs`, `leakarchive`) in `cwd`, capturing its output."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **(env or {})}
    module = {"leakarchive": "leakarchive.tools.cli"}.get(args[0], args[0])
    command = [sys.executable, "-m", module, *args[1:]]
    return subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=BUILD_TIMEOUT
    )


@dataclass
class BuiltSite:
    """A finished build: the project, its output folder and what MkDocs printed."""

    project: Path
    site: Path
    returncode: int
    output: str  # stdout and stderr
    seconds: float
    _pages: dict[str, Element] = field(default_factory=dict, repr=False)

    @property
    def directory_urls(self) -> bool:
        return (self.site / "index.html").exists() and not (self.site / "methodology.html").exists()

    def html_files(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))

    def page_file(self, page: str) -> Path:
        """The HTML file of a page given as its Markdown path: 'actors/x.md', 'index.md'."""
        stem = page.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return self.site / (stem + ".html")
        return self.site / (stem + "/index.html" if self.directory_urls else stem + ".html")

    def page(self, page: str) -> Element:
        """The parsed HTML of a page given as its Markdown path (parsed once, then cached)."""
        if page not in self._pages:
            self._pages[page] = parse_html(self.page_file(page).read_text(encoding="utf-8"))
        return self._pages[page]

    def warnings(self) -> list[str]:
        """Lines MkDocs logged at WARNING level or above."""
        return [line for line in self.output.splitlines() if re.match(r"(WARNING|ERROR)\b", line)]


def build(
    project: Path,
    site: Path | None = None,
    *,
    config_file: str = "mkdocs.yml",
    env: dict[str, str] | None = None,
    check: bool = True,
) -> BuiltSite:
    """`mkdocs build --strict` of `project` into `site` (default: project/site)."""
    site = site or project / "site"
    started = time.perf_counter()
    result = run(["mkdocs", "build", "--strict", "--clean", "-f", config_file, "-d", str(site)], project, env)
    seconds = time.perf_counter() - started
    built = BuiltSite(project, site, result.returncode, result.stdout + result.stderr, seconds)
    BUILD_TIMES.append((f"{project.name} ({config_file})", seconds))
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed ({result.returncode}):\n{built.output}")
    return built


def build_with_zensical(project: Path, *, drafts: bool = False) -> BuiltSite:
    """The project's pages exported, then built by Zensical (mkdocs.zensical.yml), as the README
    says; into project/site-zensical. `drafts`: export unfinished files too (`--drafts`)."""
    export = project / "build" / "export"
    shutil.rmtree(export, ignore_errors=True)
    shutil.copytree(project / "docs", export)
    (export / "overrides" / "partials" / "search.html").unlink()
    exported = run(
        ["leakarchive", "export", "build/export", "--no-directory-urls", *(["--drafts"] if drafts else [])],
        project,
    )
    assert exported.returncode == 0, exported.stdout + exported.stderr
    config = project / "mkdocs.zensical.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_dir: site-zensical\n", encoding="utf-8")
    started = time.perf_counter()
    zensical = [str(Path(sys.executable).parent / "zensical"), "build", "--clean", "-f", config.name]
    assert Path(zensical[0]).exists(), "zensical is not installed: pip install -e '.[test]' (the test extra)"
    result = subprocess.run(zensical, cwd=project, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    seconds = time.perf_counter() - started
    BUILD_TIMES.append((f"{project.name} (zensical)", seconds))
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"zensical build failed ({result.returncode}):\n{output}"
    offline = run(["leakarchive", "offline", "site-zensical"], project)  # as the README says
    assert offline.returncode == 0, offline.stdout + offline.stderr
    return BuiltSite(project, project / "site-zensical", result.returncode, output, seconds)


def build_site(folder: Path, archive: Path, config: dict[str, object] | None = None, **kwargs) -> BuiltSite:
    """Make a project from `archive` in `folder` and build it."""
    return build(make_project(folder, archive, config), **kwargs)


# --- HTML -----------------------------------------------------------------------------------

VOID = frozenset(
    (
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    )
)  # elements without an end tag


@dataclass(eq=False)
class Element:
    """An element of a parsed page; `children` holds Elements and text (entities decoded)."""

    tag: str
    attrs: dict[str, str | None]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)
    line: int = 0

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed([c for c in element.children if isinstance(c, Element)]))

    def find_all(
        self, tag: str | None = None, predicate: Callable[[Element], bool] | None = None, **attrs: str
    ) -> list[Element]:
        """Elements inside (and including) this one with the tag and attributes given.

        `class_="x"` matches an element having the class x among others.
        """
        found = []
        for element in self.iter():
            if tag and element.tag != tag:
                continue
            if not all(
                element.has(name.rstrip("_").replace("_", "-"), value) for name, value in attrs.items()
            ):
                continue
            if predicate and not predicate(element):
                continue
            found.append(element)
        return found

    def find(self, tag: str | None = None, **attrs: str) -> Element:
        """The first element matching, or an AssertionError saying what was missing."""
        found = self.find_all(tag, **attrs)
        if not found:
            raise AssertionError(f"no <{tag or '*'} {attrs}> in <{self.tag} {self.attrs}>")
        return found[0]

    def has(self, name: str, value: str) -> bool:
        actual = self.attrs.get(name)
        if actual is None:
            return False
        if name == "class":
            return value in actual.split()
        return actual == value

    @property
    def text(self) -> str:
        """All text inside, as a reader sees it (before CSS)."""
        parts = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text)
        return "".join(parts)

    def paragraphs(self) -> list[Element]:
        """The <p> children of an article's text (`div.la-text`): its own paragraphs, without
        the quotes' and notes' cards that follow them."""
        return [child for child in self.children if not isinstance(child, str) and child.tag == "p"]

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    @cached_property
    def ids(self) -> set[str]:
        return {e.attrs["id"] or "" for e in self.iter() if "id" in e.attrs}

    def __repr__(self) -> str:
        attributes = " ".join(f'{k}="{v}"' for k, v in self.attrs.items())
        return f"<{self.tag} {attributes}> (line {self.line})"


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {}, self.stack[-1], line=self.getpos()[0])
        for name, value in attrs:
            if name in element.attrs:
                # A repeated attribute: browsers keep the first. Record it so tests can see it.
                element.attrs.setdefault("data-duplicate-attribute", name)
                continue
            element.attrs[name] = value
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    """A page as an element tree (tolerant, like a browser, of unclosed elements)."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# --- links ----------------------------------------------------------------------------------


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def resolve(site: Path, page_file: Path, url: str) -> tuple[Path | None, str]:
    """The file an internal link from `page_file` leads to (None if none), and its #fragment."""
    parts = urlsplit(url)
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page_file, fragment
    here = page_file.parent.relative_to(site).as_posix()
    # An absolute path (the 404 page's links) assumes the site is served from the host's root.
    target = posixpath.normpath(
        posixpath.join("/" if parts.path.startswith("/") else here, unquote(parts.path))
    )
    target = target.lstrip("/") or "."
    if target == ".." or target.startswith("../"):
        return None, fragment  # leaves the site
    path = site / target
    if path.is_dir():
        path = path / "index.html"
    elif parts.path.endswith("/"):
        return None, fragment
    return (path if path.is_file() else None), fragment


# --- an independent reading of an archive, to check pages against ----------------------------


@dataclass
class ArchiveData:
    """The archive as plain YAML data: what the pages must show, read without the engine."""

    articles: dict[str, dict]  # id -> front matter, plus "_body" (the text) and "_path"
    actors: dict[str, dict]
    leaks: dict[str, dict]

    def names(self, actor_id: str) -> set[str]:
        actor = self.actors[actor_id]
        return {actor["name"], *actor.get("aliases", [])}


def read_archive(folder: Path) -> ArchiveData:
    """Read an archive folder with plain `yaml.safe_load` (no line numbers, no checks)."""
    articles = {}
    for path in sorted((folder / "articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        data = yaml.safe_load(front)
        data["_body"] = body.strip("\n") + "\n"
        data["_path"] = path.relative_to(folder.parent).as_posix()
        articles[data["id"]] = data
    actors = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (folder / "actors").glob("*.yml")
    }
    leaks = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (folder / "leaks").glob("*.yml")}
    return ArchiveData(articles, dict(sorted(actors.items())), dict(sorted(leaks.items())))


_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def squash(text: str) -> str:
    """Text with typography folded and all white space removed: for comparing what a reader
    sees with what a contributor wrote, independently of line breaks and curly quotes."""
    return re.sub(r"\s+", "", text.translate(_TYPOGRAPHY))
