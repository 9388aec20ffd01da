"""`leakarchive import`: a saved web page (HTML) or copied page text -> an article draft.

The draft is an article file like any other (`leakarchive validate` reads it): the verbatim text
below the front matter, its checksum, and every field the page shows (title, date, publisher,
authors, language), each with a comment saying where it came from. What needs an editor's
judgement is left in comments: the actors of the archive that the text names, candidate quotes
with the speaker named nearby, and every line removed from the page as clutter.

Getting the article out of the page:

- HTML goes through trafilatura, a maintained main-text extractor, which drops navigation,
  bylines, figure captions, asides, comment threads and footers. It works on the saved file
  alone and makes no network request. Its whitespace and control-character cleaning would also
  delete the zero-width non-joiner (U+200C) that Persian spelling needs ("می‌دهد" would become
  "میدهد"), so that character and the zero-width joiner are swapped for placeholder letters
  before extraction and restored after it.
- Plain text (what a reader gets by selecting a page and copying it) gets a careful heuristic,
  the same one that cleans up trafilatura's output: the lines before the article (site header,
  breadcrumbs, headline, byline, date, captions) go; inside it, "Image..." captions, lone
  outlet-name lines, advertisement markers and "Read more: ..." links go; from a "Latest news",
  "Must read", "You might also like" or "Related" block on, everything goes.

Lines are only ever kept whole or removed whole (an "Image" marker glued to the front of a
paragraph is the one thing cut from a kept line): no word of the article is changed or moved.
Paragraphs are separated by one blank line, as in every archived article.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from ..engine.link import MentionFinder
from ..model import Actor, PartialDate, check_http_url, slugify
from ..text import AnchorError, canonical_body, find_passage, fold, normalize
from .scaffold import (
    ArticleDraft,
    ScaffoldError,
    Via,
    archive_path,
    article_id,
    check_id,
    checked_option,
    comment_text,
    make_id,
    parse_date,
    write_new,
    yaml_str,
)

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml"})
MAX_INPUT_BYTES = 20 * 1024 * 1024
LANGUAGE_SURE = 0.9
"""Below this confidence the draft says the detected language is uncertain."""

# --- what a line of a page is ---------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?؟。…:;]['\"’”»)\]]*$|['\"’”»]$")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)$")
_IMAGE = re.compile(r"^(?:Photograph|Picture|Image|Photo)(?:\s*:\s*|(?=[A-Z0-9\"“‘«(\[])|$)")
_CREDIT = re.compile(r"^(?P<credit>[^:.]{2,60}):\s*(?P<rest>\S.*)$")
_BYLINE = re.compile(
    r"^(?:By|BY|Por|POR|Written by)\s+(?P<names>\S.{0,150})$"
    r"|^(?:نویسنده|بقلم|كتب)\s*:?\s*(?P<rtl>\S.{0,150})$"
)
_ROLE = re.compile(
    r"\b(?:staff|writer|correspondent|reporter|editor|bureau|contributor|redacci[oó]n)\b", re.I
)
_UPDATED = re.compile(r"\b(?:updated|modified|actualizado|edited)\b", re.I)
_CLUTTER = frozenset(
    {
        "advertisement", "advertising", "sponsored", "sponsored content", "skip advertisement",
        "continue reading the main story", "continue reading", "story continues below advertisement",
        "share", "share this", "share this article", "share this story", "print", "email", "tweet",
        "publicidad", "anuncio", "تبلیغات", "آگهی", "إعلان",
    }
)  # fmt: skip
_PROMO = re.compile(
    r"^(?:read more|read also|also read|see also|related|more|watch|listen|lee también|leer más|"
    r"ver también|te puede interesar|بیشتر بخوانید|بخوانید|ببینید|اقرأ أيضا|اقرأ أيضاً|شاهد أيضا)\s*:",
    re.I,
)
_SOFT_HEADINGS = ("read more", "see also", "also read", "lee también", "بیشتر بخوانید", "اقرأ أيضا")
END_MARKERS = tuple(
    sorted(
        {
            # English
            "latest news", "latest stories", "latest", "must read", "must-read", "you might also like",
            "you may also like", "you may be interested in", "related", "related articles",
            "related stories", "related news", "related posts", "related content", "related topics",
            "more from", "more stories", "more on this story", "most read", "most popular", "most viewed",
            "recommended", "recommended for you", "trending", "comments", "leave a comment",
            "leave a reply", "topics", "tags", "about the author",
            # Spanish
            "últimas noticias", "noticias relacionadas", "relacionados", "relacionadas", "lo más leído",
            "lo más visto", "te puede interesar", "también te puede interesar", "comentarios", "etiquetas",
            # Persian
            "آخرین اخبار", "اخبار مرتبط", "مطالب مرتبط", "مطالب پیشنهادی", "پربازدیدترین", "پربازدیدها",
            "برچسب‌ها", "برچسب ها", "نظرات",
            # Arabic
            "آخر الأخبار", "أحدث الأخبار", "أخبار ذات صلة", "مواضيع ذات صلة", "مقالات ذات صلة",
            "الأكثر قراءة", "الأكثر مشاهدة", "قد يعجبك أيضا", "التعليقات", "الوسوم",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
"""Headings of the blocks that follow an article on a news page: the article ends before them."""

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "أيلول": 9,
}  # fmt: skip
"""Gregorian month names (English, Spanish, Arabic). Solar Hijri dates are not read: give --date."""
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(r"\b(?P<mn>[^\W\d_]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b"),
    re.compile(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:de\s+)?(?P<mn>[^\W\d_]{3,10})\.?,?\s+(?:de\s+)?(?P<y>\d{4})\b"
    ),
    re.compile(r"(?<!\d\s)(?<!\sde\s)\b(?P<mn>[^\W\d_]{3,10})\.?\s+(?:de\s+)?(?P<y>\d{4})\b"),
)


def find_date(text: str) -> PartialDate | None:
    """The first date written in `text`, at the precision written (a month stays a month)."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = _MONTHS.get(groups["mn"].lower()) if groups.get("mn") else int(groups["m"])
            if not month:
                continue
            parts = [f"{int(groups['y']):04d}", f"{month:02d}"]
            parts += [f"{int(groups['d']):02d}"] if groups.get("d") else []
            try:
                return PartialDate.parse("-".join(parts))
            except ValueError:
                continue
    return None


