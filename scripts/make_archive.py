#!/usr/bin/env python3
"""Write a synthetic, valid archive of N articles, deterministically, for benchmarks and scale tests.

    python scripts/make_archive.py 10000 /tmp/big

writes /tmp/big/archive/{articles/YYYY,actors,leaks}: N articles of about 900 words, N/20 actors
with aliases, N/3 leaks, and several quotes and leak references per article. A few actors are
named in a large share of the articles (as real archives have their Khameneis), so listing pages
get long. The same N always gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

from leakarchive.text import canonical_body, sha256_text

SEED = 20100112
STATUSES = ("unverified", "corroborated", "confirmed", "disputed", "fabricated")
LEAK_KINDS = ("memo", "audio", "video", "cables", "meeting-report", "account", "database", "other")
STANCES = ("reports", "corroborates", "disputes", "denies")
SYLLABLES = [
    "ka",
    "mi",
    "ra",
    "za",
    "de",
    "no",
    "fa",
    "ri",
    "sa",
    "ba",
    "te",
    "lo",
    "ha",
    "mo",
    "ne",
    "di",
    "ja",
    "ve",
    "pa",
    "su",
    "ro",
    "ki",
    "ta",
    "le",
    "ma",
    "ga",
    "bi",
    "zo",
    "re",
    "ya",
    "ni",
    "ho",
    "fe",
    "da",
    "sha",
    "kho",
    "gol",
    "par",
    "vin",
]
# A vocabulary of made-up words: no real names or claims can appear by accident.
WORDS = sorted({a + b + c for a in SYLLABLES[:16] for b in SYLLABLES[8:24] for c in ("", "n", "r", "st")})


def name_for(index: int) -> tuple[str, str]:
    """A unique synthetic given name and surname for actor `index`."""
    digits, n = [], index + 7
    while True:
        digits.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
        if not n:
            break
    surname = "".join(digits).capitalize() + "vand"
    given = SYLLABLES[index % len(SYLLABLES)].capitalize() + SYLLABLES[(index // 3) % len(SYLLABLES)] + "n"
    return given, surname


def sentence(rng: random.Random, length: int) -> str:
    """A sentence of made-up words."""
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def dump(data: dict) -> str:
    """YAML with every value quoted as text, which is how the archive reads it anyway."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_style=None)


