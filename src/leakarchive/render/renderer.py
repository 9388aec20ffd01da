"""Stage 4, render: the archive graph -> the site's pages and data files.

`render` assembles the page families, one module each (article.py, actor.py, leak.py, home.py,
indexes.py, data_page.py, sharing pages.py), and the data files (data_files.py). Pages are
Markdown files for MkDocs (or any engine reading Markdown) whose contributor text sits in escaped
HTML blocks (see environment.py). Output is deterministic: everything is sorted, nothing depends
on time or on dict order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..engine.link import ArchiveGraph
from .actor import actor_pages
from .article import article_page
from .data_files import data_files
from .data_page import data_page
from .home import home_page
from .indexes import index_pages
from .leak import leak_pages
from .pages import Page, PageMaker, RenderOptions

Owner = tuple[str, str]
"""What a group of pages is rendered from: ("article", id), ("actor", id), ("leak", id) or
INDEX, for the home and index pages."""
INDEX: Owner = ("index", "")


@dataclass(frozen=True)
class Site:
    """Everything the engine adds to a site: Markdown pages and other files (data, styles)."""

    pages: dict[str, Page]
    files: dict[str, bytes]


def render(graph: ArchiveGraph, options: RenderOptions | None = None) -> Site:
    """Render every page and file of the site."""
    pages, files = render_lazily(graph, options)
    return Site(in_order(pages), files)


def render_lazily(
    graph: ArchiveGraph, options: RenderOptions | None = None
) -> tuple[Iterator[Page], dict[str, bytes]]:
    """`render`, with each page made when it is taken (in no particular order): a caller that
    keeps pages in a smaller form (the MkDocs plugin) never holds the whole site's Markdown."""
    options = options or RenderOptions()
    maker = PageMaker(graph, options)
    files, counts = data_files(graph, options)

    def pages() -> Iterator[Page]:
        for owner in owners(graph):
            yield from owner_pages(maker, owner)
        yield data_page(maker, counts)

    return pages(), files


def owners(graph: ArchiveGraph) -> list[Owner]:
    """Every owner of pages in the graph, sorted."""
    found = [("article", a) for a in graph.articles] + [("actor", a) for a in graph.actors]
    found += [("leak", leak) for leak in graph.leaks] + [INDEX]
    return sorted(found)


def owner_pages(maker: PageMaker, owner: Owner) -> tuple[Page, ...]:
    """The pages rendered from one owner (none when it is not in the graph)."""
    graph = maker.graph
    kind, key = owner
    if kind == "article" and key in graph.articles:
        return (article_page(maker, graph.articles[key]),)
    if kind == "actor" and key in graph.actors:
        actor = graph.actors[key]
        return tuple(actor_pages(maker, actor.model, actor.record.path))
    if kind == "leak" and key in graph.leaks:
        leak = graph.leaks[key]
        return tuple(leak_pages(maker, leak.model, leak.record.path))
    if owner == INDEX:
        return (home_page(maker), *index_pages(maker))
    return ()


def owners_showing(graph: ArchiveGraph, article_id: str) -> set[Owner]:
    """The owners whose pages show an article (besides the index pages): the article, its
    actors, its publishers and its leaks."""
    article = graph.articles.get(article_id)
    if article is None:
        return set()
    model = article.entry.model
    via = [model.source.via.publisher] if model.source.via else []
    showing = {("article", article_id)}
    # An organisation's page rolls up its parts': it changes with theirs.
    actors = _with_parents(graph, (*article.actors, model.source.publisher, *via))
    showing.update(("actor", actor) for actor in actors)
    showing.update(("leak", ref.leak) for ref in model.leaks)
    return showing


def in_order(pages: Iterable[Page]) -> dict[str, Page]:
    """Pages keyed by path, in sorted order."""
    return {page.path: page for page in sorted(pages, key=lambda p: p.path)}


def _with_parents(graph: ArchiveGraph, actor_ids: Iterable[str]) -> set[str]:
    """The actors and every actor they are part of (`affiliation`), whose pages roll them up."""
    actors, found = graph.actors, set()
    for actor_id in actor_ids:
        while actor_id in actors and actor_id not in found:
            found.add(actor_id)
            actor_id = actors[actor_id].model.affiliation or ""
    return found