def _words(text: str) -> int:
    return len(text.split())


def paragraph_like(text: str) -> bool:
    """A line that reads like a paragraph of an article, not a heading, a link or a teaser."""
    if _TRUNCATED.search(text):
        return False
    words = _words(text)
    return words >= 25 or (words >= 10 and bool(_SENTENCE_END.search(text)))


def title_like(text: str) -> bool:
    """A line that could be a headline."""
    return 2 <= _words(text) <= 30 and not _TRUNCATED.search(text) and not text.endswith(":")


def _key(text: str) -> str:
    """How names and markers are compared: typography folded, case ignored, a leading 'the' dropped."""
    key = fold(text).casefold().strip(" :|-")
    return key[4:] if key.startswith("the ") else key


def end_marker(line: str) -> str | None:
    """The heading, if `line` opens a block that follows the article ("Latest news", "Related"...)."""
    for marker in END_MARKERS:
        match = re.match(re.escape(marker).replace(r"\ ", r"\s+"), line, re.I)
        if not match:
            continue
        rest = line[match.end() :]
        if not rest.strip() or rest.lstrip()[0] in ":|-–—»›>(" or rest[0].isupper() or rest[0].isdigit():
            return marker  # "Related", "Comments (2)", "Tags: ...", "You might also likeRELATED"
        # "More from The Example Chronicle"; but one word is too little to tell "Latest" (the
        # heading) from "Latest developments" (a subheading of the article).
        if " " in marker and _words(rest) <= 3 and not _SENTENCE_END.search(rest):
            return marker
    return None


# --- outlets known to the archive -----------------------------------------------------------


class Outlets:
    """The archive's outlets, found by name or alias, and by the host of an address in `links`."""

    def __init__(self, actors: Iterable[Actor]):
        self.names: dict[str, str] = {}
        hosts: dict[str, set[str]] = {}
        self.display: dict[str, str] = {}
        for actor in actors:
            self.display[actor.id] = actor.name
            if actor.kind != "outlet":
                continue
            for name in (actor.name, *actor.aliases):
                self.names.setdefault(_key(name), actor.id)
            for link in actor.links:
                hosts.setdefault(_host(link), set()).add(actor.id)
        # A host shared by two outlets (an encyclopaedia both link to) says nothing.
        self.hosts = {host: ids.pop() for host, ids in hosts.items() if len(ids) == 1 and host}

    def by_name(self, text: str | None) -> str | None:
        """The outlet's id if `text` is its name or an alias ("New York Times" finds "The ...")."""
        return self.names.get(_key(text)) if text else None

    def by_url(self, url: str | None) -> str | None:
        """The outlet whose site serves `url`, or None."""
        host = _host(url) if url else ""
        while host:
            if host in self.hosts:
                return self.hosts[host]
            host = host.partition(".")[2] if host.count(".") > 1 else ""
        return None


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


