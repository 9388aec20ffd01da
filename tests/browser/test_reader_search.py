"""Search, as a reader uses it: Material's built-in search box on the hosted site.

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
def searching(page, server):
    page.goto(server)
    return page


def test_a_quote_phrase_finds_its_article(searching, server, hosted):
    articles = sorted(hosted.graph.articles.values(), key=lambda a: a.id)[:SAMPLE]
    checked = 0
    for article in articles:
        if not article.quotes:
            continue
        quote = max(article.quotes, key=lambda q: (len(q.text.split()), -q.number))
        query = phrase(quote.text)
        found = [r.path for r in search(searching, query, server)]
        assert hosted.entity("article", article.id) in found, f"{query!r} did not find {article.id}: {found}"
        checked += 1
    assert checked >= 2  # the English article and the Persian fixture at least


def test_every_quote_of_an_article_is_found(searching, server, hosted):
    """Each quote of the most quoted article finds that article, short quotes too."""
    article = hosted.graph.articles[english_article(hosted.graph)]
    for quote in article.quotes:
        query = phrase(quote.text)
        found = [r.path for r in search(searching, query, server)]
        assert hosted.entity("article", article.id) in found, f"quote {quote.number}: {query!r}: {found}"


def test_an_actor_is_found_by_name_and_by_every_alias(searching, server, hosted):
    actors = [entry.model for _, entry in sorted(hosted.graph.actors.items())][:SAMPLE]
    for actor in actors:
        target = hosted.entity("actor", actor.id)
        for query in (actor.name, *actor.aliases):
            results = search(searching, query, server)
            found = {r.path: r.title for r in results}
            assert target in found, f"{query!r} did not find the page of {actor.id}: {list(found)}"
            assert found[target].startswith("Actor: "), found[target]


def test_a_leak_is_found_by_its_title(searching, server, hosted):
    leaks = [entry.model for _, entry in sorted(hosted.graph.leaks.items())][:SAMPLE]
    for leak in leaks:
        target = hosted.entity("leak", leak.id)
        found = {r.path: r.title for r in search(searching, leak.title, server)}
        assert target in found, f"{leak.title!r} did not find {leak.id}: {list(found)}"
        assert found[target] == f"Leak: {leak.title}"


def test_results_say_which_kind_of_page_they_are(searching, server, hosted):
    graph = hosted.graph
    article = persian_article(graph)
    results = search(searching, "fixture", server)  # in the three fixture pages
    titles = {r.path: r.title for r in results}
    assert titles[hosted.entity("article", article)].startswith("Article: ")
    assert titles[hosted.entity("actor", "fixture-fa-spokesperson")].startswith("Actor: ")
    assert titles[hosted.entity("leak", "fixture-fa-closed-door-documents")].startswith("Leak: ")
    # The kind is visible in the result, not only in the markup.
    first = searching.locator(".md-search-result__item").first
    assert re.match(r"(Article|Actor|Leak|Tag): ", first.locator("h1").inner_text())
    screenshot(searching, "desktop-search-results")


@pytest.mark.parametrize(
    "word",
    [
        "مستقلی",  # from the text only: "no independent source"
        "محرمانه",  # from the title, the quote and the text: "confidential"
    ],
)
def test_a_persian_word_finds_the_persian_article(searching, server, hosted, word):
    """lunr has no Persian stemmer: the exact word (as a prefix) must still be found."""
    article = persian_article(hosted.graph)
    assert word in hosted.graph.articles[article].entry.body
    found = [r.path for r in search(searching, word, server)]
    assert hosted.entity("article", article) in found, found
