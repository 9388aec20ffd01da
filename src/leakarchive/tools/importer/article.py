"""A saved page -> the article draft: each field, and a note on where its value came from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ...engine.link import MentionFinder
from ...model import PartialDate, check_http_url, language_name, slugify
from ...text import fold
from ..draft import (
    ArticleDraft,
    ScaffoldError,
    ViaDraft,
    article_id,
    check_id,
    checked_option,
    comment_text,
    make_id,
    parse_date,
    render_article,
    yaml_str,
)
from .cleaning import Cleaned, clean_lines
from .comments import actors_comment, quotes_comment, removed_comment
from .language import LANGUAGE_SURE, detect_language
from .lines import authors_in, date_in_address, paragraph_like, read_date
from .outlets import Outlets, site_host
from .quotes import find_quotes
from .reading import SavedPage, read_input


@dataclass
class ImportResult:
    """The draft and what the command says about it."""

    draft: ArticleDraft
    text: str  # the file's content
    cleaned: Cleaned
    page: SavedPage


def load_actors(archive: Path) -> list:
    """The archive's valid actor entries (problems elsewhere in the archive do not matter here)."""
    from ...engine.load import load_archive
    from ...engine.validate import validate

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
    title: str | None = None,
    entity_id: str | None = None,
) -> ImportResult:
    """Turn a saved page into an article draft; raises ScaffoldError when it cannot."""
    today = today or date.today()
    if url:
        checked_option("--url", check_http_url, url)
    entries = load_actors(archive)
    outlets = Outlets(entry.model for entry in entries)
    finder = MentionFinder(entries)
    page = read_input(raw, name, url)
    cleaned = clean_lines(page.text, outlets, title_hint=page.title, sitename=page.sitename)
    if not any(paragraph_like(paragraph) for paragraph in cleaned.paragraphs):
        raise ScaffoldError(
            f"found no article text in {name}: no line reads like a paragraph (for a text this "
            "short, use `leakarchive new article --text FILE`)"
        )
    # An HTML page's bylines, dates and headline are around the text trafilatura extracts: read them there.
    head = clean_lines(page.visible, outlets, sitename=page.sitename) if page.visible else None
    given = Given(url=url, when=when, publisher=publisher, title=title, entity_id=entity_id)
    draft = _fields(page, cleaned, head, outlets, name, given, today=today)
    draft.header = _header(name, page.kind, today)
    draft.actors_block = actors_comment(draft.body, finder)
    draft.quotes_block = quotes_comment(find_quotes(draft.body, finder))
    draft.trailer = removed_comment(cleaned.removed, page.kind)
    return ImportResult(draft, render_article(draft), cleaned, page)


def _header(name: str, kind: str, today: date) -> list[str]:
    """The comment opening an imported draft: where it came from, and what to check."""
    return [
        f"DRAFT made by `leakarchive import` from {comment_text(Path(name).name, 80)} ({kind}) "
        f"on {today.isoformat()}.",
        "Check every value against the page and fill in what is missing; compare the text below",
        "with the page (the lines removed from it are listed at the end of this front matter).",
        "Delete these comments when done, then run `leakarchive validate` (guide: docs/contributing.md).",
    ]


@dataclass(frozen=True)
class Given:
    """What the command line says, which wins over what the page shows."""

    url: str | None = None
    when: str | None = None
    publisher: str | None = None
    title: str | None = None
    entity_id: str | None = None


def _fields(
    page: SavedPage,
    cleaned: Cleaned,
    head: Cleaned | None,
    outlets: Outlets,
    name: str,
    given: Given,
    *,
    today: date,
) -> ArticleDraft:
    """The draft's fields, each with a note saying where its value came from."""
    notes: dict[str, str] = {}
    title = _title(given.title, page, cleaned, head, notes)
    page_url = given.url or page.url or cleaned.url
    published, notes["date"] = _published(given.when, page, cleaned, head, page_url)
    language = _language(cleaned.body, page, notes)
    url_source = _url_source(given, page, cleaned)
    if url_source:
        notes["url"] = url_source
    publisher_id, via = _publisher(given.publisher, page_url, page, cleaned, outlets, notes, today)
    authors, notes["authors"] = _authors(page, cleaned, head)
    if given.entity_id:
        draft_id = check_id(given.entity_id, "--id")
        notes["id"] = "from --id (the file name must match)"
    else:
        draft_id = _draft_id(title, published, page_url, name)
        notes["id"] = "made from the date and the headline: shorten it if you like (the file name must match)"
    return ArticleDraft(
        id=draft_id,
        title=title,
        date=published,
        language=language,
        publisher=publisher_id,
        body=cleaned.body,
        url=None if via else page_url,
        authors=authors,
        via=via,
        notes=notes,
    )


def _url_source(given: Given, page: SavedPage, cleaned: Cleaned) -> str | None:
    """Where the article's address came from, for the draft's comment; None when it has none."""
    if given.url:
        return "from --url"
    if page.url:
        return "the page's own (canonical) address"
    if cleaned.url:
        return "from the address line above the text"
    return None


