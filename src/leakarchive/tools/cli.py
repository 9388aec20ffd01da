"""The `leakarchive` command: validate the archive, write JSON Schemas, export pages."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any

from ..engine.link import ArchiveGraph, link_changes, mention_counts, mention_links
from ..engine.pipeline import check_archive
from ..errors import EXIT_OK, EXIT_PROBLEMS, EXIT_STATUS_HELP, EXIT_USAGE, LeakArchiveError, UsageError
from ..problems import counted
from . import scaffold
from .importer import command as importer


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `leakarchive` console script; returns the exit status (see errors.py)."""
    args = _parser().parse_args(argv)  # bad usage: argparse prints it and exits with EXIT_USAGE
    try:
        return _run(args)
    except LeakArchiveError as error:
        print(f"leakarchive {args.command}: {error}", file=sys.stderr)
        return error.exit_status
    except OSError as error:  # a path the command cannot read or write: bad input, not a bug
        where = f": {error.filename}" if error.filename else ""
        print(f"leakarchive {args.command}: {error.strerror or error}{where}", file=sys.stderr)
        return EXIT_USAGE


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps descriptions as usual, but keeps the exit status table as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text == EXIT_STATUS_HELP:
            return textwrap.indent(text, indent)
        return super()._fill_text(text, width, indent)


class _Parser(argparse.ArgumentParser):
    """A parser whose `--help` ends with what the exit status means; the parsers of subcommands
    (down to `new article`) are of the same class, so every `--help` says it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("epilog", EXIT_STATUS_HELP)
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="leakarchive", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="check the whole archive; exit 1 on any problem")
    check.add_argument("--archive", type=Path, default=Path("archive"), help="the archive folder")
    check.add_argument(
        "--format", choices=("text", "github"), default="text", help="github: workflow annotations"
    )
    check.add_argument(
        "--mentions", action="store_true", help="print how many articles name each actor (to compare runs)"
    )
    check.add_argument(
        "--links-against",
        type=Path,
        metavar="BASE",
        help="print the mention links this archive adds or drops against the archive folder BASE "
        "(a pull request's base): what a new or changed alias does to every article",
    )

    schema = commands.add_parser("schema", help="write a JSON Schema for each kind of file")
    schema.add_argument("--output", type=Path, default=Path("schemas"), help="folder to write into")

    export = commands.add_parser(
        "export", help="write the generated pages as Markdown, for engines without plugins"
    )
    export.add_argument("output", type=Path, help="folder to write the pages into (e.g. a docs dir)")
    export.add_argument("--archive", type=Path, default=Path("archive"), help="the archive folder")
    export.add_argument(
        "--no-directory-urls",
        action="store_true",
        help="link pages as page.html (for a site built with use_directory_urls: false)",
    )
    export.add_argument(
        "--drafts",
        action="store_true",
        help="also export files a reviewer would send back (validate's 'review' problems): previews, tests",
    )

    offline = commands.add_parser(
        "offline", help="zip a built site as a copy that works opened from disk, search included"
    )
    offline.add_argument("site", type=Path, help="the built site (MkDocs' site_dir)")
    offline.add_argument(
        "--zip", default="leak-archive-offline.zip", help="the zip's path in the site folder"
    )

    scaffold.add_command(commands)  # leakarchive new article|actor|leak
    importer.add_command(commands)  # leakarchive import PATH
    return parser


def _run(args: argparse.Namespace) -> int:
    if args.command == "new":
        return scaffold.run(args)
    if args.command == "import":
        return importer.run(args)
    if args.command == "validate":
        return _validate(args.archive, args.format, mentions=args.mentions, base=args.links_against)
    if args.command == "schema":
        from .schema import write_schemas

        _folder_to_write(args.output, "--output")
        for path in write_schemas(args.output):
            print(f"wrote {path}")
        return EXIT_OK
    if args.command == "export":
        return _export(
            args.archive, args.output, directory_urls=not args.no_directory_urls, drafts=args.drafts
        )
    if args.command == "offline":
        return _offline(args.site, args.zip)
    raise UsageError(f"unknown command {args.command}")  # pragma: no cover - argparse refuses it


def _archive_folder(archive: Path, argument: str = "--archive") -> None:
    """Refuse an --archive that is no folder: a wrong path, not a problem in the archive."""
    if not archive.is_dir():
        found = "a file" if archive.exists() else "nothing"
        raise UsageError(f"{argument} {archive}: expected the archive folder, found {found}")


def _folder_to_write(folder: Path, argument: str) -> None:
    """Refuse an output folder that is a file, before anything is written."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{argument} {folder}: expected a folder to write into, found a file")


