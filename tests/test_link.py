"""Finding actors named in a text (link.MentionFinder): whole words, the longest name, never
overlapping; checked against a plain reference on random texts."""

from __future__ import annotations

import random
import re
from pathlib import Path
from types import SimpleNamespace

from forking import run_sharing_work
from make_archive import make_archive

from leakarchive.engine.link import MentionFinder
from leakarchive.model import Actor
from leakarchive.text import normalize


def finder(**names: list[str]) -> MentionFinder:
    actors = [
        SimpleNamespace(model=Actor(id=actor, name=aliases[0], kind="person", aliases=aliases[1:]))
        for actor, aliases in names.items()
    ]
    return MentionFinder(actors)


def found(finder: MentionFinder, text: str) -> list[tuple[str, str]]:
    return [(m.actor, text[m.span.start : m.span.end]) for m in finder.find(normalize(text))]


def test_names_are_whole_words_and_the_longest_wins():
    names = finder(khamenei=["Ali Khamenei", "Khamenei"], iran=["Iran"], ali=["Ali"])
    assert found(names, "Ali Khamenei met Ali in Iran.") == [
        ("khamenei", "Ali Khamenei"),
        ("ali", "Ali"),
        ("iran", "Iran"),
    ]
    assert found(names, "Iranian Alibaba") == []


def test_names_in_other_scripts_are_found_like_aliases():
    irgc = Actor(
        id="irgc", name="Islamic Revolutionary Guard Corps", kind="state-body",
        names={"fa": "سپاه پاسداران انقلاب اسلامی"}, aliases=["سپاه"],
    )  # fmt: skip
    names = MentionFinder([SimpleNamespace(model=irgc)])
    text = "فرماندهان سپاه پاسداران انقلاب اسلامی گفتند که سپاه آماده است."
    assert found(names, text) == [("irgc", "سپاه پاسداران انقلاب اسلامی"), ("irgc", "سپاه")]
    assert found(names, "سپاهیان") == []  # a name is a whole word in Persian too


def test_a_name_starting_inside_a_rejected_match_is_still_found():
    # "Ali Khamenei" matches inside "DAli Khamenei" and is refused; "Khamenei" inside it must
    # not be lost.
    names = finder(khamenei=["Ali Khamenei"], short=["Khamenei"])
    assert found(names, "DAli Khamenei said") == [("short", "Khamenei")]


def test_mentions_map_back_to_the_original_text_across_folded_white_space():
    names = finder(guards=["Revolutionary Guards"])
    text = "The  Revolutionary\n\n  Guards  said"
    assert found(names, text) == [("guards", "Revolutionary\n\n  Guards")]


def test_same_mentions_as_a_lookbehind_regex_on_random_texts():
    names = {"a": ["Ali", "Ali Reza"], "b": ["Reza"], "c": ["li"], "d": ["Mr. Ali"], "e": ["za R"]}
    mention_finder = finder(**names)
    actor_of = {name: actor for actor, aliases in names.items() for name in aliases}
    alternatives = sorted(actor_of, key=len, reverse=True)
    reference = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!(?<=\w)\w)")
    rng = random.Random(6)
    words = ["Ali", "Reza", "MAli", "li", "Mr.", "AliReza", "za", "R", "-", "é", "x"]
    for _ in range(2000):
        text = rng.choice(["", " "]).join(rng.choices(words, k=rng.randint(1, 8)))
        text = " ".join(text.split(" "))
        expected = [(actor_of[m.group()], m.group()) for m in reference.finditer(text)]
        assert found(mention_finder, text) == expected, text


def linked(archive: Path) -> tuple:
    """What checking `archive` found: its problems, then what linking found, article by
    article in the graph's order, and the backlinks."""
    from leakarchive.engine.pipeline import check_archive

    checked = check_archive(archive)
    graph = checked.graph
    placed = [(a.id, a.quotes, a.annotations, a.mentions, a.actors) for a in graph.articles.values()]
    backlinks = [graph.articles_by_actor, graph.quotes_by_actor, graph.reports_by_leak, graph.co_actors]
    return checked.problems, placed, backlinks


def test_a_large_archive_is_linked_in_two_processes_with_the_same_result(tmp_path):
    make_archive(60, tmp_path)
    serial = linked(tmp_path / "archive")
    pools, shared = run_sharing_work(
        linked, tmp_path / "archive", minimums={"leakarchive.engine.link.PARALLEL_MIN_ARTICLES": 2}
    )
    assert pools == 1
    assert shared == serial and serial[1]