def make_archive(count: int, out: Path) -> None:
    """Write the synthetic archive under `out/archive`."""
    rng = random.Random(SEED)
    archive = out / "archive"
    for folder in ("actors", "leaks", "articles"):
        (archive / folder).mkdir(parents=True, exist_ok=True)

    actor_count = max(4, count // 20)
    leak_count = max(2, count // 3)
    actors = []
    for index in range(actor_count):
        given, surname = name_for(index)
        actor_id = f"actor-{index:05d}"
        kind = ("person", "person", "organization", "state-body", "outlet")[index % 5]
        name = f"{given} {surname}" if kind == "person" else f"{surname} Agency"
        aliases = [f"Mr. {surname}"] if kind == "person" else [f"{surname.upper()}A"]
        actors.append((actor_id, name, aliases, kind))
        data = {
            "id": actor_id,
            "name": name,
            "kind": kind,
            "aliases": aliases,
            # Few actors, named in most texts: a small synthetic archive names each in over half.
            "broad_aliases": list(aliases),  # a copy: the same list twice would be a YAML alias
            "description": f"A synthetic {kind} for benchmarks. {sentence(rng, 12)}",
        }
        (archive / "actors" / f"{actor_id}.yml").write_text(dump(data), encoding="utf-8")
    outlets = [a for a in actors if a[3] == "outlet"]

    leaks = []
    for index in range(leak_count):
        leak_id = f"leak-{index:05d}"
        year = 2000 + index % 26
        status = STATUSES[index % len(STATUSES)]
        title = f"Leak {index}: {sentence(rng, 6)[:-1]}"  # drawn in this order: the archive stays the same
        concerned = sorted({_popular(rng, actor_count) for _ in range(3)})
        history = [{"status": "unverified", "date": f"{year}-{1 + index % 12:02d}", "note": sentence(rng, 8)}]
        if status != "unverified":  # a reviewer wants each status justified (review.py)
            history.append({"status": status, "date": f"{year}-12-31", "note": "Reviewed again."})
        data = {
            "id": leak_id,
            "title": title,
            "kind": LEAK_KINDS[index % len(LEAK_KINDS)],
            "date": f"{year}-{1 + index % 12:02d}",
            "actors": concerned,
            "status": status,
            "status_history": history,
            "summary": sentence(rng, 30),
        }
        data["actors"] = [actors[i][0] for i in data["actors"]]
        leaks.append(leak_id)
        (archive / "leaks" / f"{leak_id}.yml").write_text(dump(data), encoding="utf-8")

    for index in range(count):
        year = 2000 + index % 26
        month, day = 1 + (index // 26) % 12, 1 + (index // 312) % 28
        article_id = f"{year}-{month:02d}-{day:02d}-synthetic-{index:05d}"
        cast = sorted({_popular(rng, actor_count) for _ in range(5)})
        people = [actors[i] for i in cast]
        paragraphs, quotes = [], []
        used: set[str] = set()
        for p in range(12):
            parts = [sentence(rng, rng.randint(12, 20)) for _ in range(4)]
            speaker = people[p % len(people)]
            if p % 3 == 0:
                quote = sentence(rng, 10)[:-1] + f" {index} {p}"
                while quote in used:
                    quote += " " + rng.choice(WORDS)
                used.add(quote)
                parts.append(f"“{quote},” said {speaker[1]}.")
                quotes.append({"text": quote + ",", "speaker": speaker[0]})
            else:
                parts.append(f"{speaker[2][0]} was named here.")
            paragraphs.append(" ".join(parts))
        body = canonical_body("\n\n".join(paragraphs))
        publisher = outlets[index % len(outlets)][0] if outlets else actors[0][0]
        data = {
            "id": article_id,
            "title": f"Synthetic article {index}: {sentence(rng, 6)[:-1]}",
            "date": f"{year}-{month:02d}-{day:02d}",
            "language": "en",
            "source": {"publisher": publisher, "url": f"https://example.org/{year}/{index}"},
            "text_sha256": sha256_text(body),
            "summary": sentence(rng, 25),
            "leaks": [
                {"leak": leaks[(index * 7 + k) % len(leaks)], "stance": STANCES[(index + k) % 4]}
                for k in range(3)
            ],
            "quotes": quotes,
            "verification": _verification(STATUSES[index % len(STATUSES)], year),
            "tags": [f"topic-{index % 40}"],
        }
        folder = archive / "articles" / str(year)
        folder.mkdir(exist_ok=True)
        text = f"---\n{dump(data)}---\n\n{body}"
        (folder / f"{article_id}.md").write_text(text, encoding="utf-8")


def _verification(status: str, year: int) -> dict[str, str]:
    """A status, justified as a reviewer wants it (note and date) when above unverified."""
    if status == "unverified":
        return {"status": status}
    return {"status": status, "note": "Checked for the benchmark.", "reviewed_on": f"{year}-12-31"}


def _popular(rng: random.Random, count: int) -> int:
    """An actor index skewed towards the first few: a handful appear in a large share of texts."""
    if rng.random() < 0.25:
        return rng.randrange(min(4, count))
    return rng.randrange(count)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("articles", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="folder to create the archive/ folder in")
    args = parser.parse_args(argv)
    if (args.out / "archive").exists():
        print(f"{args.out / 'archive'} exists: choose an empty folder", file=sys.stderr)
        return 1
    make_archive(args.articles, args.out)
    print(f"wrote {args.articles} articles to {args.out / 'archive'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
