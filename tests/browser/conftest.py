"""Browser tests: the built site in headless Chromium (Debian's, never a downloaded browser).

Once per session the site is built (mkdocs.yml) into a temporary folder, from a copy of
`archive/` plus the Persian fixture in `fixtures/archive-fa/`, and served on 127.0.0.1 at a free
port; the offline copy it contains (leak-archive-offline.zip) is unzipped, to open from file://.
That build (`hosted`) searches with the engine mkdocs.yml chooses (leakarchive option `search`);
tests that take `engine` run once per engine (ENGINES), on a build of the same archive with that
engine, made once, when a test first needs it. Every browser context refuses requests to any
other host and records them (`Guard`).

Without Chromium, Playwright or axe-core (`npm ci`) these tests are skipped, except under CI
(the CI variable set), where that is a failure. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sitebuild
import yaml
from reader_pages import DESKTOP, PHONE, Guard, open_context

from leakarchive import urls
from leakarchive.engine.link import ArchiveGraph
from leakarchive.engine.pipeline import check_archive

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from search_probe import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (one way to start Chromium)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# A repository link, so that the privacy test also covers Material's repository widget (which,
# unless our override stops it, asks the host's API for stars from every reader's browser).
TEST_REPO_URL = "https://github.com/example/leak-archive"
OFFLINE_ZIP = "leak-archive-offline.zip"  # the plugin's default
ENGINES = ("pagefind", "lunr")  # the leakarchive plugin's option `search`


def missing(reason: str) -> None:
    """Skip locally; under CI a missing browser tool is a failure, not a skip."""
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(reason)


# --- the sites ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """A built site and the archive it was built from."""

    directory: Path
    graph: ArchiveGraph
    files: bool = False  # True: the offline copy, where links lead to index.html files

    def path(self, page: str) -> str:
        """The URL path (relative to the site root) of a page such as 'actors/x.md'."""
        url = urls.Links(True).url(page)
        return url + "index.html" if self.files and (url == "" or url.endswith("/")) else url

    def entity(self, kind: urls.PageKind, entity_id: str) -> str:
        return self.path(urls.page_path(kind, entity_id))


@pytest.fixture(scope="session")
def archive_dir(tmp_path_factory) -> Path:
    """The repository's archive plus the Persian fixture, in a temporary folder."""
    target = tmp_path_factory.mktemp("archive") / "archive"
    shutil.copytree(ROOT / "archive", target)
    shutil.copytree(FIXTURES / "archive-fa", target, dirs_exist_ok=True)
    return target


@pytest.fixture(scope="session")
def graph(archive_dir) -> ArchiveGraph:
    checked = check_archive(archive_dir)
    assert [str(p) for p in checked.problems] == []
    return checked.graph


def mkdocs_settings() -> dict:
    return sitebuild.mkdocs_settings(ROOT / "mkdocs.yml")


def leakarchive_options() -> dict:
    """The leakarchive plugin's options in mkdocs.yml."""
    return next(
        dict(plugin["leakarchive"] or {})
        for plugin in mkdocs_settings()["plugins"]
        if isinstance(plugin, dict) and "leakarchive" in plugin
    )


def default_engine() -> str:
    return leakarchive_options().get("search", "pagefind")  # the plugin's default


