"""The real archive validates and builds: the first check a contributor's change must pass."""

from pathlib import Path

from leakarchive.engine.pipeline import check_archive

ROOT = Path(__file__).resolve().parent.parent


def test_real_archive_has_no_problems():
    checked = check_archive(ROOT / "archive", root=ROOT)
    assert [str(p) for p in checked.problems] == []
    assert len(checked.graph.articles) >= 1
