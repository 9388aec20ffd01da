"""The site's files that are not pages: archive.json (the whole archive, for reuse), the open data
tables (opendata.py), Web Annotations (annotations.py), feeds (feeds.py), the pages at renamed
files' old addresses (redirects.py) and the stylesheet."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from importlib import resources
from typing import Any

from .. import urls
from ..engine.link import ArchiveGraph, LinkedArticle
from . import opendata
from .annotations import annotation_files
from .feeds import feed_files
from .opendata import SCHEMA_VERSION
from .pages import RenderOptions
from .redirects import redirect_files


def data_files(
    graph: ArchiveGraph,
    options: RenderOptions,
    memo: dict[tuple[str, str], tuple[object, bytes]] | None = None,
) -> tuple[dict[str, bytes], dict[str, int]]:
    """Every file of the site that is not a page, by its path in the site, and the number of
    rows of each open data table (for the Data page)."""
    links, site_url = options.links, options.site_url
    files = {urls.DATA_JSON: archive_json(graph, memo), urls.STYLESHEET: stylesheet()}
    tables, counts = opendata.open_data_files(graph, links, site_url)
    files.update(tables)
    files.update(annotation_files(graph, links, site_url))
    files.update(feed_files(graph, links, site_url))
    files.update(redirect_files(graph, links, site_url))
    return files, counts


def stylesheet() -> bytes:
    """The archive's stylesheet, as shipped in the package."""
    return resources.files("leakarchive.render").joinpath("assets/leakarchive.css").read_bytes()


def archive_json(
    graph: ArchiveGraph, memo: dict[tuple[str, str], tuple[object, bytes]] | None = None
) -> bytes:
    """The whole archive as JSON (UTF-8), for reuse: the validated data plus the placed
    annotations. Laid out as `json.dumps(..., sort_keys=True, indent=1)` would, but written one
    record at a time: the whole document as Python objects and one string would take ten times
    its size in memory (see the README, "Performance")."""

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

    def records(kind: str, items: Iterable[tuple[str, Any]], data: Callable[[Any], dict]):
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
