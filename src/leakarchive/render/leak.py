"""A leak's page: what it is, its status and history, and the articles reporting it."""

from __future__ import annotations

from .. import urls
from ..model import Leak
from . import metadata
from .pages import PREVIEW, Page, PageMaker


def leak_pages(maker: PageMaker, leak: Leak, source: str) -> list[Page]:
    """The leak's page (leak.md.j2) and, when many articles report it, their list's pages."""
    path = urls.page_path("leak", leak.id)
    reports = maker.graph.reports_by_leak.get(leak.id, ())  # oldest article first
    more = urls.sublist_path("leak", leak.id, "articles")
    json_ld = metadata.leak_json_ld(
        leak, reports, maker.graph.articles, maker.actor_models, maker.address(path), maker.site_node(path)
    )
    about = metadata.description(leak.summary, f"A leaked {leak.kind.replace('-', ' ')}, {leak.status}.")
    page = maker.page(
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
    pages = [page]
    if len(reports) > PREVIEW:
        title = f"Articles reporting: {leak.title}"
        pages += maker.listing(more, title, "report", reports, intro="Oldest first.", back=path)
    return pages
