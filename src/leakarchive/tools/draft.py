"""The files contributors start from: ids, paths, YAML values, and the text of each draft.

`leakarchive new` (scaffold.py) and `leakarchive import` (importer/) both write their files
here, so an article draft reads the same whichever command made it: every field of the model,
each with a comment saying what goes there (or, for an import, where the value came from).
Required fields get a value, optional ones an empty list or a commented-out example; values
are written as double-quoted YAML scalars that read back exactly, and text from a page is
flattened before it goes into a comment.
"""

from __future__ import annotations

import json
import sys
import typing
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .. import model, urls
from ..budgets import MAX_IMPORT_BYTES
from ..errors import UsageError
from ..model import (
    MAX_SLUG,
    VERIFICATION_STATUSES,
    ActorKind,
    DateSpan,
    LeakKind,
    PartialDate,
    slugify,
)
from ..text import sha256_text

ACTOR_KINDS: tuple[str, ...] = typing.get_args(ActorKind)
LEAK_KINDS: tuple[str, ...] = typing.get_args(LeakKind)
NO_TEXT_SHA256 = "0" * 64
"""The checksum of a scaffolded article that has no text yet: never the checksum of a real text."""
ID_WORDS_LENGTH = 60
"""Longest id made from a title: long enough to tell articles apart, short enough to type."""

STATUSES = " | ".join(VERIFICATION_STATUSES)


class ScaffoldError(UsageError):
    """A file cannot be made as asked; the message says why and what to do."""


def checked_option(option: str, check, value: str) -> str:
    """`value` passed through one of the model's checks, its complaint naming the option."""
    try:
        return check(value)
    except ValueError as error:
        raise ScaffoldError(f"{option}: {error}") from None


# --- YAML pieces ----------------------------------------------------------------------------

