"""The Data page: the open data files, their licence, and the feeds."""

from __future__ import annotations

from .. import urls
from . import feeds, opendata
from .opendata import SCHEMA_VERSION
from .pages import Page, PageMaker


def data_page(maker: PageMaker, counts: dict[str, int]) -> Page:
    """The Data page (data.md.j2); `counts`: the rows of each open data table."""
    return maker.page(
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
