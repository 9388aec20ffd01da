"""Quotes and notes as W3C Web Annotations (JSON-LD), for annotation clients and other archives.

Each article's quotes and notes form one `AnnotationCollection` (`data/annotations/<id>.jsonld`),
and all of them together one more (`data/annotations.jsonld`). Every annotation targets the
article's page and says where its passage is in the archived text (the `text` of the article in
archive.json) twice, as the Web Annotation model advises for re-anchoring: a TextQuoteSelector
(the exact words and up to 32 characters either side, as Hypothesis records them) and a
TextPositionSelector (offsets in Unicode code points). A client that finds the text changed
falls back from the positions to the quote.

Links are relative to each file (JSON-LD resolves them against the file's address), or absolute
once the site's address is known. Each annotation's id is the file's address with the quote's or
note's anchor, the same anchor its highlight has on the article's page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from .. import urls
from ..engine.link import ArchiveGraph, LinkedArticle, Span
from ..urls import Links

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AFFIX = 32
"""Characters of prefix and suffix, as Hypothesis records them: enough to tell repeats apart."""


def selectors(body: str, span: Span) -> list[dict]:
    """The TextQuoteSelector and TextPositionSelector of `span` in `body`."""
    start, end = span.start, span.end
    return [
        {
            "type": "TextQuoteSelector",
            "exact": body[start:end],
            "prefix": body[max(0, start - AFFIX) : start],
            "suffix": body[end : end + AFFIX],
        },
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def _address(links: Links, site_url: str | None, from_file: str, to: str) -> str:
    """The address of page or file `to` as written in the data file `from_file`."""
    if site_url:
        return urls.absolute(site_url, links.url(to))
    return links.link(from_file, to)


def article_annotations(
    article: LinkedArticle, graph: ArchiveGraph, links: Links, from_file: str, site_url: str | None
) -> list[dict]:
    """The article's quotes, then its notes, as Web Annotations."""
    body = article.entry.body
    model = article.entry.model
    page = _address(links, site_url, from_file, urls.page_path("article", article.id))
    own = _address(links, site_url, from_file, urls.annotations_path(article.id))
    language = model.language

    def annotation(anchor: str, motivation: str, span: Span, bodies: list[dict]) -> dict:
        return {
            "id": f"{own}#{anchor}",
            "type": "Annotation",
            "motivation": motivation,
            "body": bodies,
            "target": {
                "source": {"id": page, "type": "Text", "format": "text/html", "language": language},
                "selector": selectors(body, span),
            },
        }

    items = []
    for quote in article.quotes:
        actor = graph.actors.get(quote.speaker)
        speaker = {
            "type": "SpecificResource",
            "purpose": "identifying",
            "source": _address(links, site_url, from_file, urls.page_path("actor", quote.speaker)),
        }
        words = f"Quote {quote.number}: words of {actor.model.name if actor else quote.speaker}"
        bodies = [speaker, {"type": "TextualBody", "purpose": "describing", "value": words,
                            "format": "text/plain", "language": "en"}]  # fmt: skip
        if quote.note:
            bodies.append(_note(quote.note))
        items.append(annotation(quote.anchor, "identifying", quote.span, bodies))
    for note in article.annotations:
        items.append(annotation(note.anchor, "commenting", note.span, [_note(note.note)]))
    return items


def _note(text: str) -> dict:
    return {"type": "TextualBody", "purpose": "commenting", "value": text, "format": "text/markdown",
            "language": "en"}  # fmt: skip


def _collection(collection_id: str, label: str, total: int, lines: list[bytes]) -> bytes:
    """An AnnotationCollection whose one AnnotationPage holds the annotations `lines` (each one
    annotation as JSON), one annotation a line."""
    head = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": total,
        "first": {"id": f"{collection_id}#page-1", "type": "AnnotationPage", "startIndex": 0, "items": []},
    }
    text = json.dumps(head, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    before, after = text.split('"items":[]', 1)
    return (before + '"items":[\n').encode() + b",\n".join(lines) + ("\n]" + after + "\n").encode()


def _line(annotation: dict) -> bytes:
    return json.dumps(annotation, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def article_collection(
    article: LinkedArticle, graph: ArchiveGraph, links: Links, site_url: str | None = None
) -> tuple[bytes, list[bytes]]:
    """An article's AnnotationCollection file, and its annotations one a line (for the whole
    archive's collection)."""
    path = urls.annotations_path(article.id)
    lines = [_line(a) for a in article_annotations(article, graph, links, path, site_url)]
    label = f"Quotes and notes on “{article.entry.model.title}”"
    return _collection(_address(links, site_url, path, path), label, len(lines), lines), lines


def annotation_files(
    collections: Mapping[str, tuple[bytes, list[bytes]]], links: Links, site_url: str | None = None
) -> dict[str, bytes]:
    """Every article's AnnotationCollection, and the whole archive's, by site path, from each
    article's `article_collection` by id.

    The whole archive's file sits in the same folder as the articles' (`urls.ANNOTATIONS`), so
    an annotation's relative addresses are the same in both and it is encoded once.
    """
    files: dict[str, bytes] = {}
    everything: list[bytes] = []
    for article_id in sorted(collections):
        files[urls.annotations_path(article_id)], lines = collections[article_id]
        everything += lines
    whole = _address(links, site_url, urls.ANNOTATIONS, urls.ANNOTATIONS)
    label = "Quotes and notes of the Leak Archive"
    files[urls.ANNOTATIONS] = _collection(whole, label, len(everything), everything)
    return files
