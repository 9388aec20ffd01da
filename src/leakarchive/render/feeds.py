"""Feeds: new articles, and changes of a leak's verification status, as Atom 1.0 and RSS 2.0.

Every date comes from the archive (an article's publication date, the date of a step in a leak's
`status_history`), never from the clock, so the same archive gives the same bytes. Dates known
only to the month or year stand at their first day. Entry ids are URNs made from the archive's
ids (UUID version 5), so they stay the same wherever the site is hosted. Links are relative to
the feed until the site's address is known (`site_url`), then absolute.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from .. import urls
from ..engine.link import ArchiveGraph
from ..model import PartialDate
from ..urls import Links

FEED_ENTRIES = 50
"""Entries in a feed: the newest. Readers poll feeds; older entries are on the site."""

_NAMESPACE = uuid.UUID("7c0f7a53-5e1b-4c56-9a64-3c1f4f6b1d2e")
"""Fixed namespace of the entries' UUIDs (any constant works; this one must never change)."""

_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class Feed:
    """A feed the site offers: its name (the file's stem) and title."""

    name: str
    title: str
    description: str


FEEDS = (
    Feed("articles", "Leak Archive: new articles", "Articles added to the archive, newest first."),
    Feed(
        "leak-status",
        "Leak Archive: verification of leaks",
        "Each change of a leak's verification status, newest first.",
    ),
)


@dataclass(frozen=True)
class Entry:
    """One entry of a feed."""

    key: str  # unique in the archive, for the entry's id
    title: str
    page: str  # the page's Markdown path
    day: date
    summary: str
    categories: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # addresses (evidence)


def _day(value: PartialDate) -> date:
    return value.earliest()


def article_entries(graph: ArchiveGraph) -> list[Entry]:
    """The newest articles, by publication date."""
    entries = []
    for article in list(graph.articles.values())[:FEED_ENTRIES]:  # the graph lists newest first
        m = article.entry.model
        publisher = graph.actors.get(m.source.publisher)
        byline = ", ".join(m.source.authors)
        where = f"{publisher.model.name if publisher else m.source.publisher}, {m.date.human()}"
        summary = f"{where}{f', by {byline}' if byline else ''}. Status: {m.verification.status}."
        if m.summary:
            summary += "\n\n" + m.summary
        entries.append(
            Entry(
                f"article:{article.id}",
                m.title,
                urls.page_path("article", article.id),
                _day(m.date),
                summary,
                tuple(sorted(set(m.tags))),
            )
        )
    return entries


def status_entries(graph: ArchiveGraph) -> list[Entry]:
    """The newest steps of every leak's status history."""
    entries = []
    for leak_id, entry in graph.leaks.items():
        leak = entry.model
        previous = None
        for number, change in enumerate(leak.status_history, start=1):
            was = f" (was {previous})" if previous and previous != change.status else ""
            title = f"{leak.title}: {change.status}{was}"
            summary = f"Verification status on {change.date.human()}: {change.status}{was}."
            if change.note:
                summary += "\n\n" + change.note
            entries.append(
                Entry(
                    f"leak-status:{leak_id}:{number}",
                    title,
                    urls.page_path("leak", leak_id),
                    _day(change.date),
                    summary,
                    (change.status,),
                    tuple(change.evidence),
                )
            )
            previous = change.status
    entries.sort(key=lambda e: (e.day, e.key), reverse=True)
    return entries[:FEED_ENTRIES]


def _entry_id(key: str) -> str:
    return uuid.uuid5(_NAMESPACE, key).urn


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _rfc822(day: date) -> str:
    return format_datetime(datetime(day.year, day.month, day.day, tzinfo=UTC), usegmt=True)


class _Addresses:
    """Addresses as written in one feed file: relative to it, or absolute with `site_url`."""

    def __init__(self, links: Links, site_url: str | None, feed_file: str):
        self.links, self.site_url, self.feed_file = links, site_url, feed_file

    def __call__(self, path: str) -> str:
        if self.site_url:
            return urls.absolute(self.site_url, self.links.url(path))
        return self.links.link(self.feed_file, path)


