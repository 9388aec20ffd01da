"""Quote and note anchors last: they come from each entry's own passage (or `id`), so adding,
removing or reordering other quotes and notes never moves a link anyone has cited."""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path

import yaml

from leakarchive.engine.pipeline import check_archive
from leakarchive.model import passage_id

VALID = Path(__file__).parent / "fixtures" / "valid"
ARTICLE = "articles/2010/2010-01-12-budget-memo-leaked.md"
TODAY = date(2026, 11, 25)


def anchors_after(tmp_path: Path, edit) -> dict[str, str]:
    """{quote or note text + speaker: anchor} once `edit` has changed the front matter."""
    archive = tmp_path / "archive"
    shutil.rmtree(archive, ignore_errors=True)
    shutil.copytree(VALID / "archive", archive)
    path = archive / ARTICLE
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    edit(data)
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    checked = check_archive(archive, root=tmp_path, today=TODAY)
    assert [str(p) for p in checked.problems] == []
    article = checked.graph.articles["2010-01-12-budget-memo-leaked"]
    placed = {f"quote {q.text} {q.span}": q.anchor for q in article.quotes}
    placed.update({f"note {n.text} {n.span}": n.anchor for n in article.annotations})
    return placed


def test_anchors_survive_adding_removing_and_reordering(tmp_path):
    before = anchors_after(tmp_path, lambda data: None)
    assert len(before) == 6 and len(set(before.values())) == 6
    rng = random.Random(11)

    def reorder(data):
        rng.shuffle(data["quotes"])
        rng.shuffle(data["annotations"])

    def remove_first(data):
        del data["quotes"][0]
        del data["annotations"][0]

    def add(data):
        data["quotes"].insert(0, {"text": "Ms. Doe", "speaker": "jane-doe"})
        data["annotations"].insert(0, {"text": "A memo leaked", "note": "New."})

    for edit in (reorder, remove_first, add):
        after = anchors_after(tmp_path, edit)
        kept = {key: anchor for key, anchor in after.items() if key in before}
        assert kept == {key: before[key] for key in kept}, edit.__name__
    assert len(anchors_after(tmp_path, remove_first)) == 4
    assert len(anchors_after(tmp_path, add)) == 8


def test_derived_ids_read_as_words_or_hash_the_letters():
    assert (
        passage_id("I think the purged and discontented officials are")
        == "i-think-the-purged-and-discontented"
    )
    assert passage_id("Khamenei’s grip") == passage_id("Khamenei's  grip") == "khameneis-grip"
    assert (
        passage_id("we will not comment", suffix="until the audit is done")
        == "we-will-not-comment-until-the-audit"
    )
    persian = passage_id("این سند جعلی است")
    assert len(persian) == 10 and persian == passage_id("این  سند جعلی است")
    assert persian != passage_id("این سند جعلی است", prefix="گفت")
