"""What a reviewer would send back (engine/review.py): valid files that are not finished.

Each check is made on a copy of the valid fixture with one thing undone, and must give exactly
one problem, of severity "review", at the right line. `validate` exits 1 on them; a site build
refuses them; a contributor's local preview (`mkdocs serve`) shows the page marked as a draft.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sitebuild import build, make_project, resolve
from test_plugin import fetch, free_port
from test_preview import wait_for

from leakarchive.engine.pipeline import check_archive
from leakarchive.engine.review import link_problem
from leakarchive.tools.cli import main

VALID = Path(__file__).parent / "fixtures" / "valid" / "archive"
TODAY = date(2026, 11, 25)
ARTICLE = "articles/2010/2010-01-12-budget-memo-leaked.md"
LEAK = "leaks/budget-memo.yml"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    shutil.copytree(VALID, folder)
    return folder


def edit(archive: Path, name: str, old: str, new: str) -> None:
    path = archive / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    """The number of the first line of `path` that starts with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def review_lines(archive: Path) -> list[str]:
    problems = check_archive(archive, root=archive.parent, today=TODAY).problems
    assert all(p.severity == "review" for p in problems), [str(p) for p in problems]
    return [str(p) for p in problems]


def test_the_valid_fixture_is_finished(archive):
    assert review_lines(archive) == []


def test_leftover_draft_comments(archive):
    edit(archive, ARTICLE, "summary: >", "# summary: NOT FOUND on the page\nsummary: >")
    (line,) = review_lines(archive)
    at = line_of(archive / ARTICLE, "# summary: NOT FOUND")
    assert line.startswith(f"archive/{ARTICLE}:{at}:1: expected a finished file, found the draft's")
    assert "delete them" in line


def test_comments_of_the_contributor_s_own_are_fine(archive):
    edit(archive, ARTICLE, "summary: >", "# Checked against the print edition.\nsummary: >")
    assert review_lines(archive) == []


@pytest.mark.parametrize(
    "title", ["https://example.com/2010/01/12/budget-memo", "URL: https://example.com/a", "www.example.com"]
)
def test_a_title_that_is_an_address(archive, title):
    edit(
        archive,
        ARTICLE,
        'title: "Leaked memo shows the ministry’s budget cuts — and who made them"',
        f'title: "{title}"',
    )
    (line,) = review_lines(archive)
    at = line_of(archive / ARTICLE, "title: ")
    assert f"archive/{ARTICLE}:{at}:8: title: expected the headline as printed, found an address" in line


def test_a_missing_summary(archive):
    text = (archive / ARTICLE).read_text(encoding="utf-8")
    start = text.index("summary: >")
    end = text.index("leaks:", start)
    (archive / ARTICLE).write_text(text[:start] + text[end:], encoding="utf-8")
    edit(
        archive,
        LEAK,
        "summary: >-\n  A ministry memo setting out cuts to provincial budgets,\n"
        "  leaked in December 2009.\n",
        "",
    )
    lines = review_lines(archive)
    assert len(lines) == 2
    assert lines[0].startswith(f"archive/{ARTICLE}:2:1: summary: expected a summary, found none")
    assert lines[1].startswith(f"archive/{LEAK}:2:1: summary: expected a summary, found none")


def test_a_status_above_unverified_needs_a_note_and_a_review_date(archive):
    article = "articles/2009/rally-briefing-recording.md"
    edit(archive, article, '  note: "Written for a test: the reasons for this status."\n', "")
    (line,) = review_lines(archive)
    assert line == (
        f"archive/{article}:11:11: verification.status: expected a note and a review date for the "
        "status 'disputed', found no note: add verification.note (what was checked, and how) and "
        "verification.reviewed_on (YYYY-MM-DD), or keep the status unverified"
    )


def test_a_leak_needs_a_status_history_that_ends_in_its_status(archive):
    edit(archive, LEAK, "    note: A second copy of the memo was obtained by Mirror News.\n", "")
    (line,) = review_lines(archive)
    assert "status_history[2].status: expected a note saying what the status 'corroborated' rests on" in line
    edit(archive, LEAK, "status: corroborated\n", "status: confirmed\n")
    assert any(
        "status: expected the last status of status_history, 'corroborated', found 'confirmed'" in line
        for line in review_lines(archive)
    )
    text = (archive / LEAK).read_text(encoding="utf-8")
    start, end = text.index("status_history:"), text.index("summary:")
    (archive / LEAK).write_text(text[:start] + "status_history: []\n" + text[end:], encoding="utf-8")
    (line,) = review_lines(archive)
    assert "status_history: expected at least one status change, found none" in line
    assert "- {status: confirmed, date: YYYY-MM-DD" in line


