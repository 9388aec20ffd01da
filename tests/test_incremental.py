"""Previews re-render only what an edit can change, and get the same site as a full build.

A preview session (site/incremental.py) keeps what its last build made, keyed by the content of
the archive's files. After each edit below, the problems, pages and files it gives must equal,
byte for byte, those of a fresh build; and an edit of one article must re-render only a few
pages' owners, or the session would be doing nothing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from make_archive import make_archive

from leakarchive.engine.pipeline import check_archive
from leakarchive.render.pages import RenderOptions
from leakarchive.render.renderer import render
from leakarchive.site.incremental import Session
from leakarchive.text import canonical_body, sha256_text
from leakarchive.urls import Links

ARTICLES = 100


def replace_in(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} not in {path}"
    path.write_text(changed, encoding="utf-8")


def articles(archive: Path) -> list[Path]:
    return sorted((archive / "articles").rglob("*.md"))


def original(archive: Path, path: Path) -> Path:
    return archive.parent / "original" / path.relative_to(archive)


def copy_article(archive: Path) -> None:
    """A new article: a copy of the first under a new id and URL."""
    source = articles(archive)[0]
    target = source.with_name(source.stem + "-copy.md")
    text = source.read_text(encoding="utf-8")
    text = text.replace(f"id: {source.stem}", f"id: {target.stem}", 1)
    text = re.sub(r"(url: https://\S+)", r"\1-copy", text, count=1)
    target.write_text(text, encoding="utf-8")


def edit_text(archive: Path) -> None:
    """A correction of an article's text, with its new checksum: a valid edit."""
    path = articles(archive)[32]
    front, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    body = body.replace(" ", " corrected ", 1)
    front = re.sub(r"text_sha256: \w+", f"text_sha256: {sha256_text(canonical_body(body))}", front)
    path.write_text(f"{front}\n---\n{body}", encoding="utf-8")


def add_alias_from_text(archive: Path) -> None:
    """An alias that some article's text contains: linking finds new mentions there."""
    body = articles(archive)[40].read_text(encoding="utf-8").split("\n---\n", 1)[1]
    word = re.findall(r"[a-z]{6,}", body)[0]
    replace_in(archive / "actors/actor-00003.yml", r"^aliases:\n", f"aliases:\n- {word}\n")


def restore(archive: Path, relative: str) -> None:
    shutil.copy(archive.parent / "original" / relative, archive / relative)


ACTOR, LEAK = r"actor-\d+", r"leak-\d+"
NEW_ACTOR = "id: actor-new\nname: Zedvand Newcomer\nkind: person\naliases: []\n"
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
    ("article text", True, edit_text),
    ("actor renamed", False, lambda a: replace_in(a / "actors/actor-00002.yml", "^name: ", "name: Renamed ")),
    ("actor alias found in a text", False, add_alias_from_text),
    ("actor added", False, lambda a: (a / "actors/actor-new.yml").write_text(NEW_ACTOR, encoding="utf-8")),
    ("unused actor removed", False, lambda a: (a / "actors/actor-new.yml").unlink()),
    ("leak edited", False, lambda a: replace_in(a / "leaks/leak-00030.yml", "^title: '", "title: 'Renamed ")),
    ("broken checksum", True, lambda a: replace_in(articles(a)[30], r"^text_sha256: \w+", "text_sha256: 0")),
    ("checksum fixed", True, lambda a: shutil.copy(original(a, articles(a)[30]), articles(a)[30])),
    ("broken YAML", True, lambda a: replace_in(articles(a)[31], r"^title: '", "title: [unclosed '")),
    ("YAML fixed", True, lambda a: shutil.copy(original(a, articles(a)[31]), articles(a)[31])),
    ("used actor removed", False, lambda a: (a / "actors/actor-00004.yml").unlink()),
    ("used actor restored", False, lambda a: restore(a, "actors/actor-00004.yml")),
    ("leak file deleted", False, lambda a: (a / "leaks/leak-00031.yml").unlink()),
    ("leak file restored", False, lambda a: restore(a, "leaks/leak-00031.yml")),
    ("untouched rebuild", True, lambda a: None),
]  # fmt: skip


def preview_build(session: Session, archive: Path, options: RenderOptions):
    """One preview build: the archive checked and, when nothing is wrong with it, rendered."""
    checked = session.check(archive, archive.parent)
    return checked, None if checked.problems else session.render(checked.graph, options)


def site_of(site) -> dict[str, str | bytes]:
    return {**{path: page.markdown for path, page in site.pages.items()}, **site.files}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_previews_render_only_what_changed_and_get_the_same_site(tmp_path: Path, directory_urls: bool):
    make_archive(ARTICLES, tmp_path)
    archive = tmp_path / "archive"
    shutil.copytree(archive, tmp_path / "original")
    options = RenderOptions(Links(directory_urls))
    session = Session()
    checked, site = preview_build(session, archive, options)
    assert site is not None and not checked.problems
    owners = session.renders.owners_rendered
    assert owners > ARTICLES
    failed = set()

    for name, only_articles, edit in EDITS:
        edit(archive)
        checked, site = preview_build(session, archive, options)
        fresh = check_archive(archive, root=tmp_path)
        assert checked.problems == fresh.problems, name
        if fresh.problems:  # a build would stop here; a later edit repairs it
            failed.add(name)
            assert site is None, name
            continue
        assert site is not None, name
        assert site_of(site) == site_of(render(fresh.graph, options)), name
        rendered, encoded = session.renders.owners_rendered, session.renders.data_encoded
        if only_articles:
            assert rendered < 20, f"{name}: {rendered} of {owners} re-rendered"
            # The data files (tables, annotations) encode again the edited article's part alone.
            assert encoded <= 1, f"{name}: {encoded} articles' data encoded again"
        else:
            assert rendered > ARTICLES, f"{name}: an actor or leak changed, all is rendered"
            assert encoded == len(fresh.graph.articles), name
    assert failed == {"broken checksum", "broken YAML", "used actor removed", "leak file deleted"}


def test_an_untouched_archive_is_read_validated_and_linked_once(tmp_path: Path):
    make_archive(30, tmp_path)
    archive = tmp_path / "archive"
    session = Session()
    preview_build(session, archive, RenderOptions())
    reads, links = dict(session.stages.reads), dict(session.stages.links)
    preview_build(session, archive, RenderOptions())
    assert session.stages.reads.keys() == reads.keys()
    assert all(session.stages.reads[key] is reads[key] for key in reads)
    assert all(session.stages.links[key] is links[key] for key in links)
    assert session.renders.owners_rendered == 1  # the index pages, which every build renders
    assert session.renders.data_encoded == 0


def test_a_session_with_other_options_renders_everything(tmp_path: Path):
    make_archive(30, tmp_path)
    archive = tmp_path / "archive"
    session = Session()
    preview_build(session, archive, RenderOptions(Links(True)))
    _, other = preview_build(session, archive, RenderOptions(Links(False)))
    fresh = render(check_archive(archive, root=tmp_path).graph, RenderOptions(Links(False)))
    assert other is not None and site_of(other) == site_of(fresh)
    assert session.renders.owners_rendered > 30
    assert session.renders.data_encoded == 30  # the tables hold page addresses
