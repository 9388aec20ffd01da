"""Which lines of a page are the article.

The article starts after the headline, at the first line that reads like a paragraph. The lines
before it (the head) are read for the headline, byline, date and credits, then all removed. In
the body, lines are kept whole and in order, except captions, outlet names, advertisements and
links to other stories; from a block that follows the article ("Related", "Latest news") on,
everything goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import PartialDate
from ...text import canonical_body, fold
from .lines import (
    CREDIT,
    SOFT_HEADINGS,
    UPDATED,
    Line,
    authors_in,
    classify,
    end_marker,
    names_only,
    paragraph_like,
    read_date,
    title_like,
    words,
)
from .outlets import Outlets


@dataclass(frozen=True)
class Removed:
    """A line taken out of the page, and why: listed in the draft for the editor to check."""

    line: int  # 1-based, in the input text (plain text) or in the extracted text (HTML)
    text: str
    reason: str


@dataclass
class Cleaned:
    """The article's paragraphs and what the lines around them said."""

    paragraphs: list[str]
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    date_line: str | None = None
    date_note: str = ""  # where the date came from, as the draft says it
    url: str | None = None  # an address pasted above the text ("URL: https://...")
    title_candidates: list[str] = field(default_factory=list)  # lines that could be the headline
    bare_byline: bool = False  # the authors are a line of names beside the headline, without "By"
    credited: list[str] = field(default_factory=list)  # outlet ids credited by the page
    credited_names: dict[str, str] = field(default_factory=dict)  # outlet id -> name as printed
    removed: list[Removed] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The article text as archived: paragraphs separated by one blank line."""
        return canonical_body("\n\n".join(self.paragraphs))

    def remove(self, line: Line, reason: str, text: str | None = None) -> None:
        """Record `line` (or the part `text` of it) as removed, for `reason`."""
        self.removed.append(Removed(line.number, line.text if text is None else text, reason))


@dataclass(frozen=True)
class PageLines:
    """The non-blank lines of a page, classified, with the form they are compared in."""

    lines: list[Line]
    folded: list[str]  # each line's text, typography folded and case ignored
    outlets: Outlets

    @classmethod
    def read(cls, text: str, outlets: Outlets, sitename: str | None) -> PageLines:
        """Split `text` into lines (any line ending) and classify the non-blank ones."""
        lines = [
            classify(number, raw.strip(), outlets, sitename)
            for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)
            if raw.strip()
        ]
        return cls(lines, [fold(line.text).casefold() for line in lines], outlets)

    def captioned(self, index: int) -> bool:
        """Whether an image line is a caption (dropped) rather than a paragraph behind a marker."""
        rest = self.lines[index].rest
        if not rest:
            return True
        core = rest
        credit = CREDIT.match(rest)
        if credit and self.outlets.by_name(credit["credit"]):
            core = credit["rest"]
        key = fold(core).casefold()
        if len(key) >= 20 and any(key in other for i, other in enumerate(self.folded) if i != index):
            return True  # a teaser or caption repeating a line of the article
        return words(core) < 15

    def credit(self, line: Line, result: Cleaned) -> None:
        """Note the outlet an outlet-name line or an image credit names, once."""
        found = line.outlet
        name = line.text
        if line.kind == "image":
            match = CREDIT.match(line.rest)
            found = self.outlets.by_name(match["credit"]) if match else None
            name = match["credit"] if match else ""
        if found and found not in result.credited:
            result.credited.append(found)
            result.credited_names[found] = name


def clean_lines(
    text: str,
    outlets: Outlets,
    *,
    title_hint: str | None = None,
    sitename: str | None = None,
) -> Cleaned:
    """Find the article in the lines of a page; keep its lines whole and in order."""
    page = PageLines.read(text, outlets, sitename)
    result = Cleaned(paragraphs=[])
    start = _article_start(page, title_hint)
    result.title = title_hint or _headline(page, start)
    result.title_candidates = _candidates(page, start, result.title)
    _read_head(page, start, result)
    _keep_body(page, start, result)
    if result.date is None and result.paragraphs:
        _date_from_dateline(result)
    return result


def _date_from_dateline(result: Cleaned) -> None:
    """Wire copy dates its first paragraph: "DUBAI, July 21 2015 (Example Wire) - Iran on..."."""
    opening = " ".join(result.paragraphs[0].split()[:8])
    found = read_date(opening)
    if found:
        result.date, result.date_line = found.date, opening
        result.date_note = f"{found.note()}, in the dateline of the first paragraph"


def _article_start(page: PageLines, title_hint: str | None) -> int:
    """Where the article starts: after the headline, at the first line that reads like a paragraph."""
    lines = page.lines
    search_from = 0
    if title_hint:
        hint = fold(title_hint).casefold()
        search_from = next((i + 1 for i, f in enumerate(page.folded) if f == hint), 0)
    start = next(
        (
            i
            for i in range(search_from, len(lines))
            if (lines[i].kind == "text" and paragraph_like(lines[i].text))
            or (lines[i].kind == "image" and paragraph_like(lines[i].rest) and not page.captioned(i))
        ),
        None,
    )
    if start is None:
        start = next((i for i in range(search_from, len(lines)) if lines[i].kind == "text"), len(lines))
    return start


def _headline(page: PageLines, start: int) -> str | None:
    """The nearest line above the article that could be a headline; not a line of names
    (a byline without "By") when a headline stands just above it."""
    candidates = [
        i for i in range(start - 1, -1, -1) if page.lines[i].kind == "text" and title_like(page.lines[i].text)
    ]
    if not candidates:
        return None
    first = candidates[0]
    if names_only(page.lines[first].text) and len(candidates) > 1 and candidates[1] >= first - 2:
        first = candidates[1]
    return page.lines[first].text


def _candidates(page: PageLines, start: int, title: str | None) -> list[str]:
    """Lines above the article that could be its headline, nearest first (for the draft)."""
    return [
        page.lines[i].text
        for i in range(start - 1, -1, -1)
        if page.lines[i].kind == "text" and title_like(page.lines[i].text) and page.lines[i].text != title
    ][:5]


def _read_head(page: PageLines, start: int, result: Cleaned) -> None:
    """The lines before the article: byline, date and credits are read, then every line removed."""
    title_key = fold(result.title).casefold() if result.title else None
    bylined = any(page.lines[index].kind == "byline" for index in range(start))
    for index in range(start):
        line = page.lines[index]
        reason = "before the article"
        if title_key and page.folded[index] == title_key:
            reason = "the headline"
        elif line.kind == "byline":
            reason = "byline"
            if not result.authors:
                result.authors = authors_in(line.rest)
            if line.when and result.date is None:
                _take_date(result, line.when, line.text)
        elif line.kind == "date":
            reason = "date"
            if result.date is None and not UPDATED.search(line.text):
                _take_date(result, line.text, line.text)
        elif (
            not bylined and line.kind == "text" and _beside(page, index, title_key) and names_only(line.text)
        ):
            reason = "byline (names beside the headline)"
            result.authors, result.bare_byline = authors_in(line.text), True
        elif line.kind == "url":
            reason = "the page's address"
            result.url = result.url or line.rest
        elif line.kind == "filing":
            reason = "filing or category line"
        elif line.kind == "clutter":
            reason = "page clutter"
        elif line.kind == "bullet":
            reason = "summary bullet"
        elif line.kind == "outlet":
            reason = "outlet name"
            page.credit(line, result)
        elif line.kind == "image":
            reason = "image caption"
            page.credit(line, result)
        result.remove(line, reason)


def _take_date(result: Cleaned, text: str, line: str) -> None:
    found = read_date(text)
    if found:
        result.date, result.date_line = found.date, line
        result.date_note = f"{found.note()}, in the line {line[:60]!r}"


def _beside(page: PageLines, index: int, title_key: str | None) -> bool:
    """Whether the line at `index` is next to the headline."""
    return bool(title_key) and any(
        0 <= other < len(page.folded) and page.folded[other] == title_key for other in (index - 1, index + 1)
    )


def _keep_body(page: PageLines, start: int, result: Cleaned) -> None:
    """The body: whole lines kept, except captions, outlet names, ads and links to other stories."""
    lines = page.lines
    index = start
    while index < len(lines):
        line = lines[index]
        marker = end_marker(line.text) if line.kind in ("text", "clutter", "promo") else None
        if marker and marker not in SOFT_HEADINGS:
            rest = len(lines) - index - 1
            more = f" and the {rest} line{'s' if rest != 1 else ''} after it" if rest else ""
            result.remove(line, f'"{marker}" block{more}')
            return
        if marker:  # "Read more" and the headlines under it, up to the next paragraph
            index = _skip_links(lines, index, result)
            continue
        _keep_or_remove(page, index, result)
        index += 1


def _skip_links(lines: list[Line], index: int, result: Cleaned) -> int:
    """Remove a "Read more" line and the headlines under it; the index of the next paragraph."""
    result.remove(lines[index], "links to other articles")
    index += 1
    while index < len(lines) and not paragraph_like(lines[index].text):
        result.remove(lines[index], "links to other articles")
        index += 1
    return index


def _keep_or_remove(page: PageLines, index: int, result: Cleaned) -> None:
    """One line of the body: a paragraph kept, or clutter removed with its reason."""
    line = page.lines[index]
    if line.kind == "image":
        page.credit(line, result)
        if page.captioned(index):
            result.remove(line, "image caption")
        else:
            marker_text = line.text[: len(line.text) - len(line.rest)]
            result.remove(line, "image marker before a paragraph", marker_text)
            result.paragraphs.append(line.rest)
    elif line.kind == "outlet":
        page.credit(line, result)
        result.remove(line, "outlet name")
    elif line.kind == "clutter":
        result.remove(line, "page clutter")
    elif line.kind == "promo":
        result.remove(line, "link to another article")
    elif line.kind == "filing":
        result.remove(line, "filing or category line")
    elif line.kind == "url":
        result.remove(line, "an address")
    elif line.kind == "byline":
        result.remove(line, "byline or sign-off")
        result.authors = result.authors or authors_in(line.rest)
    else:
        result.paragraphs.append(line.text)