# --- cleaning the lines of a page ------------------------------------------------------------


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
    credited: list[str] = field(default_factory=list)  # outlet ids credited by the page
    credited_names: dict[str, str] = field(default_factory=dict)  # outlet id -> name as printed
    removed: list[Removed] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The article text as archived: paragraphs separated by one blank line."""
        return canonical_body("\n\n".join(self.paragraphs))


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    kind: str  # text | image | outlet | byline | date | clutter | promo
    rest: str = ""  # for images: the text after the marker
    outlet: str | None = None


def clean_lines(
    text: str,
    outlets: Outlets,
    *,
    title_hint: str | None = None,
    sitename: str | None = None,
) -> Cleaned:
    """Find the article in the lines of a page; keep its lines whole and in order."""
    lines = [
        _classify(number, raw.strip(), outlets, sitename)
        for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)
        if raw.strip()
    ]
    folded = [fold(line.text).casefold() for line in lines]
    result = Cleaned(paragraphs=[])

    def captioned(index: int) -> bool:
        """Whether an image line is a caption (dropped) rather than a paragraph behind a marker."""
        rest = lines[index].rest
        if not rest:
            return True
        core = rest
        credit = _CREDIT.match(rest)
        if credit and outlets.by_name(credit["credit"]):
            core = credit["rest"]
        key = fold(core).casefold()
        if len(key) >= 20 and any(key in other for i, other in enumerate(folded) if i != index):
            return True  # a teaser or caption repeating a line of the article
        return _words(core) < 15

    def credit(line: _Line) -> None:
        found = line.outlet
        name = line.text
        if line.kind == "image":
            match = _CREDIT.match(line.rest)
            found = outlets.by_name(match["credit"]) if match else None
            name = match["credit"] if match else ""
        if found and found not in result.credited:
            result.credited.append(found)
            result.credited_names[found] = name

    # Where the article starts: after the headline, at the first line that reads like a paragraph.
    search_from = 0
    if title_hint:
        hint = fold(title_hint).casefold()
        search_from = next((i + 1 for i, f in enumerate(folded) if f == hint), 0)
    start = next(
        (
            i
            for i in range(search_from, len(lines))
            if (lines[i].kind == "text" and paragraph_like(lines[i].text))
            or (lines[i].kind == "image" and paragraph_like(lines[i].rest) and not captioned(i))
        ),
        None,
    )
    if start is None:
        start = next((i for i in range(search_from, len(lines)) if lines[i].kind == "text"), len(lines))

    # The head: headline, byline, date and credits are read, then every line of it is removed.
    title = title_hint
    if not title:
        title = next(
            (
                lines[i].text
                for i in range(start - 1, -1, -1)
                if lines[i].kind == "text" and title_like(lines[i].text)
            ),
            None,
        )
    result.title = title
    title_key = fold(title).casefold() if title else None
    for index in range(start):
        line = lines[index]
        reason = "before the article"
        if title_key and folded[index] == title_key:
            reason = "the headline"
        elif line.kind == "byline":
            reason = "byline"
            if not result.authors:
                result.authors = _authors(line.rest)
        elif line.kind == "date":
            reason = "date"
            if result.date is None and not _UPDATED.search(line.text):
                result.date, result.date_line = find_date(line.text), line.text
        elif line.kind == "outlet":
            reason = "outlet name"
            credit(line)
        elif line.kind == "image":
            reason = "image caption"
            credit(line)
        result.removed.append(Removed(line.number, line.text, reason))

    # The body: whole lines kept, except captions, outlet names, ads and links to other stories.
    index = start
    while index < len(lines):
        line = lines[index]
        marker = end_marker(line.text) if line.kind in ("text", "clutter", "promo") else None
        if marker and marker not in _SOFT_HEADINGS:
            rest = len(lines) - index - 1
            more = f" and the {rest} line{'s' if rest != 1 else ''} after it" if rest else ""
            result.removed.append(Removed(line.number, line.text, f'"{marker}" block{more}'))
            break
        if marker:  # "Read more" and the headlines under it, up to the next paragraph
            result.removed.append(Removed(line.number, line.text, "links to other articles"))
            index += 1
            while index < len(lines) and not paragraph_like(lines[index].text):
                result.removed.append(
                    Removed(lines[index].number, lines[index].text, "links to other articles")
                )
                index += 1
            continue
        if line.kind == "image":
            credit(line)
            if captioned(index):
                result.removed.append(Removed(line.number, line.text, "image caption"))
            else:
                marker_text = line.text[: len(line.text) - len(line.rest)]
                result.removed.append(Removed(line.number, marker_text, "image marker before a paragraph"))
                result.paragraphs.append(line.rest)
        elif line.kind == "outlet":
            credit(line)
            result.removed.append(Removed(line.number, line.text, "outlet name"))
        elif line.kind == "clutter":
            result.removed.append(Removed(line.number, line.text, "page clutter"))
        elif line.kind == "promo":
            result.removed.append(Removed(line.number, line.text, "link to another article"))
        else:
            result.paragraphs.append(line.text)
        index += 1
    return result


def _classify(number: int, text: str, outlets: Outlets, sitename: str | None) -> _Line:
    image = _IMAGE.match(text)
    if image:
        return _Line(number, text, "image", rest=text[image.end() :].strip())
    outlet = outlets.by_name(text)
    if outlet or (sitename and _key(text) == _key(sitename)):
        return _Line(number, text, "outlet", outlet=outlet)
    key = _key(text)
    if key.strip(".!") in _CLUTTER:
        return _Line(number, text, "clutter")
    if _PROMO.match(text) and _words(text) <= 25:
        return _Line(number, text, "promo")
    byline = _BYLINE.match(text)
    if byline and _words(text) <= 15 and not text.endswith("."):
        return _Line(number, text, "byline", rest=byline["names"] or byline["rtl"])
    if _words(text) <= 14 and not paragraph_like(text) and find_date(text):
        return _Line(number, text, "date")
    return _Line(number, text, "text")


def _authors(names: str) -> list[str]:
    parts = re.split(r"\s*[,;|]\s*|\s+(?:and|y|و)\s+|\s*&\s*", names.strip())
    return [p.strip() for p in parts if p.strip() and not _ROLE.search(p) and not find_date(p)]


# --- HTML -----------------------------------------------------------------------------------

_NOT_AUTHORS = frozenset({"admin", "administrator", "editor", "staff", "redacción", "webmaster"})
"""Names content systems put in the author field that are no byline."""
_JOINERS = {"\u200c": "\ua66e", "\u200d": "\ua66d"}
"""Zero-width (non-)joiners, which trafilatura deletes, and the letters that stand in for them."""


@dataclass
class Page:
    """What a saved page gave: its lines of text and its metadata."""

    text: str
    kind: str  # "HTML" or "plain text"
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    date_source: str = ""
    sitename: str | None = None
    url: str | None = None  # the page's own (canonical) address
    lang: str | None = None  # the page's lang attribute


def read_html(raw: bytes, url: str | None = None) -> Page:
    """Extract the main text and metadata of a saved HTML page, offline."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(raw)
    if tree is None:
        raise ScaffoldError("cannot read the file as HTML")
    protect = not any(stand_in in raw.decode("utf-8", "replace") for stand_in in _JOINERS.values())
    if protect:
        _swap(tree, _JOINERS)
    published, source = _structured_date(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not (document.text or "").strip():
        raise ScaffoldError("found no article text in the page")
    back = {stand_in: char for char, stand_in in _JOINERS.items()} if protect else {}

    def restore(text: str | None) -> str | None:
        for stand_in, char in back.items():
            text = text.replace(stand_in, char) if text else text
        return text

    if published is None and document.date:
        published = _iso_date(document.date)
        source = "guessed by htmldate from the page: keep only as much of it as the page shows"
    lang = tree.get("lang") or None
    return Page(
        text=restore(document.text) or "",
        kind="HTML",
        title=restore(document.title),
        authors=[
            a.strip()
            for a in (restore(document.author) or "").split(";")
            if a.strip() and a.strip().casefold() not in _NOT_AUTHORS
        ],
        date=published,
        date_source=source,
        sitename=restore(document.sitename),
        url=document.url if document.url and re.match(r"https?://", document.url) else None,
        lang=lang.split("-")[0].lower() if lang else None,
    )


def _swap(tree, table: dict[str, str]) -> None:
    def swap(text: str) -> str:
        for old, new in table.items():
            text = text.replace(old, new)
        return text

    for element in tree.iter():
        if isinstance(element.text, str):
            element.text = swap(element.text)
        if isinstance(element.tail, str):
            element.tail = swap(element.tail)
        for name, value in element.attrib.items():
            element.set(name, swap(value))


_META_DATES = (
    "article:published_time", "og:article:published_time", "datepublished", "date", "pubdate",
    "publishdate", "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.created",
    "dcterms.issued", "sailthru.date", "parsely-pub-date",
)  # fmt: skip


def _iso_date(text: str) -> PartialDate | None:
    """The date at the start of an ISO 8601 value, at the precision it has ('2021-05' stays a month)."""
    match = re.match(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])", text)
    if not match:
        return None
    try:
        return PartialDate.parse("-".join(g for g in match.groups() if g))
    except ValueError:
        return None


