"""An article's verbatim text as HTML: paragraphs, quotes and notes highlighted, mentions linked."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

from ..engine.link import LinkedArticle, Span


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


def _nesting_order(r: _Range) -> tuple[int, int, int, str]:
    """Ranges in the order their start tags are written: the outer one first where two start
    together, then the lower rank."""
    return (r.start, -r.end, r.rank, r.key)


def _cut_at_end(first: _Range, overlapping: list[_Range]) -> tuple[list[_Range], list[_Range]]:
    """The ranges starting inside `first`, cut where it ends: the pieces inside it, and the rest
    of those that go on after it."""
    inner, outside = [], []
    for other in overlapping:
        if other.end <= first.end:
            inner.append(other)
        else:
            inside, rest = other.split(first.end)
            inner.append(inside)
            outside.append(rest)
    return inner, outside


def _nest(body: str, ranges: list[_Range], low: int, high: int) -> str:
    """`body[low:high]` with `ranges` (all inside it) as well-formed nested elements.

    Where two ranges cross, one is split: the one of higher rank, so that a quote stays whole
    when a note or a mention crosses it. Each element contains exactly its own text.
    """
    order = _nesting_order
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
        inner, outside = _cut_at_end(first, overlapping)
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
    highlights = [(q.span, "quote", q.anchor) for q in article.quotes]
    highlights += [(n.span, "note", n.anchor) for n in article.annotations]
    paragraphs = []
    placed: set[str] = set()
    for start, end in _paragraphs(body):
        ranges = [
            _highlight(span, kind, anchor, start, end, placed)
            for span, kind, anchor in highlights
            if span.start < end and span.end > start
        ]
        for mention in article.mentions:
            # A mention is linked only when it lies inside one paragraph.
            if start <= mention.span.start and mention.span.end <= end:
                tag = f'<a class="la-mention" href="{escape(actor_url(mention.actor))}">'
                ranges.append(_Range(mention.span.start, mention.span.end, 2, "", tag, tag, "</a>"))
        paragraphs.append("<p>" + _nest(body, ranges, start, end) + "</p>")
    return Markup("\n".join(paragraphs))


def _highlight(span: Span, kind: str, anchor: str, start: int, end: int, placed: set[str]) -> _Range:
    """The piece of a quote's or note's highlight inside the paragraph from `start` to `end`; the
    first piece placed (its anchor not yet in `placed`) carries the anchor's id."""
    # Pagefind counts a quote's words three times: the article quoting them comes before
    # pages that only use them (a how-to's example, a list of an actor's quotes).
    weight = ' data-pagefind-weight="3"' if kind == "quote" else ""
    continued = f'<mark class="la-{kind}" data-anchor="{anchor}"{weight}>'
    opening = continued
    if anchor not in placed:  # the piece where the highlight begins carries the anchor
        placed.add(anchor)
        # Reached by Tab; a screen reader reads the words, then whose they are or the
        # note (the card after the paragraph: see sidenotes.py).
        opening = (
            f'<mark class="la-{kind}" data-anchor="{anchor}"{weight} id="{anchor}" tabindex="0" '
            f'aria-describedby="card-{anchor}-label" aria-details="card-{anchor}">'
        )
    rank = 0 if kind == "quote" else 1
    return _Range(max(start, span.start), min(end, span.end), rank, anchor, opening, continued, "</mark>")


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