def build(work: Path, archive: Path, plugin_options: dict | None = None, **overrides: object) -> Path:
    """Build the site of mkdocs.yml into `work/site`, from `archive`, with `overrides`.

    The config is written to `work/` and inherits mkdocs.yml; paths it would resolve relative to
    the repository (docs, theme overrides) are made absolute, and the leakarchive plugin's options
    are kept but for the archive and `plugin_options`.
    """
    config_file = ROOT / "mkdocs.yml"
    own = mkdocs_settings()
    plugins = []
    for plugin in own.get("plugins", ["search", {"leakarchive": {}}]):
        if isinstance(plugin, dict) and "leakarchive" in plugin:
            options = dict(plugin["leakarchive"] or {}, **(plugin_options or {}))
            plugin = {"leakarchive": dict(options, archive="archive")}  # inside the project
        plugins.append(plugin)
    config = {
        "INHERIT": str(config_file),
        "docs_dir": str(ROOT / "docs"),
        "site_dir": str(work / "site"),
        "theme": {"name": "material", "custom_dir": str(ROOT / "docs" / "overrides")},
        "plugins": plugins,
        **overrides,
    }
    shutil.copytree(archive, work / "archive")
    written = work / "mkdocs.yml"
    written.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "--config-file", str(written)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return work / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """`directory` served on 127.0.0.1 at a free port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


class Builds:
    """The hosted site (mkdocs.yml, with a repository link: see TEST_REPO_URL), built and
    served once per search engine, when first asked for."""

    def __init__(self, tmp_path_factory, archive: Path, graph: ArchiveGraph, stack) -> None:
        self._factory = tmp_path_factory
        self._archive = archive
        self._graph = graph
        self._stack = stack
        self._sites: dict[str, Site] = {}
        self._urls: dict[str, str] = {}

    def site(self, engine: str) -> Site:
        if engine not in self._sites:
            overrides: dict[str, object] = {}
            if not mkdocs_settings().get("repo_url"):
                overrides["repo_url"] = TEST_REPO_URL
            work = self._factory.mktemp(f"hosted-{engine}")
            site = build(work, self._archive, {"search": engine}, **overrides)
            self._sites[engine] = Site(site, self._graph)
        return self._sites[engine]

    def url(self, engine: str) -> str:
        if engine not in self._urls:
            self._urls[engine] = self._stack.enter_context(serve(self.site(engine).directory))
        return self._urls[engine]


@pytest.fixture(scope="session")
def builds(tmp_path_factory, archive_dir, graph) -> Iterator[Builds]:
    with contextlib.ExitStack() as stack:
        yield Builds(tmp_path_factory, archive_dir, graph, stack)


@pytest.fixture(scope="session")
def hosted(builds) -> Site:
    """The site as hosted, with the search engine of mkdocs.yml."""
    return builds.site(default_engine())


@dataclass(frozen=True)
class Hosted:
    """The hosted site built with one search engine, and its URL."""

    engine: str
    site: Site
    url: str


@pytest.fixture(params=ENGINES)
def engine(request, builds) -> Hosted:
    """The hosted site, served, once per search engine (the test runs once for each)."""
    return Hosted(request.param, builds.site(request.param), builds.url(request.param))


@pytest.fixture(scope="session")
def offline_zip(hosted) -> Path:
    """The copy to read offline that the build offers for download."""
    name = leakarchive_options().get("offline_zip", OFFLINE_ZIP)
    assert name, "mkdocs.yml makes no offline copy (leakarchive: offline_zip)"
    return hosted.directory / name


@pytest.fixture(scope="session")
def offline(tmp_path_factory, offline_zip, graph) -> Site:
    """The offline copy, unzipped as a reader would, to open from file://."""
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(offline_zip) as opened:
        opened.extractall(target)
        top = {name.split("/")[0] for name in opened.namelist()}
    assert len(top) == 1, f"the zip should hold one folder, not {sorted(top)}"
    return Site(target / top.pop(), graph, files=True)


@pytest.fixture(scope="session")
def server(builds, hosted) -> str:
    """The hosted site served on 127.0.0.1 at a free port: its base URL."""
    return builds.url(default_engine())


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the Python package playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        missing(f"no axe-core at {AXE.relative_to(ROOT)} (run `npm ci` in the repository)")
    return AXE


@pytest.fixture
def guard() -> Guard:
    return Guard(frozenset({"127.0.0.1"}))


@pytest.fixture
def context(browser, guard):
    context = open_context(browser, guard, viewport=DESKTOP)
    yield context
    context.close()
    assert guard.refused == [], f"requests that left the site: {guard.refused}"


@pytest.fixture
def page(context):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == [], f"script errors in the page: {errors}"


@pytest.fixture
def phone(browser, guard):
    context = open_context(browser, guard, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()
    assert guard.refused == [], f"requests that left the site: {guard.refused}"