def _structured_date(tree) -> tuple[PartialDate | None, str]:
    """The publication date the page states in its metadata, as precisely as stated."""
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in _META_DATES:
            found = _iso_date(meta.get("content") or "")
            if found:
                return found, f"from the page's metadata ({name})"
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _json_objects(data):
            value = item.get("datePublished")
            found = _iso_date(value) if isinstance(value, str) else None
            if found:
                return found, "from the page's metadata (JSON-LD datePublished)"
    for element in tree.iter("time"):
        if element.get("itemprop") == "datePublished" or element.get("pubdate") is not None:
            found = _iso_date(element.get("datetime") or "")
            if found:
                return found, "from the page's <time> element"
    return None, ""


def _json_objects(data: object) -> Iterable[dict]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(reversed(item))


def read_input(raw: bytes, name: str, url: str | None) -> Page:
    """Read a saved page: HTML (also a saved .mhtml) or copied plain text (UTF-8)."""
    if len(raw) > MAX_INPUT_BYTES:
        raise ScaffoldError(f"expected a page of at most {MAX_INPUT_BYTES:,} bytes, found {len(raw):,}")
    head = raw[:4096].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith((b"from:", b"mime-version:")) and b"multipart/related" in head:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
        if part is None:
            raise ScaffoldError(f"found no HTML inside {name}")
        return read_html(part.get_payload(decode=True), url)
    if Path(name).suffix.lower() in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html", b"<?xml")):
        return read_html(raw, url)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScaffoldError(f"expected UTF-8 text or HTML in {name}") from None
    if re.search(r"<(?:p|div|body|article)\b[^>]*>", text[:4096], re.I):
        return read_html(raw, url)
    return Page(text=text, kind="plain text")


# --- language -------------------------------------------------------------------------------


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float, list[tuple[str, float]]]:
    """The language of `text` (ISO 639 code), the confidence, and the runners-up."""
    ranked = _identifier().rank(text)
    best, confidence = ranked[0]
    return best, float(confidence), [(lang, float(score)) for lang, score in ranked[1:3]]


# --- quotes ---------------------------------------------------------------------------------

