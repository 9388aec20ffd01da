"""`mkdocs serve --dirty` previews: only the pages an edit changes are rebuilt, and the site stays
right: cross-links updated, the search index holding every page."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitebuild import SMALL_ARCHIVE, make_project
from test_plugin import fetch, free_port

from leakarchive.engine.pipeline import check_archive
from leakarchive.render.pages import RenderOptions
from leakarchive.render.renderer import render
from leakarchive.site import incremental
from leakarchive.site.incremental import Session, TemplateCache
from leakarchive.site.postbuild import SEARCH_INDEX
from leakarchive.urls import Links

ARTICLE = "archive/articles/2011/2011-03-02-doe-tape.md"


def wait_for(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s")


def test_a_dirty_preview_rebuilds_only_what_changed_and_keeps_search_whole(tmp_path):
    project = make_project(tmp_path / "project", SMALL_ARCHIVE)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        index_before = json.loads(wait_for(lambda: fetch(base + "search/search_index.json")))
        pages_before = {doc["location"].split("#")[0] for doc in index_before["docs"]}
        time.sleep(2)  # the watcher starts after the first build is served
        methodology_before = fetch(base + "methodology/")
        article = project / ARTICLE
        text = article.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        article.write_text(text.replace(title, "title: A retitled tape", 1), encoding="utf-8")

        wait_for(lambda: "A retitled tape" in (fetch(base + "articles/2011-03-02-doe-tape/") or ""))
        assert "A retitled tape" in fetch(base + "actors/john-doe/")  # its actor's list of articles
        assert "A retitled tape" in fetch(base + "articles/")  # the timeline
        index = json.loads(fetch(base + "search/search_index.json"))
        assert {doc["location"].split("#")[0] for doc in index["docs"]} == pages_before
        # Every page and section once: no rebuilt page keeps its previous entries too.
        assert sorted(doc["location"] for doc in index["docs"]) == sorted(
            doc["location"] for doc in index_before["docs"]
        )
        # Every entry's title as before (labels such as "Actor: " included), the new title for old.
        old_title = title.removeprefix("title:").strip().strip("'\"")
        titles = {doc["location"]: doc["title"] for doc in index["docs"]}
        before = {doc["location"]: doc["title"] for doc in index_before["docs"]}
        assert titles == {location: t.replace(old_title, "A retitled tape") for location, t in before.items()}
        assert "Article: A retitled tape" in titles.values()
        assert "A retitled tape" in fetch(base + "leaks/records-memo/")  # its reports, in order
        unchanged = re.sub(r"reload\(\d+, \d+\)", "", fetch(base + "methodology/"))  # livereload's epoch
        assert unchanged == re.sub(r"reload\(\d+, \d+\)", "", methodology_before)
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert "Traceback" not in output


def test_a_preview_compiles_a_template_once_and_again_when_it_changes(tmp_path):
    """MkDocs makes a new Jinja environment for each rebuild; the session's cache spares
    compiling the theme again, but never serves an edited template's old code."""
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    cache, compiled = TemplateCache(), []

    class CountingEnvironment(jinja2.Environment):
        def compile(self, source, *args, **kwargs):
            compiled.append(source)
            return super().compile(source, *args, **kwargs)

    def render() -> str:
        env = CountingEnvironment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
        return env.get_template("page.html").render(name="reader")

    assert [render(), render()] == ["Hello reader", "Hello reader"]
    assert compiled == ["Hello {{ name }}"]
    (tmp_path / "page.html").write_text("Goodbye {{ name }}", encoding="utf-8")
    assert render() == "Goodbye reader"
    assert compiled == ["Hello {{ name }}", "Goodbye {{ name }}"]


def test_a_dirty_build_search_index_keeps_skipped_pages_and_drops_removed_ones(tmp_path):
    index_path = tmp_path / SEARCH_INDEX
    index_path.parent.mkdir()
    config = {"lang": ["en"], "separator": "[\\\\s\\\\-]+"}

    def doc(location: str, title: str) -> dict:
        return {"location": location, "title": title, "text": f"«{title}» </p>"}

    def material_json(index: dict) -> str:
        return json.dumps(index, separators=(",", ":"), default=str)  # as Material writes it

    def build(docs: list[dict], rebuilt: set[str], pages: set[str]) -> tuple[int, str]:
        index_path.write_text(material_json({"config": config, "docs": docs}), encoding="utf-8")
        return session.merge_search_index(tmp_path, rebuilt, pages), index_path.read_text(encoding="utf-8")

    session = Session()
    first = [doc("a/", "A"), doc("a/#part", "A, part"), doc("b/", "B"), doc("b/#old", "B, old")]
    # The index is cut into entries as bytes: an escaped location, and text that looks like an
    # entry's start, are read right.
    first += [doc("c/", "C"), doc("é/", 'E {"location":"a/"}, a trap')]
    assert build(first, {"a/", "b/", "c/", "é/"}, {"a/", "b/", "c/", "é/"})[0] == 6
    # b/ rebuilt with a new title and no section, c/ removed, d/ added; a/ and é/ skipped: their
    # entries come back.
    count, text = build([doc("b/", "B2"), doc("d/", "D")], {"b/", "d/"}, {"a/", "b/", "d/", "é/"})
    expected = {"config": config, "docs": [*first[:2], doc("b/", "B2"), doc("d/", "D"), first[5]]}
    assert count == 5
    assert text == material_json(expected)
    # Material's own dirty merge (its plugin object lives on between builds) writes every page:
    # the skipped ones as it first indexed them (without the labels added after it), the
    # removed c/, the first rebuilt page's new entries and, for the others, the previous entries
    # then the new. This build's entries for rebuilt pages, the remembered ones for the others.
    material = [doc("a/", "Unlabelled A"), doc("a/#part", "A, part"), doc("c/", "C")]
    new_d = [doc("d/", "D3"), doc("d/#new", "D3, new")]
    material += [doc("b/", "B3"), doc("d/", "D"), *new_d]
    count, text = build(material, {"b/", "d/"}, {"a/", "b/", "d/", "é/"})
    assert json.loads(text)["docs"] == [*first[:2], doc("b/", "B3"), *new_d, first[5]]


