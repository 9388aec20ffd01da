"""What real reporting needs: a leak's source apart from who first reported it and whom it
concerns, dates known only as a range or a bound, and actors whose identity is unknown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitebuild import build, make_project, resolve

from leakarchive.model import DateSpan, PartialDate

VALID = Path(__file__).parent / "fixtures" / "valid" / "archive"


@pytest.mark.parametrize(
    ("text", "human", "precision"),
    [
        ("2010-01-12", "12 January 2010", "day"),
        ("2010-01", "January 2010", "month"),
        ("2009-12/2010-01", "between December 2009 and January 2010", "range"),
        ("before 2010-01-12", "before 12 January 2010", "before"),
        ("after 2009-06", "after June 2009", "after"),
    ],
)
def test_a_date_a_range_or_a_bound(text, human, precision):
    span = DateSpan.parse(text)
    assert str(span) == text
    assert span.human() == human
    assert span.precision == precision


def test_spans_sort_by_their_earliest_known_date():
    spans = [DateSpan.parse(t) for t in ("after 2010-02", "before 2010-01-12", "2009-12/2010-01", "2009")]
    assert [str(s) for s in sorted(spans, key=DateSpan.sort_key)] == [
        "2009",
        "2009-12/2010-01",
        "before 2010-01-12",
        "after 2010-02",
    ]
    assert DateSpan.parse("before 2010-01-12").known() == PartialDate(2010, 1, 12)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2010-03/2009-12", "expected a range from the earlier date to the later"),
        ("sometime in 2010", "a date known less well is written as a range"),
        ("before 1388-10-22", "Solar Hijri date (22 Dey 1388), which is 2010-01-12"),
    ],
)
def test_wrong_spans_say_what_to_write(text, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        DateSpan.parse(text)


def test_pages_show_the_source_the_bound_and_an_anonymous_actor(tmp_path):
    archive = tmp_path / "archive-src"
    shutil.copytree(VALID, archive)
    (archive / "actors" / "ministry-insider.yml").write_text(
        'id: ministry-insider\nname: "A ministry insider"\nkind: person\nanonymous: true\n'
        "description: The unnamed official who sent the recording.\n",
        encoding="utf-8",
    )
    leak = archive / "leaks" / "rally-recording.yml"
    leak.write_text(
        leak.read_text(encoding="utf-8").replace("source: civic-watch", "source: ministry-insider")
    )
    built = build(make_project(tmp_path / "project", archive))

    page_file = built.page_file("leaks/rally-recording.md")
    page = built.page("leaks/rally-recording.md")
    html = page_file.read_text(encoding="utf-8")
    assert "<dt>Leaked by</dt>" in html and "<dt>First reported by</dt>" not in html
    link = next(a for a in page.find_all("a") if a.text == "A ministry insider")
    assert resolve(built.site, page_file, link.attrs["href"])[0] == built.page_file(
        "actors/ministry-insider.md"
    )
    # A bound in words, its date in a <time> (HTML has none for "before").
    time = next(t for t in page.find_all("time") if t.text == "12 January 2010")
    assert time.attrs["datetime"] == "2010-01-12" and time.attrs["data-precision"] == "day"
    assert "before <time" in html

    actor = built.page_file("actors/ministry-insider.md").read_text(encoding="utf-8")
    assert "Anonymous: the identity is not known" in actor
    assert "Rally briefing" in actor or "rally-recording" in actor  # its leak is listed on its page
    # Language names in full.
    persian = built.page_file("articles/2010-01-tuesday-memo-fa.md").read_text(encoding="utf-8")
    assert "<dt>Language</dt> <dd>Persian</dd>" in persian
    british = built.page_file("articles/rally-briefing-recording.md").read_text(encoding="utf-8")
    assert "<dt>Language</dt> <dd>English (en-GB)</dd>" in british


def test_a_leak_dated_by_a_range_shows_both_ends_as_dates(tmp_path: Path):
    archive = tmp_path / "archive"
    shutil.copytree(Path(__file__).parent / "fixtures" / "archives" / "small", archive)
    leak = archive / "leaks" / "records-memo.yml"
    leak.write_text(leak.read_text(encoding="utf-8").replace("date: 2009-12\n", "date: 2009-11/2009-12\n", 1))
    built = build(make_project(tmp_path / "project", archive))
    html = built.page_file("leaks/records-memo.md").read_text(encoding="utf-8")
    assert (
        'between <time datetime="2009-11" data-precision="month">November 2009</time> and '
        '<time datetime="2009-12" data-precision="month">December 2009</time>'
    ) in html
