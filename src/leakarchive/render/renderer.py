"""Stage 4, render: the archive graph -> `{page path: Page}`.

Pages are Markdown files for MkDocs (or any engine reading Markdown), but everything a
contributor wrote is placed inside HTML blocks, escaped by Jinja2's autoescape or, for the few
fields written in Markdown, rendered here and cleaned by nh3. Python-Markdown never sees
contributor text as Markdown, so raw HTML, `javascript:` links and `{: onclick=...}` attribute
lists in it stay inert text. Only fixed section headings are Markdown, for the table of contents.

Output is deterministic: everything is sorted, nothing depends on time or on dict order.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import urls
from ..engine.link import ArchiveGraph, LinkedArticle, same_entries
from ..model import RTL_LANGUAGES, VERIFICATION_STATUSES, Actor, Leak
from ..prose import no_blank_lines, prose_html
from ..urls import Links
from . import annotations, feeds, metadata, opendata
from .opendata import SCHEMA_VERSION

ACTOR_KIND_NAMES = {
    "person": "People",
    "organization": "Organisations",
    "outlet": "Outlets",
    "state-body": "State bodies",
}
ACTOR_KIND_NAME = {
    "person": "Person",
    "organization": "Organisation",
    "outlet": "Outlet",
    "state-body": "State body",
}
PAGE_SIZE = 50
"""Entries on one page of a list: pages stay small for phones and for search indexes (Zensical
refuses a page whose search text passes 32 KB)."""
PREVIEW = 20
"""Entries of a list shown on the page it belongs to; the rest are a link away."""
LATEST_COUNT = 10


@dataclass(frozen=True)
class Page:
    """One generated page: its Markdown and the archive file it comes from (for 'edit')."""

    path: str  # e.g. "actors/abbas-milani.md"
    title: str  # plain text
    markdown: str
    source: str | None = None  # the archive file, relative to the project root
    # Passages a search should open at (quotes and notes in an article's text), each as
    # (anchor, title, text): Material's index gets an entry for each (postbuild.add_search_passages).
    passages: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class RenderOptions:
    """What the site looks like from outside: URL style and where sources live."""

    links: Links = field(default_factory=Links)
    site_url: str | None = None  # the site's address, when known: data files then link absolutely
    site_name: str = "Leak Archive"  # in JSON-LD, as the work each page is part of


# --- contributor text -----------------------------------------------------------------------


@cache
def _environment() -> Environment:
    """The Jinja2 environment, made once per process: `mkdocs serve` renders again and again,
    and compiling the templates each time would cost more than some rebuilds."""
    env = Environment(
        loader=PackageLoader("leakarchive.render", "templates"),
        autoescape=True,  # every {{ value }} is escaped unless marked safe on purpose
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.filters["prose"] = prose_html
    env.filters["json_script"] = json_for_script
    env.filters["direction"] = text_direction
    env.globals.update(statuses=VERIFICATION_STATUSES, kind_names=ACTOR_KIND_NAMES, kind_name=ACTOR_KIND_NAME)
    return env


def _finalize(value: object) -> object:
    """Jinja's hook on every {{ value }}: contributor text keeps no blank line (see above)."""
    if isinstance(value, str) and not isinstance(value, Markup) and "\n" in value:
        return Markup(no_blank_lines(str(escape(value))))
    return value


_ROOT = "\x00root\x00"  # stands for the climb from the page being rendered to the site root
_BLOCK_PLACEHOLDER = re.compile(r'<div data-la-block="(\d+)"></div>')


def stash_html_blocks(markdown: str) -> tuple[str, list[str]]:
    """Split a generated page into light Markdown and the HTML blocks it holds.

    Generated pages are HTML blocks between a few Markdown headings. Python-Markdown would parse
    every tag of those blocks only to pass them through unchanged, which is most of the cost of
    a build; the plugin gives it the light Markdown, with each block replaced by a placeholder,
    and puts the blocks back into the HTML (`restore_html_blocks`). Same output, less work.
    """
    blocks: list[str] = []
    parts = markdown.split("\n\n")
    for index, part in enumerate(parts):
        if part.startswith("<") and index:  # index 0 holds the front matter
            parts[index] = f'<div data-la-block="{len(blocks)}"></div>'
            blocks.append(part.rstrip("\n"))
    return "\n\n".join(parts), blocks


