"""Persian throughout: quotes, notes and names match whether or not the text keeps its zero-width
non-joiners (U+200C) and whichever of the Arabic or Persian forms of ی and ک it uses; a Persian
text without a single non-joiner gets a warning (a copy that lost them), never an error."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from leakarchive.engine.pipeline import check_archive
from leakarchive.text import AnchorError, find_passage, normalize, sha256_text
from leakarchive.tools.cli import main

VALID = Path(__file__).parent / "fixtures" / "valid" / "archive"
TODAY = date(2026, 11, 25)
ZWNJ = "\u200c"

# 41 Persian words, two with a ZWNJ ("می‌گوید", "آن‌ها"), one name in Arabic letters (كاظمي).
TEXT = (
    "روزنامه‌ی نمونه روز شنبه گزارشی منتشر کرد که به گفته‌ی آن از درون وزارت نمونه بیرون آمده است "
    "و جين دو در گفت‌وگو با روزنامه می‌گوید: «این گزارش را آن‌ها نوشته‌اند و ما از آن خبر نداشتیم» "
    "و افزود که وزارت به زودی درباره‌ی این گزارش و نویسندگان آن توضیح بیشتری خواهد داد "
    "و همه چیز را روشن خواهد کرد.\n"
)


def article(text: str, quotes: str) -> str:
    return f"""---
id: 2010-02-01-persian-forms
title: گزارش نمونه
date: 2010-02-01
language: fa
source:
  publisher: ruzname-nemune
text_sha256: {sha256_text(text)}
summary: A test of Persian matching.
quotes:
{quotes}
verification:
  status: unverified
---
{text}"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    shutil.copytree(VALID, folder)
    return folder


def problems(archive: Path) -> list[str]:
    return [str(p) for p in check_archive(archive, root=archive.parent, today=TODAY).problems]


def write(archive: Path, text: str, quotes: str) -> None:
    (archive / "articles" / "2010" / "2010-02-01-persian-forms.md").write_text(
        article(text, quotes), encoding="utf-8"
    )


def test_quotes_match_with_or_without_joiners_and_either_letter_forms(archive):
    quotes = (
        "  - text: این گزارش را آنها نوشتهاند\n    speaker: jane-doe\n"  # no ZWNJ; the text has them
        "  - text: می گوید\n    speaker: jane-doe\n"  # a space for the ZWNJ
        "  - text: درباره‌ی این گزارش\n    speaker: jane-doe\n"  # as in the text
    )
    write(archive, TEXT, quotes)
    assert problems(archive) == []
    graph = check_archive(archive, today=TODAY).graph
    placed = graph.articles["2010-02-01-persian-forms"]
    texts = [TEXT[q.span.start : q.span.end] for q in placed.quotes]
    assert texts == ["این گزارش را آن‌ها نوشته‌اند", "می‌گوید", "درباره‌ی این گزارش"]  # the text's own form


def test_names_match_in_either_letter_form_and_without_joiners(archive):
    # The outlet's name is "روزنامه‌ی نمونه" (with a ZWNJ); the person's alias "جین دو" (Persian ی).
    text = TEXT.replace("روزنامه‌ی نمونه", "روزنامهی نمونه")  # the copy lost this ZWNJ
    write(archive, text, "  []")
    assert problems(archive) == []
    placed = check_archive(archive, today=TODAY).graph.articles["2010-02-01-persian-forms"]
    named = {(m.actor, text[m.span.start : m.span.end]) for m in placed.mentions}
    assert ("ruzname-nemune", "روزنامهی نمونه") in named
    assert ("jane-doe", "جين دو") in named  # Arabic ي in the text, Persian ی in the alias


def test_a_persian_text_without_any_joiner_gets_a_warning(archive, capsys):
    text = TEXT.replace(ZWNJ, "")
    write(archive, text, "  []")
    (line,) = problems(archive)
    assert line.startswith(
        "archive/articles/2010/2010-02-01-persian-forms.md:15:1: warning: expected zero-width"
    )
    assert main(["validate", "--archive", str(archive)]) == 0  # a warning never fails validate
    out = capsys.readouterr()
    assert "warning: expected zero-width non-joiners (U+200C)" in out.out
    assert "1 warning" in out.err


def test_words_are_never_forgiven():
    haystack = normalize(TEXT)
    with pytest.raises(AnchorError, match="the quote has 'نوشتند' where the text has 'نوشته‌اند'"):
        find_passage(haystack, "این گزارش را آن‌ها نوشتند")


def test_two_actors_may_not_share_a_name_written_in_the_other_letter_forms(archive):
    (archive / "actors" / "kazemi-a.yml").write_text('id: kazemi-a\nname: "كاظمي"\nkind: person\n', "utf-8")
    (archive / "actors" / "kazemi-b.yml").write_text('id: kazemi-b\nname: "کاظمی"\nkind: person\n', "utf-8")
    (line,) = problems(archive)
    assert "archive/actors/kazemi-b.yml:2:7: name: expected a name no other actor uses, found 'کاظمی'" in line
