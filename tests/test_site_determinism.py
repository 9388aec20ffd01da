"""Deterministic: two builds of the same archive give the same bytes.

The two builds run in different temporary folders (so no absolute path may leak into a page) and
with different hash seeds (so no set or dict order may leak either).

MkDocs writes the day of the build (UTC, or SOURCE_DATE_EPOCH when set) into the gzip header of
sitemap.xml.gz (its mtime field), and, once `site_url` is set, into each `<lastmod>` of
sitemap.xml. Checked: a build with SOURCE_DATE_EPOCH=86400 differs from today's in
sitemap.xml.gz only. Two builds on the same day are byte-identical, sitemaps included; for a pair
that straddles midnight, and only then, the sitemaps are compared without that date.
"""

from __future__ import annotations

import gzip
import re

import pytest
from sitebuild import REAL_ARCHIVE, SMALL_ARCHIVE, build_site

DATED = {"sitemap.xml", "sitemap.xml.gz"}


def undated(name: str, data: bytes) -> bytes:
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return re.sub(rb"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>", b"<lastmod/>", data)


@pytest.mark.parametrize("archive", [REAL_ARCHIVE, SMALL_ARCHIVE], ids=["real", "small"])
def test_two_builds_are_byte_identical(tmp_path, archive):
    first = build_site(tmp_path / "one", archive, env={"PYTHONHASHSEED": "1"})
    second = build_site(tmp_path / "elsewhere" / "two", archive, env={"PYTHONHASHSEED": "2"})
    files = {p.relative_to(first.site).as_posix() for p in first.site.rglob("*") if p.is_file()}
    assert files == {p.relative_to(second.site).as_posix() for p in second.site.rglob("*") if p.is_file()}
    assert {"index.html", "data/archive.json", "search/search_index.json"} <= files
    assert any(f.startswith("articles/2") for f in files)
    different = sorted(f for f in files if (first.site / f).read_bytes() != (second.site / f).read_bytes())
    for name in set(different) & DATED:
        # Only a build date may differ, and only when the builds ran on different days.
        assert undated(name, (first.site / name).read_bytes()) == undated(
            name, (second.site / name).read_bytes()
        )
        different.remove(name)
    assert different == []
    # No absolute path of either project leaks into the site.
    for path in first.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert str(tmp_path).encode() not in path.read_bytes(), path