_PAIRS = {"“": "”", "«": "»", '"': '"'}
_QUOTE_MARKS = '“”«»"'
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Gen|Col|Prof|Sen|Rep|Sr|Sra|Ayatollah|President|Minister|Sheikh)\.?"
_CAP = r"[A-ZÁÉÍÓÚÑ][\w’'.\-]*"
_NAME = rf"(?:{_HONORIFIC}\s+)?{_CAP}(?:\s+(?:(?:al|el|bin|ibn|de|del|van|von|da)[-\s])?{_CAP}){{0,3}}"
_VERB = (
    r"(?:said|says|added|adds|wrote|writes|told\s+[\w\s.]{1,40}?|explained|noted|argued|insisted|"
    r"warned|declared|stated|continued|dijo|afirmó|añadió|agregó|señaló|declaró|aseguró|explicó)"
)
_DESCRIBED = (
    r"(?i:one\s+of\s+the|uno\s+de\s+los|una\s+de\s+las|the|a|an|el|la|los|las)\s+[\w-]+(?:\s+[\w-]+)?"
)
_AFTER_VERB_NAME = re.compile(rf"^\s*,?\s*{_VERB}\s+(?P<who>{_DESCRIBED}|{_NAME})")
_AFTER_NAME_VERB = re.compile(rf"^\s*,?\s*(?P<who>{_DESCRIBED}|{_NAME}|[Hh]e|[Ss]he|[Tt]hey)\s+{_VERB}\b")
_BEFORE_NAME_VERB = re.compile(rf"(?P<who>{_NAME})\s*,?[^“”\"«»]{{0,80}}?\s{_VERB}\s*[:,]?\s*$")
_PERSON = re.compile(rf"{_NAME}")
_SAID_WORDS = re.compile(
    r"\b(?:said|says|told|added|wrote|stated|declared|dijo|afirmó|añadió|declaró)\b"
    r"|گفت|افزود|اظهار|تصریح|قال|قالت|أضاف|أضافت|صرح|صرّح"
)
_STOP_NAMES = frozenset(
    re.findall(
        r"\w+",
        "A An The In On At But And Or So Yet If As For Of To From By With When While After Before "
        "Since This That These Those It He She They We I You Monday Tuesday Wednesday Thursday Friday "
        "Saturday Sunday January February March April May June July August September October November "
        "December El La Los Las En",
    )
)
"""Capitalised words that start sentences but never a name."""


_GOES_ON = " (the quotation goes on)"


@dataclass(frozen=True)
class Speaker:
    """Who a candidate quote is attributed to, as far as the text around it says."""

    actor: str | None  # an actor id of the archive
    label: str  # how the text names the speaker ("said Abbas Milani", "the note said")
    suggested: str | None = None  # an id for a speaker not yet in the archive
    name: str | None = None  # that speaker's name, as the text gives it


@dataclass(frozen=True)
class CandidateQuote:
    """Text between quotation marks, with its speaker if one is named nearby."""

    text: str
    speaker: Speaker | None
    prefix: str | None = None  # set when the words occur more than once


def find_quotes(body: str, finder: MentionFinder) -> list[CandidateQuote]:
    """Every run of text between quotation marks, paragraph by paragraph, with its speaker."""
    found: list[CandidateQuote] = []
    haystack = normalize(body)
    for paragraph in re.split(r"\n\s*\n", body):
        spans = _quote_spans(paragraph)
        mentions = [
            m
            for m in finder.find(normalize(paragraph))
            if not any(start <= m.span.start < end for start, end in spans)
        ]
        previous: Speaker | None = None
        for number, (start, end) in enumerate(spans):
            text = paragraph[start + 1 : end - 1]
            if not text.strip():
                continue
            before = paragraph[spans[number - 1][1] if number else 0 : start]
            after = paragraph[end : spans[number + 1][0] if number + 1 < len(spans) else len(paragraph)]
            speaker = _speaker(paragraph, start, end, before, after, mentions, finder)
            if speaker is None and previous is not None:
                label = previous.label.removesuffix(_GOES_ON) + _GOES_ON
                speaker = Speaker(previous.actor, label, previous.suggested, previous.name)
            previous = speaker or previous
            found.append(CandidateQuote(text, speaker, _prefix(haystack, paragraph, start, text)))
    return found