def atom(feed: Feed, entries: list[Entry], links: Links, site_url: str | None) -> bytes:
    """An Atom 1.0 feed."""
    path = urls.feed_path(feed.name, "atom")
    address = _Addresses(links, site_url, path)
    updated = max((e.day for e in entries), default=_EPOCH)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>{_entry_id('feed:' + feed.name)}</id>",
        f"  <title>{escape(feed.title)}</title>",
        f"  <subtitle>{escape(feed.description)}</subtitle>",
        f"  <updated>{_stamp(updated)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(address(path))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(address(urls.HOME))}/>',
        f"  <rights>Annotations and data: {urls.LICENCE_TITLE}; article texts belong to their "
        "publishers</rights>",
        "  <author><name>Leak Archive</name></author>",
    ]
    for entry in entries:
        lines += [
            "  <entry>",
            f"    <id>{_entry_id(entry.key)}</id>",
            f"    <title>{escape(entry.title)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(address(entry.page))}/>',
            *(f'    <link rel="related" href={quoteattr(url)}/>' for url in entry.related),
            f"    <published>{_stamp(entry.day)}</published>",
            f"    <updated>{_stamp(entry.day)}</updated>",
            *(f"    <category term={quoteattr(term)}/>" for term in entry.categories),
            f'    <summary type="text">{escape(entry.summary)}</summary>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def rss(feed: Feed, entries: list[Entry], links: Links, site_url: str | None) -> bytes:
    """An RSS 2.0 feed (with Atom's self link, as the RSS Advisory Board recommends)."""
    path = urls.feed_path(feed.name, "rss")
    address = _Addresses(links, site_url, path)
    updated = max((e.day for e in entries), default=_EPOCH)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
        "  <channel>",
        f"    <title>{escape(feed.title)}</title>",
        f"    <link>{escape(address(urls.HOME))}</link>",
        f"    <description>{escape(feed.description)}</description>",
        f'    <atom:link rel="self" type="application/rss+xml" href={quoteattr(address(path))}/>',
        f"    <lastBuildDate>{_rfc822(updated)}</lastBuildDate>",
        f"    <copyright>Annotations and data: {urls.LICENCE_TITLE}; article texts belong to their "
        "publishers</copyright>",
    ]
    for entry in entries:
        lines += [
            "    <item>",
            f"      <title>{escape(entry.title)}</title>",
            f"      <link>{escape(address(entry.page))}</link>",
            f'      <guid isPermaLink="false">{_entry_id(entry.key)}</guid>',
            f"      <pubDate>{_rfc822(entry.day)}</pubDate>",
            *(f"      <category>{escape(term)}</category>" for term in entry.categories),
            f"      <description>{escape(entry.summary)}</description>",
            "    </item>",
        ]
    lines += ["  </channel>", "</rss>"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def feed_links() -> Iterable[tuple[str, str, str]]:
    """(title, media type, site path) of every feed, for the pages' <link rel="alternate">."""
    for feed in FEEDS:
        yield f"{feed.title} (Atom)", "application/atom+xml", urls.feed_path(feed.name, "atom")
        yield f"{feed.title} (RSS)", "application/rss+xml", urls.feed_path(feed.name, "rss")


def feed_files(graph: ArchiveGraph, links: Links, site_url: str | None = None) -> dict[str, bytes]:
    """Every feed, as Atom and RSS, by site path."""
    files = {}
    for feed, entries in zip(FEEDS, (article_entries(graph), status_entries(graph)), strict=True):
        files[urls.feed_path(feed.name, "atom")] = atom(feed, entries, links, site_url)
        files[urls.feed_path(feed.name, "rss")] = rss(feed, entries, links, site_url)
    return files
