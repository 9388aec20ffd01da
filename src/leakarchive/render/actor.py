"""An actor's page, with previews of its lists (quotes, articles concerning it, articles it
published); a list longer than the preview gets pages of its own."""

from __future__ import annotations

from .. import urls
from ..model import Actor
from . import metadata
from .environment import ACTOR_KIND_NAME
from .pages import PREVIEW, Page, PageMaker


def actor_pages(maker: PageMaker, actor: Actor, source: str) -> list[Page]:
    """The actor's page (actor.md.j2) and the pages of its long lists."""
    graph = maker.graph
    path = urls.page_path("actor", actor.id)
    lists = {
        "quotes": ("quote", graph.quotes_by_actor.get(actor.id, ()), f"Quotes by {actor.name}"),
        "articles": (
            "article",
            [graph.articles[a] for a in graph.articles_by_actor.get(actor.id, ())],
            f"Articles concerning {actor.name}",
        ),
        "published": (
            "article",
            [graph.articles[a] for a in graph.articles_by_publisher.get(actor.id, ())],
            f"Articles published by {actor.name}",
        ),
    }
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
            leaks=[graph.leaks[i].model for i in graph.leaks_by_actor.get(actor.id, ())],
            co_actors=graph.co_actors.get(actor.id, ())[:PREVIEW],
            members=[graph.actors[a].model for a in graph.members.get(actor.id, ())],
        )
    ]
    for name, (item, items, title) in lists.items():
        if len(items) > PREVIEW:
            base = urls.sublist_path("actor", actor.id, name)
            pages += maker.listing(base, title, item, items, intro="", back=path)
    return pages