def _quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level quotation, marks included; unclosed ones are skipped."""
    spans = []
    index = 0
    while index < len(paragraph):
        closer = _PAIRS.get(paragraph[index])
        if closer is None:
            index += 1
            continue
        end = paragraph.find(closer, index + 1)
        if end == -1:
            index += 1
            continue
        spans.append((index, end + 1))
        index = end + 1
    return spans


def _speaker(paragraph, start, end, before, after, mentions, finder) -> Speaker | None:
    """The speaker named next to the quotation at paragraph[start:end], if any."""
    # 1. A known actor right after it, with a verb of saying between (", said Abbas Milani").
    for mention in sorted(mentions, key=lambda m: m.span.start):
        gap = paragraph[end : mention.span.start]
        if mention.span.start >= end and len(gap) <= 30 and _SAID_WORDS.search(gap):
            return Speaker(mention.actor, _mention_label(paragraph, mention))
    # 2. "said X" or "X said" right after it.
    for pattern in (_AFTER_VERB_NAME, _AFTER_NAME_VERB):
        match = pattern.search(after)
        if match:
            return _named(match, paragraph, start, finder)
    # 3. A known actor before it: "X, a researcher, said: «...»", or "said X that «...»".
    for mention in sorted(mentions, key=lambda m: -m.span.end):
        if mention.span.end > start:
            continue
        gap = paragraph[mention.span.end : start]
        if len(gap) > 100 or set(gap) & set(_QUOTE_MARKS):
            continue
        said = list(_SAID_WORDS.finditer(gap))
        lead = paragraph[max(0, mention.span.start - 25) : mention.span.start]
        if (said and len(gap) - said[-1].end() <= 4) or (len(gap) <= 12 and _SAID_WORDS.search(lead)):
            return Speaker(mention.actor, _mention_label(paragraph, mention))
    # 4. "X said:" before it.
    match = _BEFORE_NAME_VERB.search(before)
    if match:
        return _named(match, paragraph, start, finder)
    return None


def _mention_label(paragraph: str, mention) -> str:
    return (
        " ".join(paragraph[mention.span.start : mention.span.end].split()) + ", named next to the quotation"
    )


def _named(match: re.Match, paragraph: str, start: int, finder: MentionFinder) -> Speaker | None:
    who = match["who"].strip()
    label = " ".join(match.group(0).split()).strip(" ,:")
    if who.lower() in ("he", "she", "they"):
        names = [n for n in _PERSON.findall(paragraph[:start]) if _is_name(n)]
        if not names:
            return Speaker(None, label)
        who = names[-1]
        label = f"{label}: {who}"
    if re.fullmatch(_DESCRIBED, who):
        return Speaker(None, label)
    actor = _actor_named(who, finder)
    if actor:
        return Speaker(actor, label)
    if _is_name(who):
        return Speaker(None, label, suggested=slugify(who), name=who)
    return Speaker(None, label)


def _is_name(text: str) -> bool:
    words = text.split()
    if not words or words[0] in _STOP_NAMES:
        return False
    return len(words) >= 2 or bool(re.match(_HONORIFIC, words[0]))


def _actor_named(text: str, finder: MentionFinder) -> str | None:
    found = finder.find(normalize(text))
    return (
        found[0].actor
        if len(found) == 1 and found[0].span.end - found[0].span.start >= len(text) - 2
        else None
    )


def _prefix(haystack, paragraph: str, start: int, text: str) -> str | None:
    """The words before a quotation whose words occur more than once in the article, or None."""
    try:
        find_passage(haystack, text)
        return None
    except AnchorError:
        pass
    words = paragraph[:start].split()
    for count in range(2, min(12, len(words)) + 1):
        prefix = " ".join(words[-count:])
        try:
            find_passage(haystack, text, prefix=prefix)
            return prefix
        except AnchorError:
            continue
    return None


# --- the draft ------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """The draft and what the command says about it."""

    draft: ArticleDraft
    text: str  # the file's content
    cleaned: Cleaned
    page: Page


def load_actors(archive: Path) -> list:
    """The archive's valid actor entries (problems elsewhere in the archive do not matter here)."""
    from ..engine.load import load_archive
    from ..engine.validate import validate

    if not archive.is_dir():
        return []
    valid, _ = validate(load_archive(archive))
    return list(valid.actors)


def import_page(
    raw: bytes,
    name: str,
    *,
    archive: Path = Path("archive"),
    url: str | None = None,
    when: str | None = None,
    publisher: str | None = None,
    today: date | None = None,
) -> ImportResult:
    """Turn a saved page into an article draft; raises ScaffoldError when it cannot."""
    today = today or date.today()
    if url:
        checked_option("--url", check_http_url, url)
    entries = load_actors(archive)
    actors = [entry.model for entry in entries]
    outlets = Outlets(actors)
    finder = MentionFinder(entries)
    page = read_input(raw, name, url)
    cleaned = clean_lines(page.text, outlets, title_hint=page.title, sitename=page.sitename)
    body = cleaned.body
    if not any(paragraph_like(paragraph) for paragraph in cleaned.paragraphs):
        raise ScaffoldError(
            f"found no article text in {name}: no line reads like a paragraph (for a text this "
            "short, use `leakarchive new article --text FILE`)"
        )
    notes: dict[str, str] = {}

    title = page.title or cleaned.title
    if title:
        notes["title"] = "from the page's metadata" if page.title else "the headline above the text"
        title = " ".join(title.split())
    else:
        notes["title"] = "NOT FOUND on the page: write the headline, as printed"

    published, published_note = _published(when, page, cleaned)
    notes["date"] = published_note

    language, confidence, others = detect_language(body)
    if confidence < 0.5 and page.lang:
        notes["language"] = f"from the page's lang attribute: the text gave no clear answer ({language}?)"
        language = page.lang
    else:
        sure = f"{confidence:.0%} sure"
        if confidence < LANGUAGE_SURE and others:
            sure += ", else " + ", ".join(f"{lang} {score:.0%}" for lang, score in others)
        notes["language"] = f"detected by py3langid ({sure})" + (
            ": CHECK IT" if confidence < LANGUAGE_SURE else ""
        )

    page_url = url or page.url
    if url:
        notes["url"] = "from --url"
    elif page.url:
        notes["url"] = "the page's own (canonical) address"
    publisher_id, via = _publisher(publisher, page_url, page, cleaned, outlets, notes, today)
    source_url = None if via else page_url

    authors = page.authors or cleaned.authors
    notes["authors"] = "from the byline" if authors else "none found on the page: the bylines, as printed"

    draft_id = _draft_id(title, published, page_url, name)
    notes["id"] = "made from the date and the headline: shorten it if you like (the file name must match)"
    draft = ArticleDraft(
        id=draft_id,
        title=title,
        date=published,
        language=language,
        publisher=publisher_id,
        body=body,
        url=source_url,
        authors=authors,
        via=via,
        notes=notes,
    )
    draft.header = [
        f"DRAFT made by `leakarchive import` from {comment_text(Path(name).name, 80)} ({page.kind}) "
        f"on {today.isoformat()}.",
        "Check every value against the page and fill in what is missing; compare the text below",
        "with the page (the lines removed from it are listed at the end of this front matter).",
        "Delete these comments when done, then run `leakarchive validate` (guide: docs/contributing.md).",
    ]
    draft.actors_block = _actors_block(body, finder, actors)
    draft.quotes_block = _quotes_block(find_quotes(body, finder), outlets)
    draft.trailer = _removed_block(cleaned.removed, page.kind)
    return ImportResult(draft, _render(draft), cleaned, page)


