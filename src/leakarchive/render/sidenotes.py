"""Each quote's and note's card placed after the paragraph where its passage begins.

The page keeps reading order without styles or scripts: a paragraph, then the cards of the
passages it holds. On a wide screen the stylesheet and the page's script set each card in the
margin beside its passage; on a narrow one the script opens it from its highlight.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..engine.link import LinkedArticle, PlacedAnnotation, PlacedQuote
from ..model import Leak

Placed = PlacedQuote | PlacedAnnotation

_FIRST_PIECE = re.compile(r' id="((?:quote|note)-[^"]+)"')
"""The id that only the first piece of a highlight carries (see `text_html`). Contributor text is
escaped, so no '"' of its own can make this match."""


def with_cards(text: Markup, article: LinkedArticle, card: Callable[[Placed], str]) -> Markup:
    """`text_html`'s paragraphs, each followed by the cards of the quotes and notes beginning in
    it, in the order of the text."""
    placed: dict[str, Placed] = {item.anchor: item for item in _all(article)}
    out = []
    for paragraph in _split(str(text)):
        out.append(paragraph)
        out.extend(card(placed[anchor]) for anchor in _FIRST_PIECE.findall(paragraph) if anchor in placed)
    return Markup("\n".join(out))


@dataclass(frozen=True)
class Cards:
    """Makes the card of a quote or note, with the links of the page it stands on.

    Written in Python rather than as a template macro: an archive has several per article, and a
    Jinja macro call costs more than the card's whole text.
    """

    actor_link: Callable[[str], str]
    leak_link: Callable[[str], str]
    actor_name: Callable[[str], str]
    leak: Callable[[str], Leak]
    status_badge: Callable[[str], str]
    prose: Callable[[str | None], Markup]

    def __call__(self, item: Placed) -> str:
        anchor = item.anchor
        tools = (
            f'<p class="la-side__tools"><a class="la-permalink" href="#{anchor}">Link<span '
            f'class="la-visually-hidden"> to this {{kind}}</span></a> <a href="#cite-{anchor}">Cite<span '
            f'class="la-visually-hidden"> this {{kind}}</span></a></p></div>'
        )
        # Left out of the search indexes: the lists after the text hold the same words.
        opening = (
            f'<div class="la-side la-side--{{kind}}" role="note" id="card-{anchor}" data-for="{anchor}" '
        )
        opening += 'dir="auto" data-search-exclude data-pagefind-ignore '
        if isinstance(item, PlacedAnnotation):
            return (
                opening.format(kind="note")
                + f'aria-label="Note"><p class="la-side__kind">Note</p><div class="la-side__note" '
                f'id="card-{anchor}-label">{self.prose(item.note)}</div>' + tools.format(kind="note")
            )
        name = escape(self.actor_name(item.speaker))
        parts = [
            opening.format(kind="quote") + f'aria-label="Quote by {name}">',
            f'<p class="la-side__who" id="card-{anchor}-label">— '
            f'<a href="{escape(self.actor_link(item.speaker))}">{name}</a></p>',
        ]
        if item.leak:
            leak = self.leak(item.leak)
            parts.append(
                f'<p class="la-side__leak">From <a href="{escape(self.leak_link(item.leak))}">'
                f"{escape(leak.title)}</a> {self.status_badge(leak.status)}</p>"
            )
        if item.note:
            parts.append(f'<div class="la-side__note">{self.prose(item.note)}</div>')
        parts.append(tools.format(kind="quote"))
        return "".join(parts)


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
