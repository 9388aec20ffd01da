"""What every page family shares: the page type, the templates' context, lists on pages of their
own, and the entry of an article in a list.

A page family (article.py, actor.py, leak.py, home.py, indexes.py) is a function of a
`PageMaker` and the entity it renders; the maker gives it the graph, the options and the
helpers every template uses (`link`, `actor_link`, `article_item`, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, cast

from jinja2.environment import TemplateModule
from markupsafe import Markup, escape

from .. import urls
from ..engine.link import ArchiveGraph, LinkedArticle
from ..model import Actor, Leak
from ..urls import Links
from . import citation, metadata, words
from .environment import environment, front_matter

PAGE_SIZE = 50
"""Entries on one page of a list: pages stay small for phones and for search indexes (Zensical
refuses a page whose search text passes 32 KB)."""
PREVIEW = 20
"""Entries of a list shown on the page it belongs to; the rest are a link away."""

_ROOT = "\x00root\x00"  # stands for the climb from the page being rendered to the site root


@dataclass(frozen=True)
class Page:
    """One generated page: its Markdown and the archive file it comes from (for 'edit')."""

    path: str  # e.g. "actors/abbas-milani.md"
    title: str  # plain text
    markdown: str
    source: str | None = None  # the archive file, relative to the project root
    # Passages a search should open at (quotes and notes in an article's text), each as
    # (anchor, label, text): Material's index gets an entry for each (postbuild.add_search_passages).
    passages: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class RenderOptions:
    """What the site looks like from outside: URL style and where sources live."""

    links: Links = field(default_factory=Links)
    site_url: str | None = None  # the site's address, when known: data files and citations use it
    site_name: str = "Leak Archive"  # in JSON-LD, as the work each page is part of


class PageMaker:
    """Renders templates into pages for one graph and one set of options."""

    def __init__(self, graph: ArchiveGraph, options: RenderOptions):
        self.graph = graph
        self.options = options
        self.env = environment()
        # Made once, not per article: every actor's name, for the labels of quotes in the text.
        self.actor_names = {actor_id: entry.model.name for actor_id, entry in graph.actors.items()}
        self._article_items: dict[str, str] = {}
        self._root_macros: TemplateModule | None = None
        self._article_order: dict[str, int] | None = None

    def page(
        self,
        template: str,
        path: str,
        title: str,
        source: str | None = None,
        *,
        meta=None,
        description: str = "",
        og_type: str = "",
        **values,
    ) -> Page:
        """The page at `path`, rendered from `template` with the shared context and `values`;
        `meta`: more of the page's front matter for the theme (`hide`)."""
        context = self.context(path)
        context.update(values, title=title)
        body = self.env.get_template(template).render(context)
        # The page's own description and OpenGraph type, for search engines and link previews
        # (main.html); escaped, as its title is, because Material prints meta values unescaped.
        extra = dict(meta or {})
        if description:
            extra["description"] = str(escape(description))
        if og_type:
            extra["og_type"] = og_type
        return Page(path, title, front_matter(title, **extra) + body, source)

    def address(self, path: str) -> Callable[..., str]:
        """`url(to, anchor="")`: the address of a page in metadata (JSON-LD) of the page `path`:
        absolute under the site's address when known (`Links.absolute`), else relative to the
        page `path`, as its own links are (a processor resolves it against the page)."""
        links, site_url = self.options.links, self.options.site_url
        if site_url:
            return lambda to, anchor="": links.absolute(site_url, to, anchor)
        return lambda to, anchor="": links.link(path, to, anchor)

    def site_node(self, path: str) -> dict:
        """The archive as the work the page at `path` is part of (JSON-LD)."""
        return metadata.site_node(self.options.site_name, self.address(path))

    @cached_property
    def actor_models(self) -> dict[str, Actor]:
        """Every actor, by id."""
        return {actor_id: entry.model for actor_id, entry in self.graph.actors.items()}

    @cached_property
    def leak_models(self) -> dict[str, Leak]:
        """Every leak, by id."""
        return {leak_id: entry.model for leak_id, entry in self.graph.leaks.items()}

    def article_order(self) -> dict[str, int]:
        """Each article's place in the archive, newest first (made once, when first asked)."""
        if self._article_order is None:
            self._article_order = {article_id: i for i, article_id in enumerate(self.graph.articles)}
        return self._article_order

    def by_name(self, actor_ids: Iterable[str]) -> list[str]:
        """Actor ids in the order of their names, as a reader looks them up."""
        names = self.actor_names
        return sorted(actor_ids, key=lambda a: words.name_key(names.get(a) or a))

    def status_badge(self, path: str) -> Callable[[str], str]:
        """The `status_badge` macro of _macros.j2 in Python, for HTML written in Python."""
        methodology = self.options.links.link(path, "methodology.md")

        def badge(status: str) -> str:
            return (
                f'<a class="la-status la-status--{status}" href="{methodology}#{status}" '
                f'title="What “{status}” means">{status.capitalize()}</a>'
            )

        return badge

    def citation_formats(self, cited: citation.Citation, path: str) -> citation.Formats:
        """A citation of something on the page at `path`, in its three formats."""
        links = self.options.links
        return citation.formats(cited, relative=self.options.site_url is None, root=links.climb(path))

    def listing(
        self, base: str, title: str, item: str, items: Sequence, *, intro: str, back: str
    ) -> list[Page]:
        """A list on pages of its own, PAGE_SIZE entries each: `base`, then `base/page-N.md`.

        `item` names the macro that renders one entry (see listing.md.j2); `back` is the page the
        list belongs to.
        """
        count = max(1, -(-len(items) // PAGE_SIZE))
        pager = [urls.listing_page(base, n) for n in range(1, count + 1)]
        pages = []
        for number, path in enumerate(pager, start=1):
            chunk = items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
            page_title = title if number == 1 else f"{title} (page {number} of {count})"
            pages.append(
                self.page(
                    "listing.md.j2",
                    path,
                    page_title,
                    item=item,
                    items=chunk,
                    total=len(items),
                    first=(number - 1) * PAGE_SIZE + 1,
                    intro=intro,
                    back=back,
                    pager=pager,
                    page_number=number,
                )
            )
        return pages

    def context(self, path: str) -> dict[str, object]:
        """What the templates see when rendering the page at `path`."""
        links = self.options.links

        def link(to: str, anchor: str = "") -> str:
            return links.link(path, to, anchor)

        climb = links.climb(path)

        def article_item(article: LinkedArticle) -> Markup:
            return Markup(self.article_item(article).replace(_ROOT, climb))

        return self._helpers(link) | {"page_path": path, "article_item": article_item}

    def _helpers(self, link: Callable[..., str]) -> dict[str, object]:
        """The helpers templates use, around one way of linking (`link(path, anchor="")`)."""

        def actor_link(actor_id: str, anchor: str = "") -> str:
            return link(urls.page_path("actor", actor_id), anchor)

        def leak_link(leak_id: str, anchor: str = "") -> str:
            return link(urls.page_path("leak", leak_id), anchor)

        def article_link(article_id: str, anchor: str = "") -> str:
            return link(urls.page_path("article", article_id), anchor)

        def actor_name(actor_id: str) -> str:
            entry = self.graph.actors.get(actor_id)
            return entry.model.name if entry else actor_id

        known = {"actor": self.graph.actors, "leak": self.graph.leaks, "article": self.graph.articles}

        def entry_href(kind: str, entity_id: str) -> str | None:
            """Where an id link (`[name](actor:ID)` in Markdown) leads; None for an unknown id."""
            if entity_id not in known[kind]:
                return None
            return link(urls.page_path(cast(urls.PageKind, kind), entity_id))  # kind: a key of `known`

        return {
            "link": link,
            "actor_link": actor_link,
            "leak_link": leak_link,
            "article_link": article_link,
            "actor_name": actor_name,
            "entry_href": entry_href,
            "urls": urls,
            "preview": PREVIEW,
            "graph": self.graph,
        }

    def reuse_article_items(self, items: dict[str, str]) -> None:
        """Take list entries made by an earlier maker, for articles that have not changed."""
        self._article_items.update(items)

    def article_items_made(self) -> dict[str, str]:
        """Every list entry this maker made or took, by article id."""
        return self._article_items

    def article_item(self, article: LinkedArticle) -> str:
        """An article as an entry of a list (the macro `article_item`), with `_ROOT` where links
        climb to the site root.

        Rendered once per article and reused: an article sits in many lists (its year, its tags,
        its status, each of its actors), and a page only changes where its links climb from.
        """
        item = self._article_items.get(article.id)
        if item is None:
            item = str(self._macros_from_root().article_item(article))
            self._article_items[article.id] = item
        return item

    def _macros_from_root(self) -> Any:  # a Jinja TemplateModule: its macros are its attributes
        """The shared macros, linking from `_ROOT` (a placeholder) instead of from one page."""
        if self._root_macros is None:
            links = self.options.links

            def link(to: str, anchor: str = "") -> str:
                return _ROOT + links.url(to) + (f"#{anchor}" if anchor else "")

            self._root_macros = self.env.get_template("_macros.j2").make_module(self._helpers(link))
        return self._root_macros
