"""A leak's page: what it is, its status and history, the articles reporting it, the words
quoted from it, and its citation."""

from __future__ import annotations

from .. import urls
from ..model import Leak
from . import citation, metadata
from .pages import PREVIEW, Page, PageMaker


def leak_pages(maker: PageMaker, leak: Leak, source: str) -> list[Page]:
    """The leak's page (leak.md.j2) and the pages of its long lists."""
    path = urls.page_path("leak", leak.id)
    reports = maker.graph.reports_by_leak.get(leak.id, ())  # oldest article first
    quotes = maker.graph.quotes_by_leak.get(leak.id, ())
    more = urls.sublist_path("leak", leak.id, "articles")
    more_quotes = urls.sublist_path("leak", leak.id, "quotes")
    cited = citation.leak_citation(leak, maker.options.links.absolute(maker.options.site_url, path))
    json_ld = metadata.leak_json_ld(
        leak, reports, maker.graph.articles, maker.actor_models, maker.address(path), maker.site_node(path)
    )
    about = metadata.description(leak.summary, f"A leaked {leak.kind.replace('-', ' ')}, {leak.status}.")
    pages = [
        maker.page(
            "leak.md.j2",
            path,
            leak.title,
            source,
            description=about,
            json_ld=json_ld,
            leak=leak,
            reports=reports,
            more=more,
            quotes=quotes,
            more_quotes=more_quotes,
            actors_by_name=maker.by_name(leak.actors),
            citation=maker.citation_formats(cited, path),
        )
    ]
    if len(reports) > PREVIEW:
        title = f"Articles reporting: {leak.title}"
        pages += maker.listing(more, title, "report", reports, intro="Oldest first.", back=path)
    if len(quotes) > PREVIEW:
        title = f"Quoted from: {leak.title}"
        pages += maker.listing(
            more_quotes, title, "quote_with_speaker", quotes, intro="Newest first.", back=path
        )
    return pages
