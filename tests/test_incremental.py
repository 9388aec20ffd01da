"""Previews re-render only what an edit can change, and get the same site as a full build.

A preview server keeps caches between rebuilds (pipeline.StageCache, render.RenderCache). After
each edit below, the pages and files made with the caches must equal, byte for byte, those made
from scratch; and an edit of one article must re-render only a few pages' owners, or the caches
would be doing nothing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from make_archive import make_archive

from leakarchive.engine.pipeline import StageCache, check_archive
from leakarchive.render.pages import RenderOptions
from leakarchive.render.renderer import RenderCache, render
from leakarchive.urls import Links

ARTICLES = 100


def replace_in(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} not in {path}"
    path.write_text(changed, encoding="utf-8")


def articles(archive: Path) -> list[Path]:
    return sorted((archive / "articles").rglob("*.md"))


def copy_article(archive: Path) -> None:
    """A new article: a copy of the first under a new id and URL."""
    source = articles(archive)[0]
    target = source.with_name(source.stem + "-copy.md")
    text = source.read_text(encoding="utf-8")
    text = text.replace(f"id: {source.stem}", f"id: {target.stem}", 1)
    text = re.sub(r"(url: https://\S+)", r"\1-copy", text, count=1)
    target.write_text(text, encoding="utf-8")


def restore_article(archive: Path, index: int) -> None:
    path = articles(archive)[index]
    shutil.copy(archive.parent / "original" / path.relative_to(archive), path)


ACTOR, LEAK = r"actor-\d+", r"leak-\d+"
STATUS_BLOCK = r"^  status: \w+(\n  note: .*\n  reviewed_on: .*)?"
JUSTIFIED = "\n  note: Forged.\n  reviewed_on: '2025-12-31'"  # a status above unverified needs both

# Each edit: what it does, and whether only articles change (then few owners are re-rendered).
EDITS = [
    ("title", True, lambda a: replace_in(articles(a)[3], r"^title: '", "title: 'Edited: ")),
    ("outlet", True, lambda a: replace_in(articles(a)[5], f"publisher: {ACTOR}", "publisher: actor-00001")),
    ("leak reference", True, lambda a: replace_in(articles(a)[7], f"leak: {LEAK}", "leak: leak-00030")),
    ("speaker", True, lambda a: replace_in(articles(a)[9], f"speaker: {ACTOR}", "speaker: actor-00002")),
    ("status", True, lambda a: replace_in(articles(a)[11], STATUS_BLOCK, "  status: fabricated" + JUSTIFIED)),
    ("date", True, lambda a: replace_in(articles(a)[13], r"^date: '(\d{4})-\d\d-\d\d'", r"date: '\1-12-31'")),
    ("tag", True, lambda a: replace_in(articles(a)[15], r"^- topic-\d+", "- a-new-tag")),
    ("new article", True, copy_article),
    ("removed article", True, lambda a: articles(a)[20].unlink()),
    ("actor name", False, lambda a: replace_in(a / "actors/actor-00002.yml", r"^name: ", "name: Renamed ")),
    ("leak title", False, lambda a: replace_in(a / "leaks/leak-00030.yml", r"^title: '", "title: 'Renamed ")),
    ("text edit", True, lambda a: replace_in(articles(a)[30], r"^text_sha256: \w+", "text_sha256: 0")),
    ("text restored", True, lambda a: restore_article(a, 30)),
]  # fmt: skip


def site_of(site) -> dict[str, str | bytes]:
    return {**{path: page.markdown for path, page in site.pages.items()}, **site.files}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_previews_render_only_what_changed_and_get_the_same_site(tmp_path: Path, directory_urls: bool):
    make_archive(ARTICLES, tmp_path)
    archive = tmp_path / "archive"
    shutil.copytree(archive, tmp_path / "original")
    options = RenderOptions(Links(directory_urls))
    stages, renders = StageCache(), RenderCache()
    first = check_archive(archive, cache=stages)
    render(first.graph, options, renders)
    owners = renders.rendered
    assert owners > ARTICLES

    for name, only_articles, edit in EDITS:
        edit(archive)
        cached = check_archive(archive, cache=stages)
        fresh = check_archive(archive)
        assert cached.problems == fresh.problems, name
        if fresh.problems:  # the text edit: a build would stop here; the next edit repairs it
            assert "text_sha256" in str(fresh.problems[0])
            continue
        incremental = site_of(render(cached.graph, options, renders))
        assert incremental == site_of(render(fresh.graph, options)), name
        if only_articles:
            assert renders.rendered < 20, f"{name}: {renders.rendered} of {owners} re-rendered"
        else:
            assert renders.rendered > ARTICLES, f"{name}: an actor or leak changed, all is rendered"


def test_a_cache_from_other_options_is_not_used(tmp_path: Path):
    make_archive(30, tmp_path)
    graph = check_archive(tmp_path / "archive").graph
    cache = RenderCache()
    render(graph, RenderOptions(Links(True)), cache)
    other = render(graph, RenderOptions(Links(False)), cache)
    assert site_of(other) == site_of(render(graph, RenderOptions(Links(False))))
    assert cache.rendered > 30