def restore_html_blocks(html: str, blocks: list[str]) -> str:
    """Put the HTML blocks that `stash_html_blocks` took out back in place."""
    return _BLOCK_PLACEHOLDER.sub(lambda match: blocks[int(match.group(1))], html)


def text_direction(language: str) -> str:
    """'rtl' for a language written right to left (fa, ar, ...), else 'ltr'."""
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def json_for_script(value: object) -> Markup:
    """JSON that is safe inside <script>: no '<', '>' or '&' can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def front_matter(title: str, **extra: object) -> str:
    """The page's own YAML header for MkDocs. The title is HTML-escaped because Material prints
    `page.meta.title` unescaped into <title>, the header and the navigation."""
    meta = {"title": str(escape(title)), **extra}
    # JSON strings are YAML double-quoted scalars: a safe, fast way to write any text as YAML.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in sorted(meta.items())]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


# --- the verbatim text with highlights ---------------------------------------------------------


@dataclass(frozen=True)
class _Range:
    """A stretch of one paragraph to wrap in an element: a highlight (<mark>) or a mention (<a>)."""

    start: int
    end: int
    rank: int  # 0 quote, 1 note, 2 mention: a lower rank encloses a higher one and is not split by it
    key: str  # orders ranges of equal span and rank deterministically
    opening: str  # the start tag of the range's first piece (a highlight's carries its id)
    continued: str  # the start tag of later pieces, when the range has to be split
    closing: str

    def split(self, at: int) -> tuple[_Range, _Range]:
        """The range before `at`, and the rest, which opens as a continuation."""
        return replace(self, end=at), replace(self, start=at, opening=self.continued)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _escape_text(text: str) -> str:
    """Escaped text. Control characters, which HTML does not allow (and among which Python-Markdown
    silently drops its placeholder delimiters STX and ETX), are shown as U+FFFD."""
    return str(escape(_CONTROL.sub("\ufffd", text)))


def _nest(body: str, ranges: list[_Range], low: int, high: int) -> str:
    """`body[low:high]` with `ranges` (all inside it) as well-formed nested elements.

    Where two ranges cross, one is split: the one of higher rank, so that a quote stays whole
    when a note or a mention crosses it. Each element contains exactly its own text.
    """

    def order(r: _Range) -> tuple[int, int, int, str]:
        return (r.start, -r.end, r.rank, r.key)

    out = []
    position = low
    pending = sorted(ranges, key=order)
    index = 0  # the list is rebuilt only when a range is split: linear in the usual case
    while index < len(pending):
        first = pending[index]
        stop = index + 1
        while stop < len(pending) and pending[stop].start < first.end:
            stop += 1
        overlapping = pending[index + 1 : stop]  # the ranges that start inside `first`
        # A range of lower rank that starts inside `first` and ends after it cuts `first` there.
        cuts = [o.start for o in overlapping if o.rank < first.rank and first.end < o.end]
        if cuts:
            pending, index = sorted([*first.split(min(cuts)), *pending[index + 1 :]], key=order), 0
            continue
        inner, outside = [], []
        for other in overlapping:
            if other.end <= first.end:
                inner.append(other)
            else:
                inside, rest = other.split(first.end)
                inner.append(inside)
                outside.append(rest)
        out.append(_escape_text(body[position : first.start]))
        out.append(first.opening + _nest(body, inner, first.start, first.end) + first.closing)
        position = first.end
        if outside:
            pending, index = sorted([*outside, *pending[stop:]], key=order), 0
        else:
            index = stop
    out.append(_escape_text(body[position:high]))
    return "".join(out)


def text_html(article: LinkedArticle, actor_url: Callable[[str], str], actor_names: dict[str, str]) -> Markup:
    """The verbatim text as paragraphs, with quotes and notes highlighted and mentions linked.

    Each quote or note is one <mark> holding exactly its words (and the mention links among
    them), with its anchor as id. Only where highlights cross each other or a paragraph break is
    a highlight split; its later pieces share `data-anchor` but not the id.
    """
    body = article.entry.body
    highlights = [
        (q.span, "quote", q.anchor, f"Quote {q.number}, {actor_names.get(q.speaker, q.speaker)}")
        for q in article.quotes
    ] + [(n.span, "note", n.anchor, f"Note {n.number}") for n in article.annotations]
    paragraphs = []
    placed: set[str] = set()
    for start, end in _paragraphs(body):
        ranges = []
        for span, kind, anchor, label in highlights:
            if span.start >= end or span.end <= start:
                continue
            # Pagefind counts a quote's words three times: the article quoting them comes before
            # pages that only use them (a how-to's example, a list of an actor's quotes).
            weight = ' data-pagefind-weight="3"' if kind == "quote" else ""
            continued = f'<mark class="la-{kind}" data-anchor="{anchor}"{weight}>'
            opening = continued
            if anchor not in placed:  # the piece where the highlight begins carries the anchor
                placed.add(anchor)
                opening = (
                    f'<mark class="la-{kind}" data-anchor="{anchor}"{weight} id="{anchor}" tabindex="-1" '
                    f'aria-label="{escape(label)}">'
                )
            rank = 0 if kind == "quote" else 1
            ranges.append(
                _Range(
                    max(start, span.start), min(end, span.end), rank, anchor, opening, continued, "</mark>"
                )
            )
        for mention in article.mentions:
            # A mention is linked only when it lies inside one paragraph.
            if start <= mention.span.start and mention.span.end <= end:
                tag = f'<a class="la-mention" href="{escape(actor_url(mention.actor))}">'
                ranges.append(_Range(mention.span.start, mention.span.end, 2, "", tag, tag, "</a>"))
        paragraphs.append("<p>" + _nest(body, ranges, start, end) + "</p>")
    return Markup("\n".join(paragraphs))


_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")


def _paragraphs(body: str) -> Iterable[tuple[int, int]]:
    """Offsets of each paragraph: text between blank lines, without its outer white space."""
    position = 0
    for separator in [*_BLANK_LINES.finditer(body), None]:
        stop = separator.start() if separator else len(body)
        block = body[position:stop]
        start = position + (len(block) - len(block.lstrip()))
        end = position + len(block.rstrip())
        if end > start:
            yield start, end
        if separator:
            position = separator.end()


# --- pages ----------------------------------------------------------------------------------


class Renderer:
    """Renders every page of the site from the archive graph."""

    def __init__(
        self, graph: ArchiveGraph, options: RenderOptions | None = None, cache: RenderCache | None = None
    ):
        self.graph = graph
        self.options = options or RenderOptions()
        self.env = _environment()
        self.cache = cache
        self._article_items: dict[str, str] = {}
        if cache is not None and cache.graph is not None and cache.options == self.options:
            # Items of articles unchanged since the previous render (the same linked objects).
            self._article_items = {
                article_id: item
                for article_id, item in cache.items.items()
                if graph.articles.get(article_id) is cache.graph.articles.get(article_id)
            }
        # Made once, not per article: every actor's name, for the labels of quotes in the text.
        self._actor_names = {actor_id: entry.model.name for actor_id, entry in graph.actors.items()}

    def render(self) -> dict[str, Page]:
        """Every page, keyed by path, in sorted order.

        With a cache from a previous render where only articles changed, only the pages an
        article change can alter are rendered again: those of the changed articles, of the actors
        and leaks they concern (before or after the change), and the index pages.
        """
        graph, cache = self.graph, self.cache
        owners = self._owners_to_render()
        pages_of: dict[tuple[str, str], tuple[Page, ...]] = {}
        if owners is None:  # everything
            owners = {("article", a) for a in graph.articles} | {("actor", a) for a in graph.actors}
            owners |= {("leak", leak) for leak in graph.leaks} | {("index", "")}
        else:
            pages_of = {owner: pages for owner, pages in cache.pages_of.items() if owner not in owners}  # type: ignore[union-attr]
        for kind, key in sorted(owners):
            if kind == "article" and key in graph.articles:
                pages_of[(kind, key)] = (self.article_page(graph.articles[key]),)
            elif kind == "actor" and key in graph.actors:
                entry = graph.actors[key]
                pages_of[(kind, key)] = tuple(self.actor_pages(entry.model, entry.record.path))
            elif kind == "leak" and key in graph.leaks:
                entry = graph.leaks[key]
                pages_of[(kind, key)] = tuple(self.leak_pages(entry.model, entry.record.path))
            elif kind == "index":
                pages_of[(kind, key)] = tuple(self.index_pages())
        if cache is not None:
            cache.graph, cache.options, cache.pages_of = graph, self.options, pages_of
            cache.items, cache.rendered = self._article_items, len(owners)
        pages = [page for owned in pages_of.values() for page in owned]
        return {page.path: page for page in sorted(pages, key=lambda p: p.path)}

    def _owners_to_render(self) -> set[tuple[str, str]] | None:
        """What an edit since the cached render changed, as owners of pages (("actor", id), ...);
        None when everything must be rendered (no cache, other options, an actor or leak file
        changed)."""
        cache, graph = self.cache, self.graph
        if cache is None or cache.graph is None or cache.options != self.options:
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
                    owners.update(("actor", actor) for actor in (*article.actors, *publishers))
                    owners.update(("leak", ref.leak) for ref in model.leaks)
        return owners

    # Helpers available to templates as `link`, `actor_link`, ...

    def _context(self, path: str) -> dict[str, object]:
        links = self.options.links

        def link(to: str, anchor: str = "") -> str:
            return links.link(path, to, anchor)

        def actor_link(actor_id: str, anchor: str = "") -> str:
            return link(urls.page_path("actor", actor_id), anchor)

        def leak_link(leak_id: str, anchor: str = "") -> str:
            return link(urls.page_path("leak", leak_id), anchor)

        def article_link(article_id: str, anchor: str = "") -> str:
            return link(urls.page_path("article", article_id), anchor)

        def actor_name(actor_id: str) -> str:
            entry = self.graph.actors.get(actor_id)
            return entry.model.name if entry else actor_id

        climb = links.climb(path)

        def article_item(article: LinkedArticle) -> Markup:
            return Markup(self._article_item(article).replace(_ROOT, climb))

        return {
            "page_path": path,
            "link": link,
            "article_item": article_item,
            "actor_link": actor_link,
            "leak_link": leak_link,
            "article_link": article_link,
            "actor_name": actor_name,
            "urls": urls,
            "preview": PREVIEW,
            "graph": self.graph,
        }

    def _article_item(self, article: LinkedArticle) -> str:
        """An article as an entry of a list, with `_ROOT` where links climb to the site root.

        Written in Python, not as a template macro, and made once per article: an article sits
        in many lists (its year, its tags, its status, each of its actors).
        """
        item = self._article_items.get(article.id)
        if item is None:
            m = article.entry.model
            url = self.options.links.url
            status = m.verification.status
            publisher = self.graph.actors.get(m.source.publisher)
            name = publisher.model.name if publisher else m.source.publisher
            methodology = url("methodology.md")
            item = (
                f'<li class="la-item"><a href="{_ROOT}{url(urls.page_path("article", article.id))}">'
                f'<span lang="{escape(m.language)}" dir="auto">{escape(m.title)}</span></a> '
                f'<span class="la-meta"><time datetime="{m.date}" data-precision="{m.date.precision}">'
                f"{m.date.human()}</time> · {escape(name)}</span> "
                f'<a class="la-status la-status--{status}" href="{_ROOT}{methodology}#{status}"'
                f' title="What “{status}” means">{status.capitalize()}</a></li>'
            )
            self._article_items[article.id] = item
        return item

    def _page(
        self,
        template: str,
        path: str,
        title: str,
        source: str | None = None,
        description: str = "",
        og_type: str = "",
        **values,
    ) -> Page:
        context = self._context(path)
        context.update(values, title=title)
        body = self.env.get_template(template).render(context)
        # The page's own description and OpenGraph type, for search engines and link previews
        # (main.html); escaped, as its title is, because Material prints meta values unescaped.
        extra = {"description": str(escape(description))} if description else {}
        if og_type:
            extra["og_type"] = og_type
        return Page(path, title, front_matter(title, **extra) + body, source)

    def _url(self, path: str) -> Callable[..., str]:
        """`url(to, anchor="")`: the address of a page, from the page at `path` (JSON-LD)."""
        links, site_url = self.options.links, self.options.site_url
        return lambda to, anchor="": urls.page_address(links, site_url, path, to, anchor)

    def _site_node(self, path: str) -> dict:
        return metadata.site_node(self.options.site_name, self._url(path))

    @cached_property
    def _actor_models(self) -> dict[str, Actor]:
        return {actor_id: entry.model for actor_id, entry in self.graph.actors.items()}

    @cached_property
    def _leak_models(self) -> dict[str, Leak]:
        return {leak_id: entry.model for leak_id, entry in self.graph.leaks.items()}

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
                self._page(
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

    def article_page(self, article: LinkedArticle) -> Page:
        """An article: source panel, badges, leaks, actors, quotes, and the highlighted text."""
        model = article.entry.model
        path = urls.page_path("article", article.id)
        context = self._context(path)
        text = text_html(article, context["actor_link"], self._actor_names)  # type: ignore[arg-type]
        json_ld = metadata.article_json_ld(
            article, self._actor_models, self._leak_models, self._url(path), self._site_node(path)
        )
        publisher = context["actor_name"](model.source.publisher)  # type: ignore[operator]
        about = metadata.description(
            model.summary,
            f"{model.title}: {publisher}, {model.date.human()}, archived verbatim with its quotes.",
        )
        names = self._actor_names
        passages = tuple(
            (q.anchor, f"Quote {q.number}, {names.get(q.speaker, q.speaker)}", q.text) for q in article.quotes
        ) + tuple((n.anchor, f"Note {n.number}", n.text) for n in article.annotations)
        page = self._page(
            "article.md.j2",
            path,
            model.title,
            article.entry.record.path,
            description=about,
            og_type="article",
            article=article,
            model=model,
            text=text,
            json_ld=json_ld,
        )
        return replace(page, passages=passages)

    def actor_pages(self, actor: Actor, source: str) -> list[Page]:
        """An actor's page, with previews of its lists; long lists get pages of their own."""
        graph = self.graph
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
            self._page(
                "actor.md.j2",
                path,
                actor.name,
                source,
                description=metadata.description(
                    actor.description,
                    f"{ACTOR_KIND_NAME[actor.kind]}: quotes, articles and leaks in the archive.",
                ),
                json_ld=metadata.actor_json_ld(actor, self._actor_models, self._url(path)),
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
                pages += self.listing(base, title, item, items, intro="", back=path)
        return pages

    def leak_pages(self, leak: Leak, source: str) -> list[Page]:
        """A leak: what it is, its status and history, and every article reporting it."""
        path = urls.page_path("leak", leak.id)
        reports = self.graph.reports_by_leak.get(leak.id, ())  # oldest article first
        more = urls.sublist_path("leak", leak.id, "articles")
        json_ld = metadata.leak_json_ld(
            leak, reports, self.graph.articles, self._actor_models, self._url(path), self._site_node(path)
        )
        about = metadata.description(leak.summary, f"A leaked {leak.kind.replace('-', ' ')}, {leak.status}.")
        pages = [
            self._page(
                "leak.md.j2",
                path,
                leak.title,
                source,
                description=about,
                json_ld=json_ld,
                leak=leak,
                reports=reports,
                more=more,
            )
        ]
        if len(reports) > PREVIEW:
            title = f"Articles reporting: {leak.title}"
            pages += self.listing(more, title, "report", reports, intro="Oldest first.", back=path)
        return pages

    def data_page(self, counts: dict[str, int]) -> Page:
        """The Data page: the open data files, their licence, and the feeds."""
        return self._page(
            "data.md.j2",
            urls.DATA_PAGE,
            "Data",
            tables=opendata.TABLES,
            counts=counts,
            schema_version=SCHEMA_VERSION,
            annotation_count=counts["quotes"] + counts["notes"],
            feeds=list(feeds.feed_links()),
            licence_url=urls.LICENCE_URL,
            licence_title=urls.LICENCE_TITLE,
            licence_name=urls.LICENCE_NAME,
        )

    def index_pages(self) -> list[Page]:
        """Home, timeline, actors, leaks, verification and tags, with their listing pages."""
        graph = self.graph
        articles = list(graph.articles.values())  # newest first
        by_year: dict[int, list[LinkedArticle]] = defaultdict(list)
        articles_by_status: dict[str, list[LinkedArticle]] = defaultdict(list)
        tags: dict[str, list[LinkedArticle]] = defaultdict(list)
        for article in articles:
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
        for entry in graph.leaks.values():
            leaks_by_status[entry.model.status].append(entry.model)
        for group in leaks_by_status.values():
            group.sort(key=lambda leak: ((leak.date.sort_key() if leak.date else (0, 0, 0)), leak.id))

        pages = [
            self._page(
                "home.md.j2",
                urls.HOME,
                "Leak Archive",
                latest=articles[:LATEST_COUNT],
                counts={
                    "articles": len(articles),
                    "actors": len(graph.actors),
                    "leaks": len(graph.leaks),
                    "quotes": sum(len(a.quotes) for a in articles),
                },
            ),
            self._page(
                "timeline.md.j2",
                urls.ARTICLES_INDEX,
                "Timeline",
                years=sorted(((year, len(group)) for year, group in by_year.items()), reverse=True),
                latest=articles[:PREVIEW],
            ),
            self._page(
                "actors.md.j2",
                urls.ACTORS_INDEX,
                "Actors",
                groups=[(kind, actors_by_kind[kind]) for kind in ACTOR_KIND_NAMES if kind in actors_by_kind],
            ),
            self._page(
                "leaks.md.j2",
                urls.LEAKS_INDEX,
                "Leaks",
                groups=[(s, leaks_by_status[s]) for s in VERIFICATION_STATUSES if s in leaks_by_status],
            ),
            self._page(
                "verification.md.j2",
                urls.VERIFICATION_INDEX,
                "Verification",
                articles_by_status=articles_by_status,
                leaks_by_status=leaks_by_status,
            ),
        ]
        tag_counts = [(tag, len(group)) for tag, group in sorted(tags.items())]
        pages += self.listing(urls.TAGS_INDEX, "Tags", "tag", tag_counts, intro="", back=urls.HOME)
        for year, group in sorted(by_year.items()):
            pages += self.listing(
                urls.year_path(year), f"Articles of {year}", "article", group,
                intro="Newest first.", back=urls.ARTICLES_INDEX,
            )  # fmt: skip
        for tag, group in sorted(tags.items()):
            pages += self.listing(
                urls.tag_path(tag), f"Tag: {tag}", "article", group,
                intro="Newest first.", back=urls.TAGS_INDEX,
            )  # fmt: skip
        for kind, group in actors_by_kind.items():
            if len(group) > PREVIEW:
                pages += self.listing(
                    urls.kind_path(kind), ACTOR_KIND_NAMES[kind], "actor", group,
                    intro="A to Z.", back=urls.ACTORS_INDEX,
                )  # fmt: skip
        for status in VERIFICATION_STATUSES:
            for what, group, item in (
                ("articles", articles_by_status.get(status, []), "article"),
                ("leaks", leaks_by_status.get(status, []), "leak"),
            ):
                if group:  # the verification page links every non-empty status
                    pages += self.listing(
                        urls.status_path(status, what), f"{status.capitalize()} {what}", item, group,
                        intro="", back=urls.VERIFICATION_INDEX,
                    )  # fmt: skip
        return pages


@dataclass
class RenderCache:
    """A previous render of the same site, kept by a preview server between rebuilds."""

    graph: ArchiveGraph | None = None
    options: RenderOptions | None = None
    pages_of: dict[tuple[str, str], tuple[Page, ...]] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)  # article id -> its list entry
    json_records: dict[tuple[str, str], tuple[object, bytes]] = field(default_factory=dict)
    rendered: int = 0  # how many owners' pages the last render made (tests check it is few)