@pytest.fixture
def serve_dirty_here():
    """This process as a `mkdocs serve --dirty` session (MkDocs' serve calls `build` so), and
    back to an ordinary one after the test."""
    yield
    incremental.start(serving=False, dirty=False)


def serve_build(project: Path, site: Path, *, dirty: bool) -> None:
    """One build into `site` as `mkdocs serve` (with `--dirty` or not) makes it, in this process."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.plugins.on_startup(command="serve", dirty=dirty)
    build(config, dirty=dirty)


@pytest.mark.parametrize("dirty", [True, False])
def test_a_preview_rebuild_writes_the_data_files_of_a_fresh_build(tmp_path, serve_dirty_here, dirty):
    """Either preview reuses the pipeline's results (rendering few pages again); a dirty one
    writes only the data files the edit changed, a stock one every file."""
    project = make_project(tmp_path / "project", SMALL_ARCHIVE)
    site = tmp_path / "site"

    def preview_build() -> None:
        serve_build(project, site, dirty=dirty)

    def data_files() -> dict[str, bytes]:
        checked = check_archive(project / "archive", root=project)
        assert not checked.problems
        return render(checked.graph, RenderOptions(Links(True), site_name="Leak Archive")).files

    preview_build()
    before = data_files()
    assert {path: (site / path).read_bytes() for path in before} == before
    for path in before:
        os.utime(site / path, ns=(0, 0))
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("title:", "title: Retitled,", 1))
    preview_build()
    after = data_files()
    # Each data file as a fresh build makes it; those the edit left alone not written again.
    assert {path: (site / path).read_bytes() for path in after} == after
    rewritten = {path for path in after if (site / path).stat().st_mtime_ns != 0}
    changed = {path for path in after if after[path] != before.get(path)}
    assert rewritten == (changed if dirty else set(after))
    assert {"data/archive.json", "data/articles.csv"} <= changed and "data/actors.csv" not in changed
    assert 0 < incremental.session(str(site)).renders.owners_rendered < 10  # of 13 owners


def test_a_preview_build_logs_the_mention_links_an_edit_added_and_dropped(tmp_path, serve_dirty_here, caplog):
    project = make_project(tmp_path / "project", SMALL_ARCHIVE)
    actor = project / "archive/actors/reza-karimi.yml"
    original = actor.read_text(encoding="utf-8")

    def link_lines() -> list[str]:
        caplog.clear()
        with caplog.at_level(logging.INFO):
            serve_build(project, tmp_path / "site", dirty=True)
        said = [record.getMessage().removeprefix("leakarchive: ") for record in caplog.records]
        return [message for message in said if message.startswith("links:")]

    assert link_lines() == []  # the first build has nothing to compare with
    # An alias that one article's text holds ("A former archivist, John Doe, says...").
    actor.write_text(original.replace("aliases:", 'aliases:\n  - "former archivist"', 1), encoding="utf-8")
    assert link_lines() == ["links: +1 new, -0 gone since the last build (reza-karimi +1)"]
    assert link_lines() == ["links: +0 new, -0 gone since the last build"]
    actor.write_text(original, encoding="utf-8")
    assert link_lines() == ["links: +0 new, -1 gone since the last build (reza-karimi -1)"]


def test_a_dirty_rebuild_remakes_an_unchanged_page_whose_output_is_gone(tmp_path, serve_dirty_here):
    """A dirty build packs no HTML blocks for pages it will not convert; one whose output was
    deleted is converted all the same."""
    project = make_project(tmp_path / "project", SMALL_ARCHIVE)
    site = tmp_path / "site"

    def dirty_build() -> None:
        serve_build(project, site, dirty=True)

    dirty_build()
    page = site / "articles/2011-03-02-doe-tape/index.html"
    before = page.read_text(encoding="utf-8")
    assert 'class="la-quote' in before  # the article's text with its quotes: HTML blocks
    page.unlink()
    dirty_build()  # nothing changed: every page unchanged, this one's output gone
    assert page.read_text(encoding="utf-8") == before
