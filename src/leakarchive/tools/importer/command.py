"""`leakarchive import PATH`: the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..draft import ScaffoldError, archive_path, read_capped, write_new
from .article import import_page


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
    command.add_argument("--title", help="the headline, as printed, when the page's is not found or wrong")
    command.add_argument(
        "--id", dest="entity_id", help="the article's id (default: from the date and headline)"
    )
    command.add_argument("--publisher", help="the publishing outlet's actor id, when it is not recognised")
    command.add_argument("--archive", type=Path, default=Path("archive"), help="the archive folder")


def run(args: argparse.Namespace) -> int:
    """Carry out `leakarchive import`; returns the exit status. Its errors (ScaffoldError) are
    printed by the command line (cli.main), as every command's are."""
    raw = read_capped(args.path, "a page")  # /dev/zero is refused, not read for ever
    result = import_page(
        raw,
        "stdin" if args.path == "-" else args.path,
        archive=args.archive,
        url=args.url,
        when=args.date,
        publisher=args.publisher,
        title=args.title,
        entity_id=args.entity_id,
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
    removed = len(result.cleaned.removed)
    print(target)
    print(
        f"{len(result.cleaned.paragraphs)} paragraphs kept, {removed} line{'s' if removed != 1 else ''} "
        "removed (listed in the draft); next: check the draft, then run `leakarchive validate`",
        file=sys.stderr,
    )
    return 0
