"""Reading a saved page: HTML (through trafilatura) or copied plain text -> a SavedPage.

trafilatura drops navigation, bylines, figure captions, asides, comment threads and footers,
works on the saved file alone and makes no network request. Its whitespace and control-character
cleaning would also delete the zero-width non-joiner (U+200C) that Persian spelling needs, so that
character and the zero-width joiner are swapped for placeholder letters before extraction and
restored after it.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ...budgets import MAX_IMPORT_BYTES
from ...model import PartialDate, url_problem
from ..draft import ScaffoldError

if TYPE_CHECKING:  # trafilatura itself is imported only when a page is read
    from trafilatura.settings import Document

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml"})

_NOT_AUTHORS = frozenset({"admin", "administrator", "editor", "staff", "redacción", "webmaster"})
"""Names content systems put in the author field that are no byline."""
_JOINERS = {"\u200c": "\ua66e", "\u200d": "\ua66d"}
"""Zero-width (non-)joiners, which trafilatura deletes, and the letters that stand in for them."""


@dataclass
class SavedPage:
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
    visible: str = ""  # HTML: all the page's text, a line per block, where bylines and dates are


def read_html(raw: bytes, url: str | None = None) -> SavedPage:
    """Extract the main text and metadata of a saved HTML page, offline."""
    from trafilatura.utils import load_html

    tree = load_html(raw)
    if tree is None:
        raise ScaffoldError("cannot read the file as HTML")
    protect = not any(stand_in in raw.decode("utf-8", "replace") for stand_in in _JOINERS.values())
    if protect:
        _swap(tree, _JOINERS)
    published, source = _structured_date(tree)
    visible = visible_text(tree)
    document = _main_text(tree, url)
    back = {stand_in: char for char, stand_in in _JOINERS.items()} if protect else {}

    def restore(text: str | None) -> str | None:
        for stand_in, char in back.items():
            text = text.replace(stand_in, char) if text else text
        return text

    if published is None and document.date:
        published = _iso_date(document.date)
        source = "guessed by htmldate from the page: keep only as much of it as the page shows"
    lang = tree.get("lang") or None
    return SavedPage(
        text=restore(document.text) or "",
        kind="HTML",
        title=restore(document.title),
        authors=_bylines(restore(document.author) or ""),
        date=published,
        date_source=source,
        sitename=restore(document.sitename),
        url=document.url if document.url and url_problem(document.url) is None else None,
        lang=lang.split("-")[0].lower() if lang else None,
        visible=restore(visible) or "",
    )


def _main_text(tree, url: str | None) -> Document:
    """trafilatura's Document of the page: its main text and metadata, found offline."""
    import trafilatura
    from trafilatura.settings import Document

    # Typed as Document | dict: a dict only with as_dict=True, which is not asked for.
    document = cast(
        Document | None,
        trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        ),
    )
    if document is None or not (document.text or "").strip():
        raise ScaffoldError("found no article text in the page")
    return document


def _bylines(authors: str) -> list[str]:
    """The names in trafilatura's author field ("A; B"), without what is no byline ("admin")."""
    return [
        name
        for name in (" ".join(a.split()) for a in authors.split(";"))
        if name and name.casefold() not in _NOT_AUTHORS
    ]


_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "table", "td", "th", "time", "tr", "ul",
    }
)  # fmt: skip
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg"})


def visible_text(tree) -> str:
    """The text a reader sees on the page, a line per block element (trafilatura's extraction
    leaves out the bylines, dates and headlines around the article, which the draft needs)."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _HIDDEN:
            return
        block = tag.lower() in _BLOCKS
        if block:
            flush()
        current.append(element.text or "")
        for child in element:
            walk(child)
            current.append(child.tail or "")
        if block:
            flush()

    body = tree.find(".//body")
    walk(body if body is not None else tree)
    flush()
    return "\n".join(lines)


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


def read_input(raw: bytes, name: str, url: str | None) -> SavedPage:
    """Read a saved page: HTML (also a saved .mhtml) or copied plain text (UTF-8)."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ScaffoldError(f"expected a page of at most {MAX_IMPORT_BYTES:,} bytes, found {len(raw):,}")
    head = raw[:4096].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith((b"from:", b"mime-version:")) and b"multipart/related" in head:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
        if part is None:
            raise ScaffoldError(f"found no HTML inside {name}")
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            raise ScaffoldError(f"found no HTML inside {name}")
        return read_html(payload, url)
    if Path(name).suffix.lower() in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html", b"<?xml")):
        return read_html(raw, url)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScaffoldError(f"expected UTF-8 text or HTML in {name}") from None
    if re.search(r"<(?:p|div|body|article)\b[^>]*>", text[:4096], re.I):
        return read_html(raw, url)
    return SavedPage(text=text, kind="plain text")
