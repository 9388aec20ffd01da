"""The `leakarchive` command: validate the archive, write JSON Schemas, export pages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..engine.pipeline import check_archive
from . import scaffold
from .importer import command as importer


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `leakarchive` console script; returns the exit status."""
    parser = argparse.ArgumentParser(prog="leakarchive", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="check the whole archive; exit 1 on any problem")
    check.add_argument("--archive", type=Path, default=Path("archive"), help="the archive folder")
    check.add_argument(
        "--format", choices=("text", "github"), default="text", help="github: workflow annotations"
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

    offline = commands.add_parser(
        "offline", help="zip a built site as a copy that works opened from disk, search included"
    )
    offline.add_argument("site", type=Path, help="the built site (MkDocs' site_dir)")
    offline.add_argument(
        "--zip", default="leak-archive-offline.zip", help="the zip's path in the site folder"
    )

    scaffold.add_command(commands)  # leakarchive new article|actor|leak
    importer.add_command(commands)  # leakarchive import PATH

    args = parser.parse_args(argv)
    if args.command == "new":
        return scaffold.run(args)
    if args.command == "import":
        return importer.run(args)
    if args.command == "validate":
        return _validate(args.archive, args.format)
    if args.command == "schema":
        from .schema import write_schemas

        for path in write_schemas(args.output):
            print(f"wrote {path}")
        return 0
    if args.command == "export":
        return _export(args.archive, args.output, directory_urls=not args.no_directory_urls)
    if args.command == "offline":
        return _offline(args.site, args.zip)
    return 2  # pragma: no cover - argparse rejects unknown commands


def _offline(site: Path, name: str) -> int:
    """The copy to read offline, for a site built without the plugin (which makes it itself)."""
    from ..site.postbuild import OfflineError, make_offline

    try:
        names = make_offline(site, site / name)
    except OfflineError as error:
        print(f"no offline copy: {error}", file=sys.stderr)
        return 1
    print(f"{site / name}: {len(names)} files")
    return 0


def _export(archive: Path, output: Path, *, directory_urls: bool) -> int:
    from ..render.emit import export
    from ..render.renderer import RenderOptions, render
    from ..urls import Links

    checked = check_archive(archive)
    for problem in checked.problems:
        print(problem)
    if checked.problems:
        print(f"{len(checked.problems)} problems: nothing exported", file=sys.stderr)
        return 1
    site = render(checked.graph, RenderOptions(Links(directory_urls)))
    written = export(site, output)
    print(f"{len(site.pages)} pages and {len(site.files)} files in {output} ({len(written)} changed)")
    return 0


def _validate(archive: Path, output_format: str) -> int:
    checked = check_archive(archive)
    for problem in checked.problems:
        print(problem.github() if output_format == "github" else problem)
    graph = checked.graph
    count = len(checked.problems)
    summary = f"{len(graph.articles)} articles, {len(graph.actors)} actors, {len(graph.leaks)} leaks: " + (
        f"{count} problem{'s' if count != 1 else ''}" if count else "no problems"
    )
    print(summary, file=sys.stderr)
    return 1 if count else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
