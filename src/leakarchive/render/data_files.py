"""The site's files that are not pages: archive.json (the whole archive, for reuse), the open data
tables (opendata.py), Web Annotations (annotations.py), feeds (feeds.py), the pages at renamed
files' old addresses (redirects.py) and the stylesheet."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from .. import urls
from ..engine.link import ArchiveGraph, LinkedArticle
from . import opendata
from .annotations import annotation_files, article_collection
from .feeds import feed_files
from .opendata import SCHEMA_VERSION
from .pages import RenderOptions
from .redirects import redirect_files


@dataclass(frozen=True)
class ArticleData:
    """What one article adds to the data files, encoded: its rows of the per-article tables, and
    its Web Annotations (its own collection file, and its annotations one a line). A preview keeps
    it for each unchanged article (see site/incremental.py)."""

    rows: opendata.EncodedRows
    annotations: tuple[bytes, list[bytes]]


def article_data(graph: ArchiveGraph, article_id: str, options: RenderOptions) -> ArticleData:
    """An article's part of the data files."""
    article = graph.articles[article_id]
    links, site_url = options.links, options.site_url
    return ArticleData(
        opendata.article_rows(article_id, article, links),
        article_collection(article, graph, links, site_url),
    )


def data_files(graph: ArchiveGraph, options: RenderOptions) -> tuple[dict[str, bytes], dict[str, int]]:
    """Every file of the site that is not a page, by its path in the site, and the number of
    rows of each open data table (for the Data page)."""
    articles = {article_id: article_data(graph, article_id, options) for article_id in graph.articles}
    files, counts = other_files(graph, options, articles)
    return {urls.DATA_JSON: archive_json(graph), **files}, counts


def other_files(
    graph: ArchiveGraph, options: RenderOptions, articles: Mapping[str, ArticleData]
) -> tuple[dict[str, bytes], dict[str, int]]:
    """`data_files` but archive.json, from each article's `article_data` by id. A preview encodes
    again only the edited articles' data and archive.json records (see site/incremental.py)."""
    links, site_url = options.links, options.site_url
    files = {urls.STYLESHEET: stylesheet()}
    rows = {article_id: data.rows for article_id, data in articles.items()}
    tables, counts = opendata.open_data_files(graph, links, site_url, rows)
    files.update(tables)
    collections = {article_id: data.annotations for article_id, data in articles.items()}
    files.update(annotation_files(collections, links, site_url))
    files.update(feed_files(graph, links, site_url))
    files.update(redirect_files(graph, links, site_url))
    return files, counts


def stylesheet() -> bytes:
    """The archive's stylesheet, as shipped in the package."""
    return resources.files("leakarchive.render").joinpath("assets/leakarchive.css").read_bytes()


Section = tuple[str, list[tuple[str, object]]]
"""A section of archive.json: the kind of its records, and each record's id and entry."""


def archive_json(graph: ArchiveGraph) -> bytes:
    """The whole archive as JSON (UTF-8), for reuse: the validated data plus the placed
    annotations. Laid out as `json.dumps(..., sort_keys=True, indent=1)` would, but written one
    record at a time: the whole document as Python objects and one string would take ten times
    its size in memory (see the README, "Performance")."""
    encoded = {name: (record_json(item) for _, item in items) for name, (_, items) in sections(graph).items()}
    return join_archive_json(encoded)


def sections(graph: ArchiveGraph) -> dict[str, Section]:
    """The sections of archive.json, in sorted key order (as sort_keys would write them)."""
    return {
        "actors": ("actor", list(graph.actors.items())),
        "articles": ("article", sorted(graph.articles.items())),
        "leaks": ("leak", list(graph.leaks.items())),
    }


def record_json(item: object) -> bytes:
    """One record of archive.json (an actor or leak entry, or a linked article), encoded."""
    data = _article_data(item) if isinstance(item, LinkedArticle) else _dump(item.model)  # type: ignore[attr-defined]  # else an Entry
    # Strings in JSON hold no raw line breaks, so indenting every line is safe.
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).replace("\n", "\n  ").encode()


def join_archive_json(encoded_sections: Mapping[str, Iterable[bytes]]) -> bytes:
    """archive.json from its sections' encoded records."""
    chunks = [b"{\n"]
    for key, encoded_records in encoded_sections.items():
        chunks.append(f' "{key}": ['.encode())
        count = 0
        for record in encoded_records:
            chunks.append((b",\n  " if count else b"\n  ") + record)
            count += 1
        chunks.append(b"\n ],\n" if count else b"],\n")
    chunks.append(f' "schema_version": {json.dumps(SCHEMA_VERSION)}\n}}\n'.encode())
    return b"".join(chunks)


def _dump(model) -> dict:
    return model.model_dump(mode="json", exclude_none=True)


def _article_data(article: LinkedArticle) -> dict:
    data = _dump(article.entry.model)
    data["text"] = article.entry.body
    data["mentions"] = [
        {"actor": m.actor, "start": m.span.start, "end": m.span.end} for m in article.mentions
    ]
    for placed in article.quotes:
        data["quotes"][placed.number - 1].update(
            anchor=placed.anchor, start=placed.span.start, end=placed.span.end
        )
    return data
