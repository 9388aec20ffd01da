"""`leakarchive new article|actor|leak`: start a file that already validates.

Each scaffold puts every field of its model in the file, with a comment saying what goes there:
required fields get a value, optional ones an empty list or a commented-out example. The id is
made from the title or name (`model.slugify`), the file goes where the loader expects it, and an
existing file is never overwritten.

An article needs its verbatim text and the checksum of that text. `--text FILE` (or `--text -`
for standard input) supplies both. Without it the body is left empty and the checksum is a run
of zeros: `leakarchive validate` then reports "expected the article text after the front
matter" until the text is pasted, and then prints the checksum to put in `text_sha256`. An empty
body is the placeholder on purpose: a placeholder sentence would have a checksum of its own and
could be made to validate by mistake.

The article renderer is shared with `leakarchive import`, which fills the same fields from a page.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import urls
from ..errors import UsageError
from ..model import (
    MAX_SLUG,
    SLUG_RE,
    VERIFICATION_STATUSES,
    ActorKind,
    LeakKind,
    PartialDate,
    check_http_url,
    check_language,
    slugify,
    unsafe_character,
)
from ..text import canonical_body, sha256_text

ACTOR_KINDS: tuple[str, ...] = ActorKind.__args__  # type: ignore[attr-defined]
LEAK_KINDS: tuple[str, ...] = LeakKind.__args__  # type: ignore[attr-defined]
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
    if len(entity_id) > MAX_SLUG or not SLUG_RE.fullmatch(entity_id):
        hint = slugify(entity_id)
        raise ScaffoldError(
            f"expected an id of lower-case letters a-z, digits and single hyphens, found '{entity_id}'"
            + (f" (did you mean '{hint}'?)" if hint and hint != entity_id else "")
        )
    if entity_id in urls.RESERVED_IDS:
        raise ScaffoldError(f"the id '{entity_id}' is reserved: choose another with --id")
    return entity_id


def article_id(title: str, when: PartialDate | None) -> str:
    """`YYYY-MM-DD-short-title`: the date as known, then the title's first words."""
    prefix = f"{when}-" if when else ""
    return make_id(title, prefix=prefix, limit=len(prefix) + ID_WORDS_LENGTH)


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
    """Refuse a title or name that the model would refuse (control characters, empty)."""
    problem = unsafe_character(text)
    if problem:
        raise ScaffoldError(f"expected the {what} on one line of plain text, found {problem}")
    if not text.strip():
        raise ScaffoldError(f"expected a {what}, found an empty value")
    return text.strip()


