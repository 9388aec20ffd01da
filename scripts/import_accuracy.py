#!/usr/bin/env python3
"""How well `leakarchive import` reads the pages of its test corpus, field by field.

    python scripts/import_accuracy.py [--corpus tests/fixtures/import-corpus] [--archive archive] [-v]

Each page of the corpus (`<name>.html` or `<name>.txt`) has beside it `<name>.expected.yml`:
the headline, the publication date (`null` when the page shows none), the authors (`[]` for no
byline), and the first and last sentence of the article. The importer's draft is scored on:

- headline: the draft's title, white space aside, is the expected headline;
- date: the draft's date is the expected one (None for `null`);
- authors: the draft's authors are the expected list, in order;
- first / last: the draft's text starts with the first sentence / ends with the last one.

Prints one line per field (`headline 21/22 95%`) and, with -v, every miss.
`score(corpus, archive)` returns the same as data, for the test that holds the importer to it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "import-corpus"
FIELDS = ("headline", "date", "authors", "first", "last")
TODAY = date(2026, 11, 30)


@dataclass
class Score:
    """Hits per field, and what was found where it missed: {field: [(page, expected, found)]}."""

    pages: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: dict[str, list[tuple[str, object, object]]] = field(
        default_factory=lambda: {name: [] for name in FIELDS}
    )

    def ratio(self, name: str) -> float:
        return self.hits[name] / self.pages if self.pages else 0.0


def pages(corpus: Path) -> list[tuple[Path, dict]]:
    """Each page of the corpus with its expected values, by name."""
    found = []
    for expected in sorted(corpus.glob("*.expected.yml")):
        stem = expected.name.removesuffix(".expected.yml")
        page = next(p for p in (corpus / f"{stem}.html", corpus / f"{stem}.txt") if p.exists())
        found.append((page, yaml.safe_load(expected.read_text(encoding="utf-8"))))
    return found


def found_values(page: Path, archive: Path) -> dict[str, object]:
    """What the importer's draft says for each field."""
    from leakarchive.tools.importer.article import import_page

    draft = import_page(page.read_bytes(), page.name, archive=archive, today=TODAY).draft
    return {
        "headline": " ".join((draft.title or "").split()) or None,
        "date": str(draft.date) if draft.date else None,
        "authors": list(draft.authors),
        "body": draft.body,
    }


def score(corpus: Path = CORPUS, archive: Path = ROOT / "archive") -> Score:
    """Import every page of the corpus and compare the draft with the expected values."""
    result = Score()
    for page, expected in pages(corpus):
        result.pages += 1
        found = found_values(page, archive)
        body = str(found["body"]).strip()
        wanted_date = str(expected["date"]) if expected.get("date") else None
        checks = {
            "headline": (expected["headline"], found["headline"], found["headline"] == expected["headline"]),
            "date": (wanted_date, found["date"], found["date"] == wanted_date),
            "authors": (expected["authors"], found["authors"], found["authors"] == expected["authors"]),
            "first": (expected["first"], body[:120], body.startswith(expected["first"])),
            "last": (expected["last"], body[-120:], body.endswith(expected["last"])),
        }
        for name, (wanted, got, hit) in checks.items():
            if hit:
                result.hits[name] += 1
            else:
                result.misses[name].append((page.name, wanted, got))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--archive", type=Path, default=ROOT / "archive")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    result = score(args.corpus, args.archive)
    print(f"{result.pages} pages")
    for name in FIELDS:
        print(f"{name:9} {result.hits[name]:3}/{result.pages} {result.ratio(name):4.0%}")
        if args.verbose:
            for page, wanted, got in result.misses[name]:
                print(f"    {page}: expected {wanted!r}\n    {' ' * len(page)}  found    {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
