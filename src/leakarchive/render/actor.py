"""An actor's page, with previews of its lists (quotes, articles naming it, articles it published
or republished, leaks, who appears with it); a list longer than the preview gets pages of its own.

An organisation's page rolls up its parts (actors whose `affiliation` leads to it): their leaks
and quotes are listed too, each marked with the part it comes through.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import urls
from ..engine.link import ArchiveGraph, LinkedArticle, QuoteRef
from ..model import Actor, Leak
from . import metadata
from .environment import ACTOR_KIND_NAME
from .pages import PREVIEW, Page, PageMaker


def actor_pages(maker: PageMaker, actor: Actor, source: str) -> list[Page]:
    """The actor's page (actor.md.j2) and the pages of its long lists."""
    graph = maker.graph
    path = urls.page_path("actor", actor.id)
    parts = parts_of(graph, actor.id)
    lists = _lists(maker, actor, parts)
    pages = [
        maker.page(
            "actor.md.j2",
            path,
            actor.name,
            source,
            description=metadata.description(
                actor.description,
                f"{ACTOR_KIND_NAME[actor.kind]}: quotes, articles and leaks in the archive.",
            ),
            json_ld=metadata.actor_json_ld(actor, maker.actor_models, maker.address(path)),
            actor=actor,
            lists={name: items for name, (_, items, _) in lists.items()},
            more={name: urls.sublist_path("actor", actor.id, name) for name in lists},
            leaks=leaks_of(graph, actor.id, parts),
            members=[graph.actors[a].model for a in graph.members.get(actor.id, ())],
        )
    ]
    for name, (item, items, title) in lists.items():
        if len(items) > PREVIEW:
            base = urls.sublist_path("actor", actor.id, name)
            intro = "Most shared articles first." if name == "appears-with" else ""
            pages += maker.listing(base, title, item, items, intro=intro, back=path)
    return pages


def _lists(maker: PageMaker, actor: Actor, parts: list[str]) -> dict[str, tuple[str, Sequence, str]]:
    """The actor's lists by name (the end of their pages' paths): the template macro that shows
    an item, the items, and the title of the list's own pages."""
    graph = maker.graph
    published, republished = _publications(graph, actor.id)
    return {
        "quotes": ("quote", graph.quotes_by_actor.get(actor.id, ()), f"Quotes by {actor.name}"),
        "parts-quotes": (
            "quote_with_speaker",
            quotes_of(maker, parts),
            f"Quotes from parts of {actor.name}",
        ),
        "articles": (
            "article",
            [graph.articles[a] for a in graph.articles_by_actor.get(actor.id, ())],
            f"Articles naming or concerning {actor.name}",
        ),
        "published": ("article", published, f"Articles published by {actor.name}"),
        "republished": ("article", republished, f"Articles republished by {actor.name}"),
        "appears-with": (
            "co_actor",
            graph.co_actors.get(actor.id, ()),
            f"Actors who appear with {actor.name}",
        ),
    }


def _publications(graph: ArchiveGraph, actor_id: str) -> tuple[list[LinkedArticle], list[LinkedArticle]]:
    """The articles an outlet published, and those it republished (as the `via` publisher)."""
    published: list[LinkedArticle] = []
    republished: list[LinkedArticle] = []
    for article_id in graph.articles_by_publisher.get(actor_id, ()):
        article = graph.articles[article_id]
        own = article.entry.model.source.publisher == actor_id
        (published if own else republished).append(article)
    return published, republished


def parts_of(graph: ArchiveGraph, actor_id: str) -> list[str]:
    """Every actor whose `affiliation` leads to `actor_id`, nearest first, each once (an
    affiliation loop ends where it comes back)."""
    seen, parts, frontier = {actor_id}, [], [actor_id]
    while frontier:
        following = []
        for parent in frontier:
            for member in graph.members.get(parent, ()):
                if member not in seen:
                    seen.add(member)
                    parts.append(member)
                    following.append(member)
        frontier = following
    return parts


def quotes_of(maker: PageMaker, actor_ids: list[str]) -> list[QuoteRef]:
    """The quotes of several actors, newest article first, like one actor's."""
    if not actor_ids:
        return []
    order = maker.article_order()
    refs = [ref for actor_id in actor_ids for ref in maker.graph.quotes_by_actor.get(actor_id, ())]
    return sorted(refs, key=lambda ref: (order[ref.article], ref.quote.number))


def leaks_of(graph: ArchiveGraph, actor_id: str, parts: list[str]) -> list[tuple[Leak, str | None]]:
    """The actor's leaks and its parts' (with the part each comes through), oldest first,
    undated ones last."""
    through: dict[str, str | None] = {leak: None for leak in graph.leaks_by_actor.get(actor_id, ())}
    for part in parts:
        for leak in graph.leaks_by_actor.get(part, ()):
            through.setdefault(leak, part)

    def when(item: tuple[Leak, str | None]) -> tuple:
        leak = item[0]
        return (leak.date is None, leak.date.sort_key() if leak.date else (0, 0, 0), leak.title, leak.id)

    return sorted(((graph.leaks[leak].model, part) for leak, part in through.items()), key=when)
