"""Each quote's and note's card placed after the paragraph where its passage begins.

The page keeps reading order without styles or scripts: a paragraph, then the cards of the
passages it holds. On a wide screen the stylesheet and the page's script set each card in the
margin beside its passage; on a narrow one the script opens it from its highlight.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup

from ..engine.link import LinkedArticle, PlacedAnnotation, PlacedQuote

Placed = PlacedQuote | PlacedAnnotation

_FIRST_PIECE = re.compile(r' id="((?:quote|note)-[^"]+)"')
"""The id that only the first piece of a highlight carries (see `text_html`). Contributor text is
escaped, so no '"' of its own can make this match."""


def paragraphs_with_cards(text: Markup, article: LinkedArticle) -> list[tuple[Markup, list[Placed]]]:
    """The paragraphs of `text_html`'s output, each with the quotes and notes beginning in it,
    in the order of the text."""
    placed: dict[str, Placed] = {item.anchor: item for item in _all(article)}
    result = []
    for paragraph in _split(str(text)):
        starting = [placed[anchor] for anchor in _FIRST_PIECE.findall(paragraph) if anchor in placed]
        result.append((Markup(paragraph), starting))
    return result


def _all(article: LinkedArticle) -> Iterable[Placed]:
    yield from article.quotes
    yield from article.annotations


def _split(html: str) -> list[str]:
    """`<p>...</p>` paragraphs joined by new lines: each paragraph alone. A paragraph holds line
    breaks of its own, but never the escaped text '</p>'."""
    parts = html.split("</p>\n<p>")
    if len(parts) == 1:
        return [html] if html else []
    return [parts[0] + "</p>", *(f"<p>{part}</p>" for part in parts[1:-1]), "<p>" + parts[-1]]