def test_links_in_markdown_must_resolve(archive):
    edit(
        archive,
        LEAK,
        "  leaked in December 2009.\n",
        "  leaked in December 2009. Reported by [the Times](actor:example-times), see\n"
        "  [the memo](leak:budget-memo), [our page](../actors/jane-doe/), [a typo](actor:jane-do)\n"
        "  and [a leak named as an actor](actor:rally-recording) and [the web](https://example.com/).\n",
    )
    lines = review_lines(archive)
    assert len(lines) == 3, lines
    at = line_of(archive / LEAK, "summary: ")  # a folded scalar: its value starts on the key's line
    assert all(line.startswith(f"archive/{LEAK}:{at}:10: summary: expected a link") for line in lines), lines
    assert (
        "'../actors/jane-doe/', which points nowhere" in lines[0]
        and "(write [text](actor:jane-doe))" in lines[0]
    )
    assert "found 'actor:jane-do', which is none" in lines[1]
    assert "'rally-recording' is a leak, so link it as (leak:rally-recording)" in lines[2]


def test_link_targets():
    ids = {"actor": {"jane-doe"}, "leak": {"budget-memo"}, "article": set()}
    assert link_problem("https://example.com/", ids) is None
    assert link_problem("actor:jane-doe", ids) is None
    assert "points nowhere" in link_problem("javascript:alert(1)", ids)
    assert "points nowhere" in link_problem("#top", ids)


def test_validate_exits_1_on_review_problems(archive, capsys):
    edit(archive, ARTICLE, "summary: >", "# DRAFT made by `leakarchive import`\nsummary: >")
    assert main(["validate", "--archive", str(archive)]) == 1
    assert "found the draft's explanatory comments" in capsys.readouterr().out


# --- builds and previews --------------------------------------------------------------------


def draft_project(tmp_path: Path) -> Path:
    archive = tmp_path / "archive-src"
    shutil.copytree(VALID, archive)
    edit(archive, ARTICLE, "summary: >", "# DRAFT made by `leakarchive import` from page.html\nsummary: >")
    return make_project(tmp_path / "project", archive)


def test_a_build_refuses_a_draft(tmp_path):
    project = draft_project(tmp_path)
    built = build(project, check=False)
    assert built.returncode != 0
    assert "found the draft's explanatory comments" in built.output


def test_a_local_preview_shows_a_draft_marked_as_such(tmp_path):
    project = draft_project(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        page = wait_for(lambda: fetch(base + "articles/2010-01-12-budget-memo-leaked/"), seconds=90)
        other = fetch(base + "articles/rally-briefing-recording/")
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert "Draft: not ready to publish" in page
    assert "found the draft&#39;s explanatory comments" in page
    assert "Draft: not ready to publish" not in other
    assert "<hr" not in page and "title: " not in page  # the notice comes after the front matter
    assert "found the draft's explanatory comments" in output  # also said in the terminal


def test_id_links_become_links_to_the_entries_pages(tmp_path):
    archive = tmp_path / "archive-src"
    shutil.copytree(VALID, archive)
    edit(
        archive,
        LEAK,
        "  leaked in December 2009.\n",
        "  leaked in December 2009, first reported by [the Times](actor:example-times)\n"
        '  and discussed in [this article](article:2010-01-12-budget-memo-leaked "the article").\n',
    )
    built = build(make_project(tmp_path / "project", archive))
    page_file = built.page_file("leaks/budget-memo.md")
    html = page_file.read_text(encoding="utf-8")
    hrefs = {a.text: a.attrs["href"] for a in built.page("leaks/budget-memo.md").find_all("a")}
    assert "actor:" not in html and "article:2010" not in html
    target, _ = resolve(built.site, page_file, hrefs["the Times"])
    assert target == built.page_file("actors/example-times.md")
    target, _ = resolve(built.site, page_file, hrefs["this article"])
    assert target == built.page_file("articles/2010-01-12-budget-memo-leaked.md")