@dataclass(frozen=True)
class Site:
    """Everything the engine adds to a site: Markdown pages and other files (data, styles)."""

    pages: dict[str, Page]
    files: dict[str, bytes]


def render(
    graph: ArchiveGraph, options: RenderOptions | None = None, cache: RenderCache | None = None
) -> Site:
    """Render every page and file of the site. A `cache` (previews) spares re-rendering what
    an edit cannot have changed; the result is the same."""
    options = options or RenderOptions()
    renderer = Renderer(graph, options, cache)
    pages = renderer.render()
    files = {
        urls.DATA_JSON: archive_json(graph, cache.json_records if cache is not None else None),
        urls.STYLESHEET: resources.files("leakarchive.render")
        .joinpath("assets/leakarchive.css")
        .read_bytes(),
    }
    tables, counts = opendata.open_data_files(graph, options.links, options.site_url)
    files.update(tables)
    files.update(annotations.annotation_files(graph, options.links, options.site_url))
    files.update(feeds.feed_files(graph, options.links, options.site_url))
    pages[urls.DATA_PAGE] = renderer.data_page(counts)
    return Site(pages=dict(sorted(pages.items())), files=files)


def archive_json(
    graph: ArchiveGraph, memo: dict[tuple[str, str], tuple[object, bytes]] | None = None
) -> bytes:
    """The whole archive as JSON (UTF-8), for reuse: the validated data plus the placed
    annotations. Laid out as `json.dumps(..., sort_keys=True, indent=1)` would, but written one
    record at a time: the whole document as Python objects and one string would take ten times
    its size in memory (about 0.5 GB at 10,000 articles)."""

    def dump(model) -> dict:
        return model.model_dump(mode="json", exclude_none=True)

    def article_data(article: LinkedArticle) -> dict:
        data = dump(article.entry.model)
        data["text"] = article.entry.body
        data["mentions"] = [
            {"actor": m.actor, "start": m.span.start, "end": m.span.end} for m in article.mentions
        ]
        for placed in article.quotes:
            data["quotes"][placed.number - 1].update(
                anchor=placed.anchor, start=placed.span.start, end=placed.span.end
            )
        return data

    def encoded(data: dict) -> bytes:
        # Strings in JSON hold no raw line breaks, so indenting every line is safe.
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).replace("\n", "\n  ").encode()

    def records(kind: str, items: Iterable[tuple[str, object]], data: Callable[[object], dict]):
        # A preview's memo maps each record to its bytes, reused while the object is the same.
        fresh: dict[tuple[str, str], tuple[object, bytes]] = {}
        for key, item in items:
            hit = memo.get((kind, key)) if memo is not None else None
            value = hit[1] if hit is not None and hit[0] is item else encoded(data(item))
            fresh[(kind, key)] = (item, value)
            yield value
        if memo is not None:
            for stale in [k for k in memo if k[0] == kind]:
                del memo[stale]
            memo.update(fresh)

    sections = {  # in sorted key order, as sort_keys would write them
        "actors": records("actor", graph.actors.items(), lambda e: dump(e.model)),
        "articles": records("article", sorted(graph.articles.items()), article_data),
        "leaks": records("leak", graph.leaks.items(), lambda e: dump(e.model)),
    }
    chunks = [b"{\n"]
    for key, encoded_records in sections.items():
        chunks.append(f' "{key}": ['.encode())
        count = 0
        for record in encoded_records:
            chunks.append((b",\n  " if count else b"\n  ") + record)
            count += 1
        chunks.append(b"\n ],\n" if count else b"],\n")
    chunks.append(f' "schema_version": {json.dumps(SCHEMA_VERSION)}\n}}\n'.encode())
    return b"".join(chunks)
