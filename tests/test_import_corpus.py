"""The importer held to its accuracy on the test corpus (tests/fixtures/import-corpus/).

The corpus is 20-odd pages written for this purpose (see its README): news portals, blogs, wire
copy, Persian, Arabic and Spanish sites, saved as HTML and copied as text. `import_accuracy.py`
scores the drafts field by field; a change that reads fewer pages right fails here. When the
importer gets better, raise the floor to what it now reaches.
"""

from __future__ import annotations

import pytest
from import_accuracy import CORPUS, FIELDS, pages, score

FLOOR = {"headline": 22, "date": 22, "authors": 22, "first": 22, "last": 22}
"""Pages (of the corpus) each field must be right on."""


@pytest.fixture(scope="module")
def result():
    return score()


def test_the_corpus_has_twenty_pages_of_every_kind():
    found = pages(CORPUS)
    names = [page.name for page, _ in found]
    assert len(found) >= 20
    assert sum(name.endswith(".html") for name in names) >= 8
    assert sum(name.endswith(".txt") for name in names) >= 8
    for language in (".fa.", ".ar.", ".es."):
        assert sum(language in name for name in names) >= 2, language


@pytest.mark.parametrize("name", FIELDS)
def test_accuracy_does_not_fall(result, name):
    misses = "\n".join(
        f"{page}: expected {wanted!r}, found {got!r}" for page, wanted, got in result.misses[name]
    )
    assert result.hits[name] >= FLOOR[name], misses
