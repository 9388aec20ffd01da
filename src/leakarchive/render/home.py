"""The home page: what the archive is, its counts, the latest articles, the ways in."""

from __future__ import annotations

from .. import urls
from .pages import Page, PageMaker

LATEST_COUNT = 10
"""Articles listed under "Latest additions"."""


def home_page(maker: PageMaker) -> Page:
    """The home page (home.md.j2)."""
    graph = maker.graph
    articles = list(graph.articles.values())  # newest first
    counts = {
        "articles": len(articles),
        "actors": len(graph.actors),
        "leaks": len(graph.leaks),
        "quotes": sum(len(a.quotes) for a in articles),
    }
    return maker.page("home.md.j2", urls.HOME, "Leak Archive", latest=articles[:LATEST_COUNT], counts=counts)
