"""The index pages and their lists: the timeline and each year, actors and each kind, leaks,
verification and each status, tags and each tag."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import urls
from ..engine.link import ArchiveGraph, LinkedArticle
from ..model import VERIFICATION_STATUSES, Actor, Leak
from .environment import ACTOR_KIND_NAMES
from .pages import PREVIEW, Page, PageMaker


@dataclass(frozen=True)
class Groups:
    """The archive's entries grouped as the index pages list them, each group in list order."""

    articles_by_year: dict[int, list[LinkedArticle]]  # newest first
    articles_by_status: dict[str, list[LinkedArticle]]
    articles_by_tag: dict[str, list[LinkedArticle]]
    actors_by_kind: dict[str, list[Actor]]  # A to Z
    leaks_by_status: dict[str, list[Leak]]  # oldest first, undated ones first

    @classmethod
    def of(cls, graph: ArchiveGraph) -> Groups:
        """Group the graph's articles, actors and leaks."""
        by_year: dict[int, list[LinkedArticle]] = defaultdict(list)
        articles_by_status: dict[str, list[LinkedArticle]] = defaultdict(list)
        tags: dict[str, list[LinkedArticle]] = defaultdict(list)
        for article in graph.articles.values():  # newest first
            by_year[article.entry.model.date.year].append(article)
            articles_by_status[article.entry.model.verification.status].append(article)
            for tag in article.entry.model.tags:
                tags[tag].append(article)
        actors_by_kind: dict[str, list[Actor]] = defaultdict(list)
        for entry in graph.actors.values():
            actors_by_kind[entry.model.kind].append(entry.model)
        for group in actors_by_kind.values():
            group.sort(key=lambda a: (a.name.casefold(), a.id))
        leaks_by_status: dict[str, list[Leak]] = defaultdict(list)
        for leak_entry in graph.leaks.values():
            leaks_by_status[leak_entry.model.status].append(leak_entry.model)
        for leaks in leaks_by_status.values():
            leaks.sort(key=lambda leak: ((leak.date.sort_key() if leak.date else (0, 0, 0)), leak.id))
        return cls(by_year, articles_by_status, tags, actors_by_kind, leaks_by_status)


def index_pages(maker: PageMaker) -> list[Page]:
    """Timeline, actors, leaks, verification and tags, with their listing pages."""
    groups = Groups.of(maker.graph)
    pages = [
        _timeline(maker, groups),
        maker.page(
            "actors.md.j2",
            urls.ACTORS_INDEX,
            "Actors",
            groups=[
                (kind, groups.actors_by_kind[kind])
                for kind in ACTOR_KIND_NAMES
                if kind in groups.actors_by_kind
            ],
        ),
        maker.page(
            "leaks.md.j2",
            urls.LEAKS_INDEX,
            "Leaks",
            groups=[
                (s, groups.leaks_by_status[s]) for s in VERIFICATION_STATUSES if s in groups.leaks_by_status
            ],
        ),
        maker.page(
            "verification.md.j2",
            urls.VERIFICATION_INDEX,
            "Verification",
            articles_by_status=groups.articles_by_status,
            leaks_by_status=groups.leaks_by_status,
        ),
    ]
    return (
        pages
        + _tag_lists(maker, groups)
        + _year_lists(maker, groups)
        + _kind_lists(maker, groups)
        + _status_lists(maker, groups)
    )


def _timeline(maker: PageMaker, groups: Groups) -> Page:
    by_year = groups.articles_by_year
    return maker.page(
        "timeline.md.j2",
        urls.ARTICLES_INDEX,
        "Timeline",
        years=sorted(((year, len(group)) for year, group in by_year.items()), reverse=True),
        latest=list(maker.graph.articles.values())[:PREVIEW],
    )


def _tag_lists(maker: PageMaker, groups: Groups) -> list[Page]:
    """The list of tags, and each tag's articles."""
    tags = sorted(groups.articles_by_tag.items())
    tag_counts = [(tag, len(group)) for tag, group in tags]
    pages = maker.listing(urls.TAGS_INDEX, "Tags", "tag", tag_counts, intro="", back=urls.HOME)
    for tag, group in tags:
        pages += maker.listing(
            urls.tag_path(tag), f"Tag: {tag}", "article", group, intro="Newest first.", back=urls.TAGS_INDEX
        )
    return pages


def _year_lists(maker: PageMaker, groups: Groups) -> list[Page]:
    """Each year's articles, newest first."""
    pages: list[Page] = []
    for year, group in sorted(groups.articles_by_year.items()):
        pages += maker.listing(
            urls.year_path(year), f"Articles of {year}", "article", group,
            intro="Newest first.", back=urls.ARTICLES_INDEX,
        )  # fmt: skip
    return pages


def _kind_lists(maker: PageMaker, groups: Groups) -> list[Page]:
    """Each kind of actor, A to Z, when the actors page shows only a preview of it."""
    pages: list[Page] = []
    for kind, group in groups.actors_by_kind.items():
        if len(group) > PREVIEW:
            pages += maker.listing(
                urls.kind_path(kind), ACTOR_KIND_NAMES[kind], "actor", group,
                intro="A to Z.", back=urls.ACTORS_INDEX,
            )  # fmt: skip
    return pages


def _status_lists(maker: PageMaker, groups: Groups) -> list[Page]:
    """The articles and the leaks of each status (the verification page links every non-empty one)."""
    pages: list[Page] = []
    for status in VERIFICATION_STATUSES:
        for what, group, item in (
            ("articles", groups.articles_by_status.get(status, []), "article"),
            ("leaks", groups.leaks_by_status.get(status, []), "leak"),
        ):
            if group:
                pages += maker.listing(
                    urls.status_path(status, what), f"{status.capitalize()} {what}", item, group,
                    intro="", back=urls.VERIFICATION_INDEX,
                )  # fmt: skip
    return pages
