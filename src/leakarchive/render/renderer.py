"""Stage 4, render: the archive graph -> the site's pages and data files.

`render` assembles the page families, one module each (article.py, actor.py, leak.py, home.py,
indexes.py, data_page.py, sharing pages.py), and the data files (data_files.py). Pages are Markdown files for
MkDocs (or any engine reading Markdown) whose contributor text sits in escaped HTML blocks (see
environment.py). Output is deterministic: everything is sorted, nothing depends on time or on
dict order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import urls
from ..engine.link import ArchiveGraph, same_entries
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
("index", "") for the home and index pages."""


@dataclass(frozen=True)
class Site:
    """Everything the engine adds to a site: Markdown pages and other files (data, styles)."""

    pages: dict[str, Page]
    files: dict[str, bytes]


@dataclass
class RenderCache:
    """A previous render of the same site, kept by a preview server between rebuilds."""

    graph: ArchiveGraph | None = None
    options: RenderOptions | None = None
    pages_of: dict[Owner, tuple[Page, ...]] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)  # article id -> its list entry
    json_records: dict[tuple[str, str], tuple[object, bytes]] = field(default_factory=dict)
    rendered: int = 0  # how many owners' pages the last render made (tests check it is few)


def render(
    graph: ArchiveGraph, options: RenderOptions | None = None, cache: RenderCache | None = None
) -> Site:
    """Render every page and file of the site. A `cache` (previews) spares re-rendering what
    an edit cannot have changed; the result is the same."""
    options = options or RenderOptions()
    pages = render_pages(graph, options, cache)
    files, counts = data_files(graph, options, cache.json_records if cache is not None else None)
    pages[urls.DATA_PAGE] = data_page(PageMaker(graph, options), counts)
    return Site(pages=dict(sorted(pages.items())), files=files)


def render_pages(
    graph: ArchiveGraph, options: RenderOptions, cache: RenderCache | None = None
) -> dict[str, Page]:
    """Every page, keyed by path, in sorted order.

    With a cache from a previous render where only articles changed, only the pages an article
    change can alter are rendered again: those of the changed articles, of the actors and leaks
    they concern (before or after the change), and the index pages.
    """
    maker = PageMaker(graph, options)
    owners = _owners_to_render(graph, options, cache)
    pages_of: dict[Owner, tuple[Page, ...]] = {}
    if owners is None:  # everything
        owners = {("article", a) for a in graph.articles} | {("actor", a) for a in graph.actors}
        owners |= {("leak", leak) for leak in graph.leaks} | {("index", "")}
    else:
        assert cache is not None and cache.graph is not None
        pages_of = {owner: pages for owner, pages in cache.pages_of.items() if owner not in owners}
        # Entries of articles unchanged since the previous render (the same linked objects).
        maker.reuse_article_items(
            {
                article_id: item
                for article_id, item in cache.items.items()
                if graph.articles.get(article_id) is cache.graph.articles.get(article_id)
            }
        )
    for owner in sorted(owners):
        pages_of[owner] = owner_pages(maker, owner)
    if cache is not None:
        cache.graph, cache.options, cache.pages_of = graph, options, pages_of
        cache.items, cache.rendered = maker.article_items_made(), len(owners)
    pages = [page for owned in pages_of.values() for page in owned]
    return {page.path: page for page in sorted(pages, key=lambda p: p.path)}


def owner_pages(maker: PageMaker, owner: Owner) -> tuple[Page, ...]:
    """The pages rendered from one owner (none when it is gone from the graph)."""
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
    if kind == "index":
        return (home_page(maker), *index_pages(maker))
    return ()


def _owners_to_render(
    graph: ArchiveGraph, options: RenderOptions, cache: RenderCache | None
) -> set[Owner] | None:
    """What an edit since the cached render changed, as owners of pages (("actor", id), ...);
    None when everything must be rendered (no cache, other options, an actor or leak file
    changed)."""
    if cache is None or cache.graph is None or cache.options != options:
        return None
    old = cache.graph
    if not (same_entries(old.actors, graph.actors) and same_entries(old.leaks, graph.leaks)):
        return None  # names, aliases and titles show on many pages: render them all
    owners = {("index", "")}
    for article_id in old.articles.keys() | graph.articles.keys():
        before, after = old.articles.get(article_id), graph.articles.get(article_id)
        if before is after:
            continue
        owners.add(("article", article_id))
        for article in (before, after):
            if article is not None:
                model = article.entry.model
                publishers = [model.source.publisher] + (
                    [model.source.via.publisher] if model.source.via else []
                )
                # An organisation's page rolls up its parts': it changes with theirs.
                concerned = _with_parents(graph, (*article.actors, *publishers))
                owners.update(("actor", actor) for actor in concerned)
                owners.update(("leak", ref.leak) for ref in model.leaks)
    return owners


def _with_parents(graph: ArchiveGraph, actor_ids: Iterable[str]) -> set[str]:
    """The actors and every actor they are part of (`affiliation`), whose pages roll them up."""
    actors, found = graph.actors, set()
    for actor_id in actor_ids:
        while actor_id in actors and actor_id not in found:
            found.add(actor_id)
            actor_id = actors[actor_id].model.affiliation or ""
    return found
