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

The files' text is written by draft.py, which `leakarchive import` shares to fill the same fields
from a page.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..model import VERIFICATION_STATUSES, check_http_url, check_language
from ..text import canonical_body
from .draft import (
    ACTOR_KINDS,
    ID_WORDS_LENGTH,
    LEAK_KINDS,
    ArticleDraft,
    ScaffoldError,
    archive_path,
    article_id,
    check_id,
    checked_option,
    make_id,
    parse_date,
    parse_date_span,
    read_capped,
    render_actor,
    render_article,
    render_leak,
    single_line,
    write_new,
)

# --- articles -------------------------------------------------------------------------------


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
    return archive_path(archive, "actor", entity_id), render_actor(entity_id, name, kind)


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
    leaked = parse_date_span(when) if when else None
    entity_id = check_id(entity_id or make_id(title, limit=ID_WORDS_LENGTH))
    return archive_path(archive, "leak", entity_id), render_leak(entity_id, title, kind, leaked, status)


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
    leak.add_argument(
        "--date",
        help="when it leaked: YYYY, YYYY-MM or YYYY-MM-DD, a range (2009-12/2010-01) or a bound "
        "(before 2010-01-12, after 2009-06)",
    )
    leak.add_argument("--status", default="unverified", choices=VERIFICATION_STATUSES)

    for parser in (article, actor, leak):
        parser.add_argument("--id", dest="entity_id", help="the id (default: made from the title or name)")
        parser.add_argument("--archive", type=Path, default=Path("archive"), help="the archive folder")


def run(args: argparse.Namespace) -> int:
    """Carry out `leakarchive new ...`; returns the exit status. Its errors (ScaffoldError) are
    printed by the command line (cli.main), as every command's are."""
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
    raw = read_capped(source, "the article text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScaffoldError(f"expected UTF-8 text in {source}") from None


def today() -> str:
    """Today's date, YYYY-MM-DD (a function, so tests can fix it)."""
    return date.today().isoformat()