def _offline(site: Path, name: str) -> int:
    """The copy to read offline, for a site built without the plugin (which makes it itself)."""
    from ..site.postbuild import make_offline

    if not (site / "index.html").is_file():
        raise UsageError(f"{site}: expected a built site (a folder with index.html), found none")
    names = make_offline(site, site / name)
    print(f"{site / name}: {len(names)} files")
    return EXIT_OK


def _export(archive: Path, output: Path, *, directory_urls: bool, drafts: bool = False) -> int:
    from ..render.drafts import marked_draft, refused_and_drafts
    from ..render.emit import export
    from ..render.pages import RenderOptions
    from ..render.renderer import Site, render
    from ..site.inputs import unsafe_entries
    from ..urls import Links

    _archive_folder(archive)
    _folder_to_write(output, "output")
    # The folder is a copy of docs/ that MkDocs will publish: a link there would bring a
    # machine's file into the site, as in docs/ itself (see site/inputs.py).
    unsafe = unsafe_entries(output, Path.cwd()) if output.exists() else []
    for entry in unsafe:
        print(entry)
    checked = check_archive(archive)
    for problem in checked.problems:
        print(problem)
    refused, unfinished = refused_and_drafts(checked.problems, preview=drafts)
    if refused or unsafe:
        print(f"{counted(len(refused) + len(unsafe))}: nothing exported", file=sys.stderr)
        return EXIT_PROBLEMS
    site = render(checked.graph, RenderOptions(Links(directory_urls)))
    # An unfinished file's page says so at its top, as in `mkdocs serve`.
    site = Site({path: marked_draft(page, unfinished) for path, page in site.pages.items()}, site.files)
    written = export(site, output)
    print(f"{len(site.pages)} pages and {len(site.files)} files in {output} ({len(written)} changed)")
    return EXIT_OK


def _validate(archive: Path, output_format: str, *, mentions: bool = False, base: Path | None = None) -> int:
    _archive_folder(archive)
    if base is not None:
        _archive_folder(base, "--links-against")
    checked = check_archive(archive)
    for problem in checked.problems:
        print(problem.github() if output_format == "github" else problem)
    graph = checked.graph
    _print_mentions(graph, every_actor=mentions)
    if base is not None:
        _print_link_changes(graph, base, output_format)
    count = len(checked.blocking)
    warnings = len(checked.problems) - count
    summary = f"{len(graph.articles)} articles, {len(graph.actors)} actors, {len(graph.leaks)} leaks: "
    summary += counted(count) if count else "no problems"
    if warnings:
        summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
    print(summary, file=sys.stderr)
    return EXIT_PROBLEMS if count else EXIT_OK


def _print_mentions(graph: ArchiveGraph, *, every_actor: bool) -> None:
    """What the archive's names link: a reviewer sees at once an alias that names everything."""
    ranked = sorted(mention_counts(graph).items(), key=lambda item: (-item[1], item[0]))
    if every_actor:
        for actor, count in ranked:
            print(f"{actor}: named in {count} article{'s' if count != 1 else ''}")
    if ranked:
        most = ", ".join(f"{actor} {count}" for actor, count in ranked[:5])
        print(f"mentions: articles naming each actor, most first: {most}", file=sys.stderr)


def _print_link_changes(graph: ArchiveGraph, base: Path, output_format: str) -> None:
    """The mention links the change adds and drops against the base archive, per actor; the base's
    own problems are its own (it is checked only to be compared with)."""
    changes = link_changes(mention_links(check_archive(base).graph), mention_links(graph))
    for actor, added, removed in changes.by_actor():
        print(f"{actor}: {added} new link{'s' if added != 1 else ''}, {removed} gone")
    summary = changes.summary(f"against {base}")
    if output_format == "github":
        print(f"::notice title=Mention links::{summary.replace('%', '%25')}")
    print(summary, file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