def _render(draft: ArticleDraft) -> str:
    from .scaffold import render_article

    return render_article(draft)


def _published(when: str | None, page: Page, cleaned: Cleaned) -> tuple[PartialDate | None, str]:
    if when:
        return parse_date(when), "from --date"
    if page.date:
        return page.date, page.date_source
    if cleaned.date:
        return cleaned.date, f"from the line {comment_text(cleaned.date_line or '', 60)!r}"
    return None, "NOT FOUND on the page: YYYY, YYYY-MM or YYYY-MM-DD, only as precisely as known"


def _publisher(
    given: str | None,
    page_url: str | None,
    page: Page,
    cleaned: Cleaned,
    outlets: Outlets,
    notes: dict[str, str],
    today: date,
) -> tuple[str, Via | None]:
    """The publisher's actor id, and `via` when the page republishes another outlet's article."""
    if given:
        notes["publisher"] = "from --publisher"
        return check_id(given, "--publisher"), None
    site = outlets.by_url(page_url)
    site_note = f"the site at {_host(page_url or '')}" if site else ""
    if not site and page.sitename:
        site = outlets.by_name(page.sitename)
        site_note = f"the site name {comment_text(page.sitename, 60)!r}" if site else ""
    credited = [outlet for outlet in cleaned.credited if outlet != site]
    if credited:
        original = credited[0]
        printed = cleaned.credited_names.get(original) or original
        notes["publisher"] = f"{comment_text(printed, 60)!r} is credited on the page"
        if site or page_url:
            via_id = site or _suggest_outlet(page)
            via = Via(
                publisher=via_id,
                url=page_url,
                retrieved=today.isoformat(),
                notes={
                    "publisher": site_note
                    if site
                    else _no_actor(via_id, page.sitename or _host(page_url or "")),
                    "retrieved": "the day of the import: correct it if the page was saved earlier",
                },
            )
            notes["url"] = "the original address, if known (--url is the copy's, under via:)"
            return original, via
        return original, None
    if site:
        notes["publisher"] = site_note
        return site, None
    suggestion = _suggest_outlet(page)
    if suggestion == "unknown-publisher":
        notes["publisher"] = "NOT FOUND: the publishing outlet's actor id (archive/actors/)"
    else:
        notes["publisher"] = _no_actor(suggestion, page.sitename or _host(page_url or ""))
    return suggestion, None


def _suggest_outlet(page: Page) -> str:
    if page.sitename and slugify(page.sitename):
        return make_id(page.sitename)
    host = _host(page.url or "")
    if host:
        return make_id(host.rsplit(".", 1)[0])
    return "unknown-publisher"


def _no_actor(suggestion: str, name: str) -> str:
    return (
        f"NO SUCH ACTOR YET: add it with `leakarchive new actor {yaml_str(name or suggestion)} "
        f"--kind outlet --id {suggestion}`"
    )


def _draft_id(title: str | None, published: PartialDate | None, url: str | None, name: str) -> str:
    for candidate in (title, urlsplit(url or "").path.rstrip("/").rsplit("/", 1)[-1], Path(name).stem):
        if candidate and slugify(candidate) and not re.fullmatch(r"[\d-]+", slugify(candidate)):
            return article_id(candidate, published)
    return article_id("article", published)


