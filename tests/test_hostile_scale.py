"""Attacks by size: every command's work grows at most linearly with its input.

Small files made validate slow: a wrong quote in a 1 MB article cost 14 s per quote looking for
the closest passage; five actor files with 95,000 long aliases took 10 s and 1.8 GB. Each hot spot
is fed a large input here and its result checked (the work is counted where it can be, never
timed): the budgets of `budgets.py` bound the inputs, and the algorithms are linear within them.
"""

from __future__ import annotations

import difflib
import random
import shutil
from pathlib import Path

import yaml
from sitebuild import SMALL_ARCHIVE

from leakarchive import budgets
from leakarchive.engine.link import MentionFinder
from leakarchive.engine.pipeline import check_archive
from leakarchive.engine.validate import Entry
from leakarchive.model import Actor
from leakarchive.text import closest_passage, fold, normalize

WORDS = [f"w{index}" for index in range(5_000)]


def long_text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def test_the_closest_passage_of_a_wrong_quote_in_a_megabyte_is_found_with_bounded_comparisons(monkeypatch):
    rng = random.Random(14)
    before, after = long_text(rng, 90_000), long_text(rng, 90_000)  # about 1 MB
    passage = "the minister said the purged officials were never paid for their silence"
    text = fold(f"{before} {passage} {after}")
    compared = [0]
    ratio = difflib.SequenceMatcher.ratio

    def counting(self):
        compared[0] += 1
        return ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counting)
    found = closest_passage(text, "the minister said the purged officials were never paid for their silense")
    assert found == passage
    assert compared[0] <= 4 * 3 * 5  # the best windows, three widths, five starts: not one per word


def test_mentions_of_the_most_aliases_allowed_are_found_in_one_pass_over_a_megabyte():
    """20 actors with the most aliases allowed (the pattern grows linearly with their length,
    which `budgets.MAX_NAME` bounds), over 1 MB of text: every mention, in order."""
    rng = random.Random(1402)
    actors = []
    for number in range(20):
        aliases = [f"Alias{number}x{k} " + "n" * rng.randint(1, 100) for k in range(budgets.MAX_ALIASES)]
        actor = Actor(id=f"actor-{number}", name=f"Name Number{number}", kind="person", aliases=aliases)
        actors.append(Entry(actor, None))  # type: ignore[arg-type]  # no file: the finder reads only the actor
    finder = MentionFinder(actors)
    assert finder.problems == []
    expected, parts = [], []
    for _ in range(2_000):
        parts.append(long_text(rng, 80))
        number, k = rng.randrange(20), rng.randrange(-1, budgets.MAX_ALIASES)
        name = actors[number].model.name if k < 0 else actors[number].model.aliases[k]
        parts.append(name + ",")
        expected.append(f"actor-{number}")
    text = normalize(" ".join(parts))  # about 1 MB
    assert len(text.text) > 1_000_000
    assert [mention.actor for mention in finder.find(text)] == expected


def write_actor(archive, data: dict) -> None:
    path = archive / "actors" / f"{data['id']}.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


def test_lists_over_their_budgets_are_refused_at_their_line(tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(SMALL_ARCHIVE, archive)
    aliases = [f"Alias number {index}" for index in range(budgets.MAX_ALIASES + 1)]
    links = [f"https://example.org/{index}" for index in range(budgets.MAX_LINKS + 1)]
    write_actor(archive, {"id": "many", "name": "Many Names", "kind": "person", "aliases": aliases})
    write_actor(archive, {"id": "linked", "name": "Many Links", "kind": "person", "links": links})
    found = [str(problem) for problem in check_archive(archive, root=tmp_path).problems]
    assert found == [
        f"archive/actors/linked.yml:5:1: links: expected at most {budgets.MAX_LINKS} items, found "
        f"{budgets.MAX_LINKS + 1}",
        f"archive/actors/many.yml:5:1: aliases: expected at most {budgets.MAX_ALIASES} items, found "
        f"{budgets.MAX_ALIASES + 1}",
    ]


def test_every_budget_is_listed_with_its_value_in_the_contributing_guide_and_the_readme():
    root = Path(__file__).resolve().parent.parent
    names = [name for name in vars(budgets) if name.isupper()]
    assert len(names) >= 20
    for document in (root / "docs" / "contributing.md", root / "README.md"):
        rows = [line for line in document.read_text("utf-8").splitlines() if line.startswith("| ")]
        for name in names:
            value = getattr(budgets, name)
            shown = f"{value:,}" if isinstance(value, int) else str(value)
            row = next((line for line in rows if f"`{name}`" in line), None)
            assert row is not None, f"{document.name} lists no {name}"
            assert shown in row, f"{document.name}: {name} is {shown}, not in: {row}"


def test_the_issues_five_files_of_95000_long_aliases_are_refused_each_at_its_line(tmp_path):
    """The attack of issue 14: five actor files under the size limit, 19,000 aliases each."""
    archive = tmp_path / "archive"
    shutil.copytree(SMALL_ARCHIVE, archive)
    for number in range(5):
        aliases = "".join(f"  - Alias {number} {index:05d} {'x' * 80}\n" for index in range(19_000))
        text = f"id: bomb-{number}\nname: Bomb {number}\nkind: person\naliases:\n{aliases}"
        assert len(text.encode()) < budgets.MAX_FILE_BYTES
        (archive / "actors" / f"bomb-{number}.yml").write_text(text, "utf-8")
    found = [str(problem) for problem in check_archive(archive, root=tmp_path).problems]
    assert found == [
        f"archive/actors/bomb-{number}.yml:5:3: aliases: expected at most {budgets.MAX_ALIASES} items, "
        "found 19000"
        for number in range(5)
    ]
