"""Attacks through `leakarchive new` and `leakarchive import`: capped reads, linear work, drafts
that validate.

`--text /dev/zero` and `import` read all their input before checking its size; a Persian title
made the bare id `YYYY-MM-DD`, so two such articles of one day collided; plain-text import kept
a U+2028 inside a byline (a draft the model refuses); a page of 8,000 quotations took 85 s.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sitebuild import SMALL_ARCHIVE

from leakarchive import budgets
from leakarchive.engine.link import MentionFinder
from leakarchive.engine.pipeline import check_archive
from leakarchive.engine.validate import Entry
from leakarchive.model import Actor
from leakarchive.tools.cli import main
from leakarchive.tools.importer.article import import_page
from leakarchive.tools.importer.quotes import find_quotes

TOO_MUCH = f"at most {budgets.MAX_IMPORT_BYTES:,} bytes, found more in /dev/zero"


def archive_copy(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    shutil.copytree(SMALL_ARCHIVE, archive)
    return archive


def test_new_reads_an_endless_text_only_up_to_its_budget(tmp_path, capsys):
    archive = archive_copy(tmp_path)
    args = ["new", "article", "Memo", "--date", "2010-01-02", "--publisher", "daily-courier"]
    assert main([*args, "--text", "/dev/zero", "--archive", str(archive)]) == 2
    assert TOO_MUCH in capsys.readouterr().err
    assert not (archive / "articles" / "2010" / "2010-01-02-memo.md").exists()


def test_import_reads_an_endless_page_only_up_to_its_budget(tmp_path, capsys):
    assert main(["import", "/dev/zero", "--archive", str(archive_copy(tmp_path)), "--output", "-"]) == 2
    assert TOO_MUCH in capsys.readouterr().err


def test_two_persian_titles_of_one_day_get_two_ids(tmp_path, capsys):
    archive = archive_copy(tmp_path)
    for title in ("نامهٔ محرمانه وزارت", "گزارش جلسه سری"):
        args = ["new", "article", title, "--date", "2010-01-02", "--publisher", "daily-courier"]
        assert main([*args, "--language", "fa", "--archive", str(archive)]) == 0
    made = sorted(path.stem for path in (archive / "articles" / "2010").glob("2010-01-02-*.md"))
    assert len(made) == 2 and made[0] != made[1], made
    assert all(len(stem) == len("2010-01-02-") + 10 for stem in made)


def test_a_line_separator_in_a_byline_becomes_a_space(tmp_path):
    text = (
        "Memo leaked to the press\n\nBy Jane\u2028Roe and John\u00a0 Doe\n12 January 2010\n\n"
        + "The ministry sent a memo to every office, and the memo was leaked to us today. " * 6
    ).encode()
    archive = archive_copy(tmp_path)
    result = import_page(text, "copied.txt", archive=archive, publisher="daily-courier")
    assert result.draft.authors == ["Jane Roe", "John Doe"]
    path = archive / "articles" / "2010" / f"{result.draft.id}.md"
    path.write_text(result.text, "utf-8")
    # The model accepts the draft (a reviewer still wants its comments gone: severity "review").
    assert [str(p) for p in check_archive(archive).problems if p.severity != "review"] == []


def test_a_page_of_eight_thousand_quotations_gives_the_budget_of_candidates_with_speakers():
    finder = MentionFinder([Entry(Actor(id="jane-doe", name="Jane Doe", kind="person"), None)])  # type: ignore[arg-type]  # no file: the finder reads only the actor
    body = " ".join(f"“Quote number {i} here,” said Jane Doe. He said “another {i}”." for i in range(4_000))
    quotes = find_quotes(body + "\n", finder)
    assert len(quotes) == budgets.MAX_QUOTES
    assert [quote.text for quote in quotes[:2]] == ["Quote number 0 here,", "another 0"]
    assert all(quote.speaker and quote.speaker.actor == "jane-doe" for quote in quotes)