_YAML_BREAKS = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def yaml_str(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back as exactly `text`.

    JSON string syntax is YAML's double-quoted syntax; the three characters YAML (not JSON) takes
    for line breaks are escaped too, so no value can spill onto another line.
    """
    quoted = json.dumps(text, ensure_ascii=False)
    for char, escape in _YAML_BREAKS.items():
        quoted = quoted.replace(char, escape)
    return quoted


def yaml_list(items: list[str]) -> str:
    """A flow list of double-quoted strings: `["a", "b"]`."""
    return "[" + ", ".join(yaml_str(item) for item in items) + "]"


def comment_text(text: str, limit: int = 160) -> str:
    """Text from a page made safe for a YAML comment: one line, no control characters, short."""
    cleaned = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _YAML_BREAKS else char
        for char in text
    )
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def _line(key: str, value: str, note: str = "", indent: int = 0) -> str:
    text = " " * indent + (f"{key}: {value}" if value else f"{key}:")
    return f"{text}  # {note}" if note else text


# --- ids and paths --------------------------------------------------------------------------


def make_id(text: str, *, prefix: str = "", limit: int = MAX_SLUG) -> str:
    """A safe id from a title or name: `prefix` + its slug, cut at a hyphen to at most `limit`."""
    slug = slugify(text)
    room = limit - len(prefix)
    if len(slug) > room:
        cut = slug[:room]
        slug = cut.rsplit("-", 1)[0] if "-" in cut and slug[room] != "-" else cut
    return (prefix + slug).strip("-")


def check_id(entity_id: str, what: str = "") -> str:
    """Refuse an id the validator would refuse, with the reason (`what`: the option it came from)."""
    try:
        return _check_id(entity_id)
    except ScaffoldError as error:
        raise ScaffoldError(f"{what}: {error}" if what else str(error)) from None


def _check_id(entity_id: str) -> str:
    if not entity_id:
        raise ScaffoldError(
            "cannot make an id from that: it has no letters a-z or digits (give one with --id)"
        )
    try:
        model.check_id(entity_id)
    except ValueError as error:
        raise ScaffoldError(str(error)) from None
    reserved = model.reserved_id_problem(entity_id)
    if reserved:
        raise ScaffoldError(f"{reserved}: choose another with --id")
    return entity_id


def article_id(title: str, when: PartialDate | None) -> str:
    """`YYYY-MM-DD-short-title`: the date as known, then the title's first words. A title with no
    Latin letters (Persian, Arabic) gives a short hash of itself instead of words: two such
    articles of one day would otherwise both be `YYYY-MM-DD`."""
    prefix = f"{when}-" if when else ""
    made = make_id(title, prefix=prefix, limit=len(prefix) + ID_WORDS_LENGTH)
    if made == prefix.strip("-") and title.strip():
        made = prefix + sha256_text(" ".join(title.split()))[:10]
    return made


def read_capped(source: str, what: str = "the text") -> bytes:
    """The bytes of the file `source` ('-': standard input), refused past `MAX_IMPORT_BYTES`
    without reading on: `/dev/zero` or an endless pipe ends in a clear error, not an exhausted
    machine."""
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        else:
            with open(source, "rb") as handle:
                raw = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise ScaffoldError(f"cannot read {source}: {error.strerror}") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise ScaffoldError(f"expected {what} in at most {MAX_IMPORT_BYTES:,} bytes, found more in {source}")
    return raw


def archive_path(archive: Path, kind: urls.PageKind, entity_id: str, year: int | None = None) -> Path:
    """Where the loader expects the file of an article, actor or leak."""
    folder = archive / urls.source_folder(kind)
    if kind == "article":
        if year is None:
            raise ScaffoldError("an article's folder is its year: its date is needed")
        return folder / f"{year:04d}" / f"{entity_id}.md"
    return folder / f"{entity_id}.yml"


def write_new(path: Path, text: str, hint: str = "choose another id with --id") -> None:
    """Create `path` with `text`; refuse if it exists (never overwrite a contributor's file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} exists already: nothing written ({hint})") from None


def single_line(what: str, text: str) -> str:
    """Refuse a title or name that the model would refuse, saying which it is."""
    try:
        return model.check_line(text).strip()
    except ValueError as error:
        raise ScaffoldError(f"the {what}: {error}") from None


def parse_date(text: str, what: str = "date") -> PartialDate:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD, or a ScaffoldError."""
    try:
        return PartialDate.parse(text)
    except ValueError as error:
        raise ScaffoldError(f"--{what}: {error}") from None


def parse_date_span(text: str, what: str = "date") -> DateSpan:
    """A date, a range (2009-12/2010-01) or a bound (before 2010-01-12), as a leak's date is
    written, or a ScaffoldError."""
    try:
        return DateSpan.parse(text)
    except ValueError as error:
        raise ScaffoldError(f"--{what}: {error}") from None


# --- articles -------------------------------------------------------------------------------


@dataclass
class ViaDraft:
    """Where our copy came from, when it is not the original publisher's site."""

    publisher: str
    url: str | None
    retrieved: str
    notes: dict[str, str] = field(default_factory=dict)


@dataclass
class ArticleDraft:
    """Everything an article file says; `notes` and comment blocks explain it to the editor."""

    id: str
    title: str | None
    date: PartialDate | None
    language: str
    publisher: str
    body: str  # canonical; "" for no text yet
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    via: ViaDraft | None = None
    status: str = "unverified"
    header: list[str] = field(default_factory=list)  # comment lines at the top
    notes: dict[str, str] = field(default_factory=dict)  # field -> comment after its value
    quotes_block: list[str] = field(default_factory=list)  # commented-out candidate quotes
    actors_block: list[str] = field(default_factory=list)  # comment lines after `actors:`
    trailer: list[str] = field(default_factory=list)  # comment lines at the end

    @property
    def checksum(self) -> str:
        """`text_sha256`: of the body, or the no-text marker."""
        return sha256_text(self.body) if self.body else NO_TEXT_SHA256


LEAKS_BLOCK = [
    "leaks: []  # the leaks the article speaks of: replace [] by one block like this for each",
    "#   - leak: some-leak-id  # a leak id (archive/leaks/)",
    "#     stance: reports  # reports | corroborates | disputes | denies: what the article does with it",
    '#     note: "..."  # optional: how the article reports it, if that needs saying',
]
QUOTES_BLOCK = [
    "quotes: []  # direct quotations: replace [] by one block like this for each",
    '#   - text: "..."  # the words between the quotation marks, exactly as in the text',
    "#     speaker: some-actor-id  # who said or wrote them: an actor id",
    '#     prefix: "..."  # optional: the words just before, when the quotation occurs twice',
    '#     suffix: "..."  # optional: the words just after, for the same reason',
    "#     leak: some-leak-id  # optional: the leak the words come from (one listed under leaks)",
    '#     note: "..."  # optional: context for the reader (Markdown)',
    "#     id: some-words  # optional: the quote's anchor (#quote-some-words); by default its first words",
]
ANNOTATIONS_BLOCK = [
    "annotations: []  # editorial notes on exact passages: replace [] by one block like this for each",
    '#   - text: "..."  # the passage, exactly as in the text',
    '#     note: "..."  # your note (Markdown)',
    '#     prefix: "..."  # optional: the words just before, when the passage occurs twice',
    '#     suffix: "..."  # optional: the words just after',
    "#     id: some-words  # optional: the note's anchor (#note-some-words); by default its first words",
]


def render_article(draft: ArticleDraft) -> str:
    """The article file: front matter with every field explained, then the verbatim text."""
    out = ["---"]
    out += _comments(draft.header)
    out += _identity_lines(draft)
    out += _source_lines(draft)
    out += _content_lines(draft)
    out += _comments(draft.trailer)
    out.append("---")
    text = "\n".join(out) + "\n"
    if draft.body:
        text += "\n" + draft.body
    return text


def _comments(lines: list[str]) -> list[str]:
    return [f"# {line}" if line else "#" for line in lines]


def _identity_lines(draft: ArticleDraft) -> list[str]:
    """id, title, date and language."""
    note = draft.notes.get
    out = [_line("id", draft.id, note("id", "the file name without .md: a-z, 0-9 and single hyphens"))]
    if draft.title:
        out.append(_line("title", yaml_str(draft.title), note("title", "the headline, as printed")))
    else:
        out.append("# title: " + note("title", "the headline, as printed"))
    date_note = "when it was published: YYYY, YYYY-MM or YYYY-MM-DD, only as precisely as known"
    if draft.date:
        out.append(_line("date", str(draft.date), note("date", date_note)))
    else:
        out.append("# date: " + note("date", date_note))
    out.append(
        _line(
            "language",
            draft.language,
            note("language", "BCP 47 tag of the text: en, fa, ar, es... (fa and ar read right to left)"),
        )
    )
    return out


def _source_lines(draft: ArticleDraft) -> list[str]:
    """The `source:` block: publisher, address, authors, the copy's origin, the checksum."""
    note = draft.notes.get
    out = ["source:  # who published the article, and where"]
    out.append(
        _line(
            "publisher",
            draft.publisher,
            note("publisher", "the outlet that published the article: an actor id (archive/actors/)"),
            2,
        )
    )
    url_note = note("url", "the address of the original article")
    if draft.url:
        out.append(_line("url", yaml_str(draft.url), url_note, 2))
    else:
        out.append(f'  # url: "https://..."  # {url_note}')
    out.append(
        _line("authors", yaml_list(draft.authors), note("authors", "the bylines, as printed; [] if none"), 2)
    )
    out += _via_lines(draft.via)
    out.append('  # archived_url: "https://web.archive.org/web/..."  # a snapshot in a web archive, if any')
    if draft.body:
        sha_note = "SHA-256 of the text below; if the text changes, `leakarchive validate` prints the new one"
    else:
        sha_note = (
            "NO TEXT YET: paste the article, verbatim, below the closing ---; "
            "`leakarchive validate` then prints the checksum to put here"
        )
    out.append(_line("text_sha256", draft.checksum, note("text_sha256", sha_note)))
    return out


def _via_lines(via: ViaDraft | None) -> list[str]:
    if via is None:
        return [
            "  # via:  # only when our copy comes from another site than the publisher's:",
            "  #   publisher: some-outlet  # that site: an actor id",
            '  #   url: "https://..."  # the address of the copy',
            "  #   retrieved: YYYY-MM-DD  # the day the copy was taken",
        ]
    out = [_line("via", "", "our copy is a republication: the site we took it from, and when", 2)]
    out.append(_line("publisher", via.publisher, via.notes.get("publisher", "an actor id"), 4))
    if via.url:
        out.append(_line("url", yaml_str(via.url), via.notes.get("url", "the copy's address"), 4))
    else:
        out.append('    # url: "https://..."  # the address of the copy')
    out.append(_line("retrieved", via.retrieved, via.notes.get("retrieved", "the day the copy was taken"), 4))
    return out


def _content_lines(draft: ArticleDraft) -> list[str]:
    """Summary, leaks, actors, quotes, annotations, verification and tags."""
    out = ['# summary: "..."  # what the article reports, in your own words (Markdown)']
    out += LEAKS_BLOCK
    out.append("actors: []  # actors concerned whom the text does not name (named ones are found by alias)")
    out += _comments(draft.actors_block)
    out += draft.quotes_block or QUOTES_BLOCK
    out += ANNOTATIONS_BLOCK
    out.append("verification:  # how far the article's claims have been checked")
    out.append(
        _line("status", draft.status, draft.notes.get("status", f"{STATUSES}: see docs/methodology.md"), 2)
    )
    out.append('  # note: "..."  # why this status: what was checked, and how')
    out.append("  # reviewed_on: YYYY-MM-DD  # the day the status was last reviewed")
    out.append("tags: []  # lower-case ids with hyphens: [leaks, state-media]")
    out.append(PREVIOUS_IDS)
    return out


PREVIOUS_IDS = (
    "# previous_ids: [old-id]  # only after renaming the file: its old ids, so that links to them lead here"
)


# --- actors and leaks -----------------------------------------------------------------------


def render_actor(entity_id: str, name: str, kind: str) -> str:
    """A new actor file: every field, explained."""
    lines = [
        "# A new actor: a person, organisation, outlet or state body. Each field is explained in the",
        "# comment after it; delete the comments once the file is filled in (docs/contributing.md).",
        f"id: {entity_id}  # the file name without .yml: a-z, 0-9 and single hyphens",
        f"name: {yaml_str(name)}  # the usual full name, as texts write it; linked wherever a text uses it",
        f"kind: {kind}  # {' | '.join(ACTOR_KINDS)}",
        "names: {}  # the name in other scripts, by language tag: {fa: عباس میلانی}",
        'aliases: []  # every way texts name it, any script, transliterations too: ["Mr. Milani", "میلانی"]',
        '# broad_aliases: []  # its name or aliases found in most articles ("Iran"), acknowledged',
        '# description: "..."  # who they are, in a sentence or two (Markdown)',
        "# anonymous: true  # only if who it is is unknown (an unnamed insider): never guessed",
        "# wikidata: Q42  # the Wikidata item, if there is one",
        "# affiliation: some-actor-id  # the organisation or body they belong to: an actor id",
        "links: []  # http(s) addresses about them: an official site, Wikipedia"
        + (
            " (an outlet's own site lets `leakarchive import` recognise its pages)"
            if kind == "outlet"
            else ""
        ),
        PREVIOUS_IDS,
    ]
    return "\n".join(lines) + "\n"


def render_leak(entity_id: str, title: str, kind: str, leaked: DateSpan | None, status: str) -> str:
    """A new leak file: every field, explained."""
    date_note = (
        "when it leaked: YYYY, YYYY-MM or YYYY-MM-DD, only as precisely as known; "
        "or a range (2009-12/2010-01) or a bound (before 2010-01-12)"
    )
    lines = [
        "# A new leak: one leaked item (a memo, a recording, a meeting report...). Each field is",
        "# explained in the comment after it; delete the comments once the file is filled in.",
        f"id: {entity_id}  # the file name without .yml: a-z, 0-9 and single hyphens",
        f"title: {yaml_str(title)}  # what the item is, in a few words",
        f"kind: {kind}  # {' | '.join(LEAK_KINDS)}",
        f"date: {leaked}  # {date_note}" if leaked else f"# date: YYYY-MM  # {date_note}",
        "# source: some-actor-id  # who leaked it, if known: an actor id (anonymous: true if unnamed)",
        "# first_reported_by: some-outlet  # who first published it: an actor id",
        "actors: []  # whom it concerns: actor ids",
        f"status: {status}  # {STATUSES}: see docs/methodology.md",
        "status_history: []  # each change of status, oldest first: replace [] by blocks like this",
        f"#   - status: unverified  # the status from that day on: {STATUSES}",
        "#     date: YYYY-MM-DD  # when it changed, only as precisely as known",
        '#     note: "..."  # what changed it (Markdown)',
        '#     evidence: ["https://..."]  # addresses that show it',
        '# summary: "..."  # what the item is said to contain, and what is known of its origin (Markdown)',
        PREVIOUS_IDS,
    ]
    return "\n".join(lines) + "\n"