def _title(
    given: str | None, page: SavedPage, cleaned: Cleaned, head: Cleaned | None, notes: dict[str, str]
) -> str | None:
    """The headline: --title, else the page's metadata when the page prints it, else the line
    above the text. Never an address or a byline (those lines are not title candidates)."""
    if given:
        notes["title"] = "from --title"
        return " ".join(given.split())
    printed = {fold(line).casefold() for line in page.visible.split("\n")} if page.visible else None
    metadata = (
        page.title if page.title and (printed is None or fold(page.title).casefold() in printed) else None
    )
    headline = (head.title if head else None) or cleaned.title
    title = metadata or headline or page.title
    candidates = [
        c
        for c in [page.title, *(head.title_candidates if head else []), *cleaned.title_candidates]
        if c and c != title
    ]
    seen = (
        "; candidates seen: " + " | ".join(comment_text(c, 50) for c in dict.fromkeys(candidates))
        if candidates
        else ""
    )
    if not title:
        notes["title"] = "NOT FOUND on the page: write the headline, as printed (or give --title)" + seen
        return None
    if title == metadata:
        notes["title"] = "from the page's metadata, as printed on the page"
    elif title == headline:
        notes["title"] = "the headline above the text" + seen
    else:
        notes["title"] = "from the page's metadata (not printed on the page: CHECK IT)" + seen
    return " ".join(title.split())


def _authors(page: SavedPage, cleaned: Cleaned, head: Cleaned | None) -> tuple[list[str], str]:
    """The bylines: the page's metadata, else the lines around the text."""
    if page.authors:
        return [a for name in page.authors for a in authors_in(name)], "from the page's metadata (author)"
    if cleaned.authors:
        return cleaned.authors, "from the byline" + (
            " (a line of names beside the headline: CHECK IT)" if cleaned.bare_byline else ""
        )
    if head and head.authors and not head.bare_byline:  # an HTML page's lines of names are menus as often
        return head.authors, "from the byline"
    return [], "none found on the page: the bylines, as printed"


def _language(body: str, page: SavedPage, notes: dict[str, str]) -> str:
    """The text's language as detected; the page's lang attribute when detection is unsure."""
    language, confidence, others = detect_language(body)
    if confidence < 0.5 and page.lang:
        notes["language"] = f"from the page's lang attribute: the text gave no clear answer ({language}?)"
        return page.lang
    sure = f"{confidence:.0%} sure"
    if confidence < LANGUAGE_SURE and others:
        sure += ", else " + ", ".join(f"{lang} {score:.0%}" for lang, score in others)
    notes["language"] = f"{language_name(language)}, detected by py3langid ({sure})" + (
        ": CHECK IT" if confidence < LANGUAGE_SURE else ""
    )
    return language


def _published(
    when: str | None, page: SavedPage, cleaned: Cleaned, head: Cleaned | None, page_url: str | None
) -> tuple[PartialDate | None, str]:
    """The publication date: --date, the page's metadata, a date line, the address; else none,
    with the dates seen on the page listed for the editor to choose from."""
    if when:
        return parse_date(when), "from --date"
    if page.date:
        return page.date, page.date_source
    for found in (cleaned, head):
        if found and found.date:
            return found.date, found.date_note or f"from the line {comment_text(found.date_line or '', 60)!r}"
    in_address = date_in_address(page_url)
    if in_address:
        return in_address.date, f"{in_address.note()} in the page's address"
    seen = [line for line in (page.visible or page.text).split("\n") if read_date(line)][:4]
    listed = "; dates seen: " + " | ".join(comment_text(line, 40) for line in seen) if seen else ""
    return None, "NOT FOUND on the page: YYYY, YYYY-MM or YYYY-MM-DD, only as precisely as known" + listed


def _publisher(
    given: str | None,
    page_url: str | None,
    page: SavedPage,
    cleaned: Cleaned,
    outlets: Outlets,
    notes: dict[str, str],
    today: date,
) -> tuple[str, ViaDraft | None]:
    """The publisher's actor id, and `via` when the page republishes another outlet's article."""
    if given:
        notes["publisher"] = "from --publisher"
        return check_id(given, "--publisher"), None
    site, site_note = _site_outlet(page_url, page, outlets)
    credited = [outlet for outlet in cleaned.credited if outlet != site]
    if credited:
        original = credited[0]
        printed = cleaned.credited_names.get(original) or original
        notes["publisher"] = f"{comment_text(printed, 60)!r} is credited on the page"
        if site or page_url:
            via = _via(site, site_note, page_url, page, today)
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
        notes["publisher"] = _no_actor(suggestion, page.sitename or site_host(page_url or ""))
    return suggestion, None


def _site_outlet(page_url: str | None, page: SavedPage, outlets: Outlets) -> tuple[str | None, str]:
    """The outlet whose site the page is on, known by its address or its site name, and how it
    was recognised (for the draft's comment)."""
    site = outlets.by_url(page_url)
    site_note = f"the site at {site_host(page_url or '')}" if site else ""
    if not site and page.sitename:
        site = outlets.by_name(page.sitename)
        site_note = f"the site name {comment_text(page.sitename, 60)!r}" if site else ""
    return site, site_note


def _via(site: str | None, site_note: str, page_url: str | None, page: SavedPage, today: date) -> ViaDraft:
    """The `via` of a page that republishes another outlet's article: the site it is on."""
    via_id = site or _suggest_outlet(page)
    return ViaDraft(
        publisher=via_id,
        url=page_url,
        retrieved=today.isoformat(),
        notes={
            "publisher": site_note if site else _no_actor(via_id, page.sitename or site_host(page_url or "")),
            "retrieved": "the day of the import: correct it if the page was saved earlier",
        },
    )


def _suggest_outlet(page: SavedPage) -> str:
    if page.sitename and slugify(page.sitename):
        return make_id(page.sitename)
    host = site_host(page.url or "")
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