def parse_date(text: str, what: str = "date") -> PartialDate:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD, or a ScaffoldError."""
    try:
        return PartialDate.parse(text)
    except ValueError as error:
        raise ScaffoldError(f"--{what}: {error}") from None


# --- articles -------------------------------------------------------------------------------


@dataclass
class Via:
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
    via: Via | None = None
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
    '#     note: "..."  # optional: context for the reader (Markdown)',
]
ANNOTATIONS_BLOCK = [
    "annotations: []  # editorial notes on exact passages: replace [] by one block like this for each",
    '#   - text: "..."  # the passage, exactly as in the text',
    '#     note: "..."  # your note (Markdown)',
    '#     prefix: "..."  # optional: the words just before, when the passage occurs twice',
    '#     suffix: "..."  # optional: the words just after',
]


def render_article(draft: ArticleDraft) -> str:
    """The article file: front matter with every field explained, then the verbatim text."""
    note = draft.notes.get
    out = ["---"]
    out += [f"# {line}" if line else "#" for line in draft.header]
    out.append(_line("id", draft.id, note("id", "the file name without .md: a-z, 0-9 and single hyphens")))
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
    out.append("source:  # who published the article, and where")
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
    if draft.via:
        via = draft.via
        out.append(_line("via", "", "our copy is a republication: the site we took it from, and when", 2))
        out.append(_line("publisher", via.publisher, via.notes.get("publisher", "an actor id"), 4))
        if via.url:
            out.append(_line("url", yaml_str(via.url), via.notes.get("url", "the copy's address"), 4))
        else:
            out.append('    # url: "https://..."  # the address of the copy')
        out.append(
            _line("retrieved", via.retrieved, via.notes.get("retrieved", "the day the copy was taken"), 4)
        )
    else:
        out += [
            "  # via:  # only when our copy comes from another site than the publisher's:",
            "  #   publisher: some-outlet  # that site: an actor id",
            '  #   url: "https://..."  # the address of the copy',
            "  #   retrieved: YYYY-MM-DD  # the day the copy was taken",
        ]
    out.append('  # archived_url: "https://web.archive.org/web/..."  # a snapshot in a web archive, if any')
    if draft.body:
        sha_note = "SHA-256 of the text below; if the text changes, `leakarchive validate` prints the new one"
    else:
        sha_note = (
            "NO TEXT YET: paste the article, verbatim, below the closing ---; "
            "`leakarchive validate` then prints the checksum to put here"
        )
    out.append(_line("text_sha256", draft.checksum, note("text_sha256", sha_note)))
    out.append('# summary: "..."  # what the article reports, in your own words (Markdown)')
    out += LEAKS_BLOCK
    out.append("actors: []  # actors concerned whom the text does not name (named ones are found by alias)")
    out += [f"# {line}" if line else "#" for line in draft.actors_block]
    out += draft.quotes_block or QUOTES_BLOCK
    out += ANNOTATIONS_BLOCK
    out.append("verification:  # how far the article's claims have been checked")
    out.append(_line("status", draft.status, note("status", f"{STATUSES}: see docs/methodology.md"), 2))
    out.append('  # note: "..."  # why this status: what was checked, and how')
    out.append("  # reviewed_on: YYYY-MM-DD  # the day the status was last reviewed")
    out.append("tags: []  # lower-case ids with hyphens: [leaks, state-media]")
    out += [f"# {line}" if line else "#" for line in draft.trailer]
    out.append("---")
    text = "\n".join(out) + "\n"
    if draft.body:
        text += "\n" + draft.body
    return text


def new_article(
    archive: Path,
    title: str,
    when: str,
    publisher: str,
    *,
    language: str = "en",
    url: str | None = None,
    text: str | None = None,
    entity_id: str | None = None,
) -> tuple[Path, str]:
    """The path and content of a new article file; nothing is written."""
    title = single_line("title", title)
    published = parse_date(when)
    entity_id = check_id(entity_id or article_id(title, published))
    check_id(publisher, "--publisher")
    checked_option("--language", check_language, language)
    if url:
        checked_option("--url", check_http_url, url)
    body = canonical_body(text or "")
    draft = ArticleDraft(
        id=entity_id,
        title=title,
        date=published,
        language=language,
        publisher=publisher,
        body=body,
        url=url,
        header=[
            "A new article. Each field is explained in the comment after it; delete the comments",
            "once the file is filled in. The guide: docs/contributing.md. Check: `leakarchive validate`.",
        ],
    )
    if not body:
        draft.trailer = [
            "THE ARTICLE TEXT GOES BELOW THE CLOSING --- LINE, verbatim. Until it is there,",
            "`leakarchive validate` reports: expected the article text after the front matter.",
        ]
    return archive_path(archive, "article", entity_id, published.year), render_article(draft)


# --- actors and leaks -----------------------------------------------------------------------


def new_actor(archive: Path, name: str, kind: str, *, entity_id: str | None = None) -> tuple[Path, str]:
    """The path and content of a new actor file; nothing is written."""
    name = single_line("name", name)
    entity_id = check_id(entity_id or make_id(name))
    lines = [
        "# A new actor: a person, organisation, outlet or state body. Each field is explained in the",
        "# comment after it; delete the comments once the file is filled in (docs/contributing.md).",
        f"id: {entity_id}  # the file name without .yml: a-z, 0-9 and single hyphens",
        f"name: {yaml_str(name)}  # the usual full name, as texts write it; linked wherever a text uses it",
        f"kind: {kind}  # {' | '.join(ACTOR_KINDS)}",
        'aliases: []  # other ways texts name it, exactly as written, any script: ["Mr. Milani", "میلانی"]',
        '# description: "..."  # who they are, in a sentence or two (Markdown)',
        "# wikidata: Q42  # the Wikidata item, if there is one",
        "# affiliation: some-actor-id  # the organisation or body they belong to: an actor id",
        "links: []  # http(s) addresses about them: an official site, Wikipedia"
        + (
            " (an outlet's own site lets `leakarchive import` recognise its pages)"
            if kind == "outlet"
            else ""
        ),
    ]
    return archive_path(archive, "actor", entity_id), "\n".join(lines) + "\n"


def new_leak(
    archive: Path,
    title: str,
    kind: str,
    *,
    when: str | None = None,
    status: str = "unverified",
    entity_id: str | None = None,
) -> tuple[Path, str]:
    """The path and content of a new leak file; nothing is written."""
    title = single_line("title", title)
    leaked = parse_date(when) if when else None
    entity_id = check_id(entity_id or make_id(title, limit=ID_WORDS_LENGTH))
    date_note = "when it leaked: YYYY, YYYY-MM or YYYY-MM-DD, only as precisely as known"
    lines = [
        "# A new leak: one leaked item (a memo, a recording, a meeting report...). Each field is",
        "# explained in the comment after it; delete the comments once the file is filled in.",
        f"id: {entity_id}  # the file name without .yml: a-z, 0-9 and single hyphens",
        f"title: {yaml_str(title)}  # what the item is, in a few words",
        f"kind: {kind}  # {' | '.join(LEAK_KINDS)}",
        f"date: {leaked}  # {date_note}" if leaked else f"# date: YYYY-MM  # {date_note}",
        "# first_reported_by: some-outlet  # who first published it: an actor id",
        "actors: []  # whom it concerns: actor ids",
        f"status: {status}  # {STATUSES}: see docs/methodology.md",
        "status_history: []  # each change of status, oldest first: replace [] by blocks like this",
        f"#   - status: unverified  # the status from that day on: {STATUSES}",
        "#     date: YYYY-MM-DD  # when it changed, only as precisely as known",
        '#     note: "..."  # what changed it (Markdown)',
        '#     evidence: ["https://..."]  # addresses that show it',
        '# summary: "..."  # what the item is said to contain, and what is known of its origin (Markdown)',
    ]
    return archive_path(archive, "leak", entity_id), "\n".join(lines) + "\n"


# --- the command ----------------------------------------------------------------------------


def add_command(commands: argparse._SubParsersAction) -> None:
    """Register `leakarchive new` and its three kinds."""
    new = commands.add_parser(
        "new",
        help="start a new article, actor or leak file that validates, every field explained",
        description="Write a new archive file at the right path, with an id made from the title or "
        "name, every field explained in a comment. Never overwrites a file.",
    )
    kinds = new.add_subparsers(dest="new_kind", required=True)

    article = kinds.add_parser(
        "article",
        help="a new article (archive/articles/YYYY/<id>.md)",
        description="The article text comes from --text FILE, or from standard input with --text -. "
        "Without --text the body is left empty and text_sha256 is all zeros: `leakarchive validate` "
        "reports the missing text until it is pasted below the front matter, then prints the "
        "checksum to put in text_sha256. To start from a saved web page, use `leakarchive import`.",
    )
    article.add_argument("title", help="the headline, as printed")
    article.add_argument("--date", required=True, help="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    article.add_argument("--publisher", required=True, help="the publishing outlet's actor id")
    article.add_argument("--language", default="en", help="BCP 47 tag of the text (default: en)")
    article.add_argument("--url", help="the address of the original article")
    article.add_argument(
        "--text", metavar="FILE", help="the verbatim article text (UTF-8); '-' reads standard input"
    )

    actor = kinds.add_parser("actor", help="a new actor (archive/actors/<id>.yml)")
    actor.add_argument("name", help="the usual full name")
    actor.add_argument("--kind", required=True, choices=ACTOR_KINDS)

    leak = kinds.add_parser("leak", help="a new leak (archive/leaks/<id>.yml)")
    leak.add_argument("title", help="what the leaked item is, in a few words")
    leak.add_argument("--kind", required=True, choices=LEAK_KINDS)
    leak.add_argument("--date", help="when it leaked: YYYY, YYYY-MM or YYYY-MM-DD")
    leak.add_argument("--status", default="unverified", choices=VERIFICATION_STATUSES)

    for parser in (article, actor, leak):
        parser.add_argument("--id", dest="entity_id", help="the id (default: made from the title or name)")
        parser.add_argument("--archive", type=Path, default=Path("archive"), help="the archive folder")


def run(args: argparse.Namespace) -> int:
    """Carry out `leakarchive new ...`; returns the exit status."""
    try:
        if args.new_kind == "article":
            text = _read_text(args.text) if args.text else None
            path, content = new_article(
                args.archive,
                args.title,
                args.date,
                args.publisher,
                language=args.language,
                url=args.url,
                text=text,
                entity_id=args.entity_id,
            )
        elif args.new_kind == "actor":
            path, content = new_actor(args.archive, args.name, args.kind, entity_id=args.entity_id)
        else:
            path, content = new_leak(
                args.archive,
                args.title,
                args.kind,
                when=args.date,
                status=args.status,
                entity_id=args.entity_id,
            )
        write_new(path, content)
    except ScaffoldError as error:
        print(f"leakarchive new: {error}", file=sys.stderr)
        return 2
    print(path)
    if args.new_kind == "article" and not args.text:
        print(
            "no text yet: paste the article below the front matter, then run `leakarchive validate`",
            file=sys.stderr,
        )
    if args.new_kind == "article" and not (args.archive / "actors" / f"{args.publisher}.yml").exists():
        print(
            f"note: no actor '{args.publisher}' yet: add it with "
            f'`leakarchive new actor "<name>" --kind outlet --id {args.publisher}`',
            file=sys.stderr,
        )
    return 0


def _read_text(source: str) -> str:
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        raise ScaffoldError(f"cannot read {source}: {error.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScaffoldError(f"expected UTF-8 text in {source}") from None


def today() -> str:
    """Today's date, YYYY-MM-DD (a function, so tests can fix it)."""
    return date.today().isoformat()
