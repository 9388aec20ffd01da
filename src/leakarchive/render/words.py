"""Words as readers read them: plurals, lists of names, what a verification status means, names
in the order people sort them. (Language names: `model.language_name`.)"""

from __future__ import annotations

import unicodedata

STATUS_MEANINGS = {
    "unverified": "reported, not independently checked",
    "corroborated": "independent accounts agree",
    "confirmed": "authenticated, or acknowledged by its source",
    "disputed": "denied or contested with evidence",
    "fabricated": "shown to be false",
}
"""Each verification status in a few words (the methodology page says it at length)."""

_IRREGULAR = {"person": "people", "body": "bodies", "entity": "entities"}


def plural(noun: str, count: int) -> str:
    """`noun` as `count` asks: 'article' for 1, 'articles' otherwise."""
    if count == 1:
        return noun
    lower = noun.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower] if noun.islower() else _IRREGULAR[lower].capitalize()
    return noun + "s"


def and_join(names: list[str] | tuple[str, ...]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def name_key(name: str) -> tuple[str, str]:
    """How a list of names sorts as readers expect: by its letters as shown, ignoring case and
    accents (as the actors index does), never by id."""
    folded = unicodedata.normalize("NFKD", name).casefold()
    letters = "".join(char for char in folded if not unicodedata.combining(char))
    return (letters, name)
