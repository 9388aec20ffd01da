"""The importer held to its accuracy on the test corpus (tests/fixtures/import-corpus/).

The corpus is 20-odd pages written for this purpose (see its README): news portals, blogs, wire
copy, Persian, Arabic and Spanish sites, saved as HTML and copied as text. `import_accuracy.py`
scores the drafts field by field; a change that reads fewer pages right fails here. When the
importer gets better, raise the floor to what it now reaches.
"""

from __future__ import annotations

import pytest
from import_accuracy import CORPUS, FIELDS, pages, score

FLOOR = {"headline": 22, "date": 22, "authors": 22, "first": 22, "last": 22}
"""Pages (of the corpus) each field must be right on."""


@pytest.fixture(scope="module")
def result():
    return score()


def test_the_corpus_has_twenty_pages_of_every_kind():
    found = pages(CORPUS)
    names = [page.name for page, _ in found]
    assert len(found) >= 20
    assert sum(name.endswith(".html") for name in names) >= 8
    assert sum(name.endswith(".txt") for name in names) >= 8
    for language in (".fa.", ".ar.", ".es."):
        assert sum(language in name for name in names) >= 2, language


@pytest.mark.parametrize("name", FIELDS)
def test_accuracy_does_not_fall(result, name):
    misses = "\n".join(
        f"{page}: expected {wanted!r}, found {got!r}" for page, wanted, got in result.misses[name]
    )
    assert result.hits[name] >= FLOOR[name], misses


# --- what the draft says about what it read -------------------------------------------------

ROOT = CORPUS.parent.parent.parent


def draft_of(tmp_path, name: str, *options: str, capsys) -> str:
    from leakarchive.tools.cli import main

    assert (
        main(["import", str(CORPUS / name), "--archive", str(ROOT / "archive"), "--output", "-", *options])
        == 0
    )
    return capsys.readouterr().out


def test_a_solar_hijri_date_is_converted_and_its_original_kept(tmp_path, capsys):
    draft = draft_of(tmp_path, "text-persian-hijri.fa.txt", capsys=capsys)
    assert "date: 2010-01-12  # converted from the Solar Hijri date '۲۲ دی ۱۳۸۸'" in draft
    draft = draft_of(tmp_path, "persian-hijri-url.fa.html", capsys=capsys)
    assert (
        "date: 2021-01-11  # converted from the Solar Hijri date '1399/10/22' in the page's address" in draft
    )


def test_title_and_id_options_win(tmp_path, capsys):
    options = ("--title", "A letter from the minister", "--id", "minister-letter")
    draft = draft_of(tmp_path, "text-persian-url-hijri.fa.txt", *options, capsys=capsys)
    assert 'title: "A letter from the minister"  # from --title' in draft
    assert "id: minister-letter  # from --id" in draft


def test_a_url_line_is_the_address_never_the_title(tmp_path, capsys):
    draft = draft_of(tmp_path, "text-url-line.txt", capsys=capsys)
    assert 'title: "Leaked letter shows judiciary asked for faster trials"' in draft
    assert (
        'url: "https://www.ledger.example/news/2018/01/09/leaked-letter-judiciary"  # from the address line'
        in draft
    )
    assert "the page's address: URL: https://www.ledger.example" in draft  # listed as removed


def test_no_date_says_so_and_lists_the_dates_seen(tmp_path, capsys):
    page = tmp_path / "page.txt"
    text = (CORPUS / "text-date-above-headline.txt").read_text(encoding="utf-8")
    page.write_text(text.replace("Monday 15 June 2020", "Updated: Monday 15 June 2020"), encoding="utf-8")
    from leakarchive.tools.cli import main

    assert main(["import", str(page), "--archive", str(ROOT / "archive"), "--output", "-"]) == 0
    draft = capsys.readouterr().out
    assert "# date: NOT FOUND on the page" in draft
    assert "dates seen: Updated: Monday 15 June 2020" in draft


def test_chrome_is_listed_as_removed(tmp_path, capsys):
    draft = draft_of(tmp_path, "blog-posted-by.html", capsys=capsys)
    assert "authors: [Hamid Rostami]" in draft.replace('"', "")
    draft = draft_of(tmp_path, "text-share-bar-headlines.txt", capsys=capsys)
    for removed in ("page clutter: Share on Facebook", '"topics" block'):
        assert removed in draft, removed


def test_persian_and_arabic_verbs_of_saying_find_speakers(tmp_path):
    from leakarchive.engine.link import MentionFinder
    from leakarchive.tools.importer.article import load_actors
    from leakarchive.tools.importer.quotes import find_quotes

    actors = tmp_path / "archive" / "actors"
    actors.mkdir(parents=True)
    (actors / "maryam-kazemi.yml").write_text(
        'id: maryam-kazemi\nname: "Maryam Kazemi"\nkind: person\naliases: ["مریم کاظمی", "کاظمی"]\n',
        encoding="utf-8",
    )
    finder = MentionFinder(load_actors(tmp_path / "archive"))
    body = (
        "مریم کاظمی گفت: «این یادداشت جعلی نیست.»\n\n«ما نسخه کامل را ندیده‌ایم»، کاظمی افزود.\n\n"
        "به گفته مريم كاظمي، «سند روز دوشنبه منتشر شد».\n\n«این سند ساختگی است»، یک مقام وزارت گفته است.\n\n"
        "«لا يمكننا أن نستمر بهذه الطريقة»، قال أحد المتحدثين.\n"
    )
    speakers = [(q.speaker.actor, q.speaker.label) if q.speaker else None for q in find_quotes(body, finder)]
    assert [actor for actor, _ in speakers[:3]] == ["maryam-kazemi"] * 3
    assert speakers[3] == (None, "یک مقام وزارت گفته است")
    assert speakers[4] == (None, "قال أحد المتحدثين")