def _actors_block(body: str, finder: MentionFinder, actors: list[Actor]) -> list[str]:
    mentions = finder.find(normalize(body))
    if not mentions:
        return ["No actor of the archive is named in the text."]
    forms: dict[str, list[str]] = {}
    for mention in mentions:
        form = " ".join(body[mention.span.start : mention.span.end].split())
        if form not in forms.setdefault(mention.actor, []):
            forms[mention.actor].append(form)
    lines = [
        "Actors of the archive named in the text: the page links them by itself; list under",
        "actors: only those the article concerns without naming them.",
    ]
    for actor in sorted(forms):
        lines.append(f"  {actor}: " + ", ".join(comment_text(yaml_str(f), 60) for f in forms[actor]))
    return lines


def _quotes_block(quotes: list[CandidateQuote], outlets: Outlets) -> list[str]:
    if not quotes:
        return [
            'quotes: []  # direct quotations: - {text: "<the exact words>", speaker: <actor id>} '
            "(none found between quotation marks)"
        ]
    lines = [
        "# quotes:  # CANDIDATES: text found between quotation marks. Keep the real quotations (not",
        "#          # terms in quotation marks), check each speaker, then uncomment what you keep.",
    ]
    for quote in quotes:
        lines.append(f"#   - text: {yaml_str(quote.text)}")
        if quote.prefix:
            lines.append(f"#     prefix: {yaml_str(quote.prefix)}  # the words occur twice: this says which")
        speaker = quote.speaker
        words = _words(quote.text)
        short = (
            f"; {words} word{'s' if words != 1 else ''}: a term rather than a quotation?"
            if words <= 3
            else ""
        )
        if speaker and speaker.actor:
            lines.append(f"#     speaker: {speaker.actor}  # {comment_text(speaker.label, 80)}{short}")
        elif speaker and speaker.suggested:
            lines.append(
                f"#     speaker: {speaker.suggested}  # {comment_text(speaker.label, 60)}: NO SUCH ACTOR YET "
                f"(`leakarchive new actor {comment_text(yaml_str(speaker.name or ''), 60)} --kind person`)"
                + short
            )
        elif speaker:
            lines.append(
                f'#     speaker: ""  # {comment_text(speaker.label, 60)}: '
                f"choose the actor who said or wrote it{short}"
            )
        else:
            lines.append(f'#     speaker: ""  # no speaker named nearby{short}')
    return lines


def _removed_block(removed: list[Removed], kind: str) -> list[str]:
    if not removed:
        return ["Nothing was removed from the page's text."]
    where = "line" if kind == "plain text" else "line of the extracted text"
    lines = ["Removed from the page (check that none of it belongs to the article):"]
    for item in removed:
        lines.append(f"  {where} {item.line}, {item.reason}: {comment_text(item.text, 90)}")
    return lines


# --- the command ----------------------------------------------------------------------------


def add_command(commands: argparse._SubParsersAction) -> None:
    """Register `leakarchive import`."""
    command = commands.add_parser(
        "import",
        help="turn a saved web page (HTML) or copied page text into an article draft",
        description="Extract the article from a saved page (.html, .htm, .mhtml) or from text copied "
        "from a page, and write an article draft: the verbatim text with its checksum, the fields "
        "the page shows, and in comments the actors it names, candidate quotes and the lines "
        "removed. Runs offline. The draft validates once its publisher and date are known; "
        "the candidate quotes stay commented out until an editor checks them.",
    )
    command.add_argument("path", help="the saved page or copied text ('-' reads standard input)")
    command.add_argument("--url", help="the address the page was saved from (source.url)")
    command.add_argument(
        "--output",
        metavar="FILE",
        help="where to write the draft ('-': standard output); default: the archive path, "
        "archive/articles/YYYY/<id>.md, never overwritten",
    )
    command.add_argument("--date", help="the publication date when the page does not show it")
    command.add_argument("--publisher", help="the publishing outlet's actor id, when it is not recognised")
    command.add_argument("--archive", type=Path, default=Path("archive"), help="the archive folder")


def run(args: argparse.Namespace) -> int:
    """Carry out `leakarchive import`; returns the exit status."""
    try:
        raw = sys.stdin.buffer.read() if args.path == "-" else Path(args.path).read_bytes()
    except OSError as error:
        print(f"leakarchive import: cannot read {args.path}: {error.strerror}", file=sys.stderr)
        return 2
    try:
        result = import_page(
            raw,
            "stdin" if args.path == "-" else args.path,
            archive=args.archive,
            url=args.url,
            when=args.date,
            publisher=args.publisher,
        )
        if args.output == "-":
            sys.stdout.write(result.text)
            return 0
        if args.output:
            target = Path(args.output)
        else:
            if result.draft.date is None:
                raise ScaffoldError(
                    "no date found on the page: give it with --date YYYY[-MM[-DD]], or write the "
                    "draft elsewhere with --output"
                )
            target = archive_path(args.archive, "article", result.draft.id, result.draft.date.year)
        write_new(target, result.text, "move it away, or write the draft elsewhere with --output")
    except ScaffoldError as error:
        print(f"leakarchive import: {error}", file=sys.stderr)
        return 2
    removed = len(result.cleaned.removed)
    print(target)
    print(
        f"{len(result.cleaned.paragraphs)} paragraphs kept, {removed} line{'s' if removed != 1 else ''} "
        "removed (listed in the draft); next: check the draft, then run `leakarchive validate`",
        file=sys.stderr,
    )
    return 0
