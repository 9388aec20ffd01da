"""Search, as a reader uses it: the search box of the hosted site, with each search engine
(`engine`: Pagefind, and Material's built-in lunr search), in the same Material dialog.

Expectations come from the archive itself, so the tests follow it as it grows; on a large archive
they check a deterministic sample (SAMPLE of each kind).
"""

from __future__ import annotations

import re

import pytest
from reader_pages import english_article, persian_article, screenshot, search

SAMPLE = 40
PHRASE_WORDS = 6


def phrase(text: str, words: int = PHRASE_WORDS) -> str:
    """The first `words` words of a quote, without the punctuation around them."""
    parts = [part for part in (re.sub(r"^\W+|\W+$", "", word) for word in text.split()) if part]
    return " ".join(parts[:words])


@pytest.fixture
def searching(page, engine):
    page.goto(engine.url)
    return page


def test_a_quote_phrase_finds_its_article(searching, engine):
    site = engine.site
    articles = sorted(site.graph.articles.values(), key=lambda a: a.id)[:SAMPLE]
    checked = 0
    for article in articles:
        if not article.quotes:
            continue
        quote = max(article.quotes, key=lambda q: (len(q.text.split()), -q.number))
        query = phrase(quote.text)
        found = [r.path for r in search(searching, query, engine.url)]
        assert site.entity("article", article.id) in found, f"{query!r} did not find {article.id}: {found}"
        checked += 1
    assert checked >= 2  # the English article and the Persian fixture at least


def test_every_quote_of_an_article_is_found(searching, engine):
    """Each quote of the most quoted article finds that article, short quotes too."""
    site = engine.site
    article = site.graph.articles[english_article(site.graph)]
    for quote in article.quotes:
        query = phrase(quote.text)
        found = [r.path for r in search(searching, query, engine.url)]
        assert site.entity("article", article.id) in found, f"quote {quote.number}: {query!r}: {found}"


def test_an_actor_is_found_by_name_and_by_every_alias(searching, engine):
    site = engine.site
    actors = [entry.model for _, entry in sorted(site.graph.actors.items())][:SAMPLE]
    for actor in actors:
        target = site.entity("actor", actor.id)
        for query in (actor.name, *actor.aliases):
            results = search(searching, query, engine.url)
            found = {r.path: r.title for r in results}
            assert target in found, f"{query!r} did not find the page of {actor.id}: {list(found)}"
            assert found[target].startswith("Actor: "), found[target]


def test_a_leak_is_found_by_its_title(searching, engine):
    site = engine.site
    leaks = [entry.model for _, entry in sorted(site.graph.leaks.items())][:SAMPLE]
    for leak in leaks:
        target = site.entity("leak", leak.id)
        found = {r.path: r.title for r in search(searching, leak.title, engine.url)}
        assert target in found, f"{leak.title!r} did not find {leak.id}: {list(found)}"
        assert found[target] == f"Leak: {leak.title}"


def test_results_say_which_kind_of_page_they_are(searching, engine):
    site = engine.site
    graph = site.graph
    article = persian_article(graph)
    results = search(searching, "fixture", engine.url)  # in the three fixture pages
    titles = {r.path: r.title for r in results}
    assert titles[site.entity("article", article)].startswith("Article: ")
    assert titles[site.entity("actor", "fixture-fa-spokesperson")].startswith("Actor: ")
    assert titles[site.entity("leak", "fixture-fa-closed-door-documents")].startswith("Leak: ")
    # The kind is visible in the result, not only in the markup.
    first = searching.locator(".md-search-result__item").first
    assert re.match(r"(Article|Actor|Leak|Tag): ", first.locator("h1").inner_text())
    if engine.engine == "pagefind":  # and a passage that matches (lunr shows one for sections)
        passage = first.locator("article > p").first
        assert passage.is_visible() and passage.inner_text().strip()
        assert "fixture" in passage.locator("mark").first.inner_text().lower()
    searching.wait_for_timeout(300)  # the results' fade-in, for the screenshot
    screenshot(searching, f"desktop-search-results-{engine.engine}")


@pytest.mark.parametrize(
    "word",
    [
        "مستقلی",  # from the text only: "no independent source"
        "محرمانه",  # from the title, the quote and the text: "confidential"
    ],
)
def test_a_persian_word_finds_the_persian_article(searching, engine, word):
    """lunr has no Persian stemmer: the exact word (as a prefix) must still be found."""
    site = engine.site
    article = persian_article(site.graph)
    assert word in site.graph.articles[article].entry.body
    found = [r.path for r in search(searching, word, engine.url)]
    assert site.entity("article", article) in found, found
