"""The MkDocs plugin: clear failures, nothing written into docs/, the same pages as the export,
no warning on the real project, and rebuilds under `mkdocs serve` when the archive changes."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sitebuild import REAL_ARCHIVE, ROOT, SMALL_ARCHIVE, build, make_project, plugin_options, run

PROBLEM_LINE = re.compile(r"^archive/[\w./-]+:\d+:\d+: .+$")


def snapshot(folder: Path, skip: tuple[str, ...] = ("site",)) -> dict[str, tuple[str, int]]:
    """Every file under `folder` (but `skip`): its SHA-256 and modification time."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] in skip or not path.is_file():
            continue
        found[relative.as_posix()] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return found


# --- failures -------------------------------------------------------------------------------


def test_archive_problems_fail_the_build_with_the_validator_messages(tmp_path):
    project = make_project(tmp_path / "project", SMALL_ARCHIVE)
    article = project / "archive" / "articles" / "2010" / "2010-01-courier-memo.md"
    text = article.read_text("utf-8")
    text = text.replace("No file leaves this building", "No paper leaves this building", 1)  # not in the text
    text = text.replace("speaker: jane-roe\n    note:", "speaker: jane-ro\n    note:", 1)  # no such actor
    article.write_text(text, "utf-8")
    (project / "archive" / "actors" / "john-doe.yml").write_text(
        "id: john-doe\nname: John Doe\nkind: persona\n", "utf-8"
    )
    validated = run(["leakarchive", "validate", "--archive", "archive"], project)
    assert validated.returncode == 1
    problems = validated.stdout.splitlines()
    assert len(problems) >= 3
    assert all(PROBLEM_LINE.match(line) for line in problems), problems

    built = build(project, check=False)
    assert built.returncode != 0
    assert not (project / "site" / "index.html").exists()
    output = built.output.splitlines()
    for line in problems:
        assert line in output, f"the build does not print: {line}\n{built.output}"
    assert f"{len(problems)} problems in the archive" in built.output
    assert "Traceback" not in built.output


@pytest.mark.parametrize(
    "page",
    [
        "actors/jane-roe.md",
        "index.md",
        "articles/index.md",
        "tags.md",
        "data/archive.json",
        "assets/leakarchive.css",
    ],
)
def test_a_docs_page_at_a_generated_path_fails_clearly(tmp_path, page):
    project = make_project(tmp_path / "project", SMALL_ARCHIVE, docs={page: "# Hand-written\n"})
    built = build(project, check=False)
    assert built.returncode != 0
    assert f"docs/{page} has the path of a page generated from the archive" in built.output
    assert "Traceback" not in built.output


def test_a_docs_page_at_a_generated_url_fails_clearly(tmp_path):
    """`actors/jane-roe/index.md` is another file, but it would be served at the same URL."""
    project = make_project(tmp_path / "project", SMALL_ARCHIVE, docs={"actors/jane-roe/index.md": "# Mine\n"})
    built = build(project, check=False)
    assert built.returncode != 0
    assert "docs/actors/jane-roe/index.md would be served at actors/jane-roe/index.html" in built.output
    assert "Traceback" not in built.output


# --- the plugin build and the export build --------------------------------------------------


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The small archive built by the plugin, then exported and built without it (README).

    Without the plugin nothing runs Pagefind, so the site has Material's search: the plugin's
    build to compare with searches with lunr too (`search: lunr`)."""
    config = plugin_options(search="lunr")
    project = make_project(tmp_path_factory.mktemp("export") / "project", SMALL_ARCHIVE, config)
    before = snapshot(project)
    plugin = build(project)
    after = snapshot(project)
    shutil.copytree(project / "docs", project / "build" / "export")
    exported = run(["leakarchive", "export", "build/export"], project)
    assert exported.returncode == 0, exported.stdout + exported.stderr
    plain = build(project, project / "site-export", config_file="mkdocs.export.yml")
    return project, before, after, plugin, plain


def test_the_plugin_writes_nothing_into_the_project(builds):
    _, before, after, plugin, _ = builds
    assert before == after  # docs/, archive/ and mkdocs.yml untouched, nothing added
    assert plugin.site.is_dir()


def test_the_export_builds_the_same_pages(builds):
    _, _, _, plugin, plain = builds
    generated = [
        p.relative_to(plugin.site).as_posix()
        for p in plugin.html_files()
        if p.relative_to(plugin.site).parts[0] in ("articles", "actors", "leaks")
    ]
    assert len(generated) == 3 + 7 + 2 + 3  # pages + the three indexes
    for name in generated:
        assert (plain.site / name).read_bytes() == (plugin.site / name).read_bytes(), name
    for name in ("index.html", "tags/index.html", "verification/index.html", "data/archive.json"):
        assert (plain.site / name).read_bytes() == (plugin.site / name).read_bytes(), name
    assert plain.warnings() == []


def test_the_real_project_builds_strict_without_warnings(tmp_path):
    """`mkdocs build --strict` in the repository itself (into a temporary folder).

    NO_MKDOCS_2_WARNING is set by the helper: Material prints a banner about its end of life on
    every run (not a log warning, and not about this project)."""
    built = build(ROOT, tmp_path / "site")
    assert built.warnings() == []
    assert "WARNING" not in built.output
    assert re.search(r"leakarchive: \d+ articles, \d+ actors, \d+ leaks", built.output)
    # Nothing generated was written into the repository's docs/ (see also the test above).
    written = [
        p
        for p in ("index.md", "articles", "actors", "leaks", "data", "tags.md")
        if (ROOT / "docs" / p).exists()
    ]
    assert written == []


# --- watching -------------------------------------------------------------------------------


def test_on_serve_watches_the_archive(tmp_path):
    from mkdocs.config import load_config

    from leakarchive.site.plugin import LeakArchivePlugin

    project = make_project(tmp_path / "project", REAL_ARCHIVE)
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["leakarchive"]
    assert isinstance(plugin, LeakArchivePlugin)
    config.plugins.on_config(config)

    class Server:
        """Records what the plugin asks `mkdocs serve` to watch."""

        def __init__(self):
            self.watched: list[str] = []

        def watch(self, path, *args, **kwargs):
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=lambda: None)
    assert Path(server.watched[0]).resolve() == (project / "archive").resolve()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def test_mkdocs_serve_rebuilds_when_an_archive_file_changes(tmp_path):
    project = make_project(tmp_path / "project", SMALL_ARCHIVE)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/actors/jane-roe/"
    try:
        deadline = time.monotonic() + 20
        while (page := fetch(url)) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert page is not None and "Jane Roe" in page, "mkdocs serve did not start in 20 s"
        actor = project / "archive" / "actors" / "jane-roe.yml"
        actor.write_text(actor.read_text("utf-8").replace("A fictional head", "A rebuilt head"), "utf-8")
        deadline = time.monotonic() + 20
        while "A rebuilt head" not in (fetch(url) or "") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert "A rebuilt head" in (fetch(url) or ""), "the page did not change within 20 s"
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
    assert "Traceback" not in output
