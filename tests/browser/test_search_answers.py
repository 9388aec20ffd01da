"""Search that answers: a table of what readers type and the page that must come first, with
each engine of the hosted site (Pagefind and Material's lunr) and in the offline copy (lunr, from
disk). A quote's words open the article at the quote; a name, an alias, a transliteration or
the Persian name (typed with or without the zero-width non-joiner, with Arabic or Persian
letters) opens the actor's page; a leak's words open the leak's page.

The table is about this repository's archive (and the Persian fixture the browser tests add):
it checks the names and spellings the archive gives its actors.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from reader_pages import DESKTOP, Guard, open_context, search, site_path

ZWNJ = "\u200c"
ARTICLE = "2010-01-12-steady-drip-of-leaks"
FA_ARTICLE = "2011-03-01-fixture-fa-closed-door-documents"

# (what a reader types, the kind and id of the page that must come first, and for a quote, words
# of the quote whose passage the result opens)
ANSWERS = [
    # Quoted words: the article, opened at the quote.
    ("soft war", "article", ARTICLE, "soft war"),
    ("purged and discontented officials", "article", ARTICLE, "purged and discontented"),
    ("handpicked and then offered their freedom", "article", ARTICLE, "handpicked"),
    (f"منتشر شده، نشان می{ZWNJ}دهد", "article", FA_ARTICLE, "منتشر شده"),
    # A name, any alias, a usual transliteration: the actor.
    ("Khamenei", "actor", "ali-khamenei", None),
    ("Ayatollah Khamenei", "actor", "ali-khamenei", None),
    ("Milani", "actor", "abbas-milani", None),
    ("Karrubi", "actor", "mehdi-karroubi", None),
    ("Mir-Hossein Mousavi", "actor", "mir-hussein-moussavi", None),
    ("Sepah", "actor", "irgc", None),
    ("Pasdaran", "actor", "irgc", None),
    # Names in Persian script, with and without the zero-width non-joiner, Arabic or Persian letters.
    ("سپاه", "actor", "irgc", None),
    (f"خامنه{ZWNJ}ای", "actor", "ali-khamenei", None),
    ("خامنهای", "actor", "ali-khamenei", None),
    ("\u0643\u0631\u0648\u0628\u064a", "actor", "mehdi-karroubi", None),  # كروبي: Arabic kaf and yeh
    ("جنبش سبز", "actor", "green-movement", None),
    ("سخنگوی خیالی", "actor", "fixture-fa-spokesperson", None),
    # A leak's own words: the leak.
    ("state television memo", "leak", "irib-protest-coverage-memo", None),
    ("IRIB memo on how to report the protests", "leak", "irib-protest-coverage-memo", None),
]
IDS = [query for query, *_ in ANSWERS]


def check_answer(page, site, base: str, query: str, kind: str, entity: str, quoted: str | None) -> None:
    """The first result is the page; Enter (Material opens the best-scored link of the first
    result) opens it, at the quote when the words are quoted."""
    anchor = None
    if quoted:
        quotes = site.graph.articles[entity].quotes
        anchor = next(quote.anchor for quote in quotes if quoted in quote.text)
    results = search(page, query, base)
    expected = site.entity(kind, entity)
    assert results, f"{query!r} found nothing"
    assert results[0].path == expected, f"{query!r}: first {results[0].path}, not {expected}: {results[:5]}"
    before = urlsplit(page.url).path
    page.locator(".md-search__input").press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path != before)
    opened = urlsplit(page.url)
    assert site_path(base, opened.path) == expected, page.url
    assert opened.fragment == (anchor or ""), f"{query!r} opened {page.url}, not #{anchor}"


@pytest.mark.parametrize(("query", "kind", "entity", "anchor"), ANSWERS, ids=IDS)
def test_the_hosted_search_answers(page, engine, query, kind, entity, anchor):
    page.goto(engine.url)
    check_answer(page, engine.site, engine.url, query, kind, entity, anchor)


@pytest.fixture(scope="module")
def disk_page(browser, offline):
    guard = Guard(frozenset({"file"}))
    context = open_context(browser, guard, viewport=DESKTOP, offline=True)
    yield context.new_page()
    context.close()
    assert guard.refused == []


@pytest.mark.parametrize(("query", "kind", "entity", "anchor"), ANSWERS, ids=IDS)
def test_the_offline_copy_search_answers(disk_page, offline, query, kind, entity, anchor):
    base = (offline.directory / "index.html").as_uri()
    disk_page.goto(base)
    check_answer(disk_page, offline, base, query, kind, entity, anchor)
