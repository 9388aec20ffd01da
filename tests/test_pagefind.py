"""Search engines (leakarchive option `search`): the Pagefind index of a built site, what the theme
marks for it, and the choice in mkdocs.yml. In the browser: tests/browser/test_reader_pagefind.py.
"""

from __future__ import annotations

import gzip
import json
import re
import zipfile

import pytest
from sitebuild import SMALL_ARCHIVE, build, build_site, make_project, plugin_options

from leakarchive.site import pagefind_index


def fragments(site) -> dict[str, dict]:
    """Pagefind's record of each page it indexed: {URL: {content, meta, ...}}."""
    found = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        found[fragment["url"]] = fragment
    return found


def test_pagefind_is_the_default_and_indexes_each_page_s_content(small_site):
    site = small_site.site
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    assert sorted(p.name for p in bundle.iterdir() if p.name.startswith("pagefind-") and "ui" in p.name) == []
    assert not (bundle / "pagefind-highlight.js").exists()
    pages = {
        p
        for p in site.rglob("*.html")
        if "data-pagefind-body" in p.read_text("utf-8") and not p.is_relative_to(bundle)
    }
    found = fragments(site)
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(pages) == len(found)
    assert "/404.html" not in found and "/methodology/" in found
    # Articles, actors and leaks, and the hand-written pages: not the generated lists of them.
    assert "/" not in found and "/actors/" not in found and not any("/tags/" in url for url in found)
    actor = found["/actors/jane-roe/"]
    assert actor["meta"]["kind"] == "Actor" and actor["meta"]["title"] == "Jane Roe"
    assert {f["meta"].get("kind") for f in found.values()} >= {"Article", "Actor", "Leak"}
    # Only the content: not the header, the navigation or the footer.
    for fragment in found.values():
        for chrome in ("Skip to content", "Made with", "Type to start searching", "Table of contents"):
            assert chrome not in fragment["content"], (fragment["url"], chrome)


def test_the_offline_copy_has_no_pagefind(small_site):
    with zipfile.ZipFile(small_site.site / "leak-archive-offline.zip") as opened:
        names = opened.namelist()
        home = opened.read("leak-archive/index.html").decode("utf-8")
    assert "leak-archive/search/search_index.js" in names
    assert not [name for name in names if name.startswith("leak-archive/pagefind/")]
    # The form is unnamed; leakarchive-search.js names it "search" on file:// (tests/browser).
    assert 'data-leakarchive-search="pagefind"' in home
    assert "assets/javascripts/leakarchive-search.js" in home


def test_lunr_keeps_material_s_search_alone(tmp_path):
    built = build_site(tmp_path / "lunr", SMALL_ARCHIVE, plugin_options(search="lunr"))
    assert not (built.site / "pagefind").exists()
    home = built.page_file("index.md").read_text("utf-8")
    assert '<form class="md-search__form" name="search">' in home
    assert "data-pagefind" not in home.replace('data-pagefind-filter="kind:Article"', "")
    assert "leakarchive-search.js" not in home


def test_an_unknown_engine_fails_the_build_clearly(tmp_path):
    project = make_project(tmp_path / "project", SMALL_ARCHIVE, plugin_options(search="elasticsearch"))
    built = build(project, check=False)
    assert built.returncode != 0
    assert "search" in built.output and "pagefind" in built.output and "lunr" in built.output
    assert "Traceback" not in built.output


def test_index_pagefind_reads_only_the_marked_content_and_gives_the_same_bytes(tmp_path):
    def site(folder):
        folder.mkdir()
        (folder / "index.html").write_text(
            '<html lang="en"><body><nav>Navigation words</nav>'
            '<article data-pagefind-body data-pagefind-meta="kind:Leak"><h1>A memo</h1>'
            "<p>The memo reached the newsroom.</p></article><footer>Footer words</footer></body></html>",
            "utf-8",
        )
        return folder

    one, two = site(tmp_path / "one"), site(tmp_path / "two")
    assert pagefind_index.index_pagefind(one).startswith("1 page, ")
    (one / "pagefind" / "fragment" / "stale.pf_fragment").write_bytes(b"")
    pagefind_index.index_pagefind(one)  # again: the old bundle is replaced, not added to
    assert not (one / "pagefind" / "fragment" / "stale.pf_fragment").exists()
    pagefind_index.index_pagefind(two)
    found = fragments(one)
    assert list(found) == ["/"]
    assert found["/"]["meta"] == {"kind": "Leak", "title": "A memo"}
    assert "Navigation" not in found["/"]["content"] and "Footer" not in found["/"]["content"]
    assert bundle(one) == bundle(two)


def bundle(site) -> dict[str, bytes]:
    files = (site / "pagefind").rglob("*")
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in files if p.is_file()}


def test_index_pagefind_failures_are_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-binary"))
    with pytest.raises(pagefind_index.PagefindError):
        pagefind_index.index_pagefind(tmp_path)


def test_pagefind_indexes_persian_spellings_folded_and_readers_keep_theirs(tmp_path):
    """The zero-width non-joiner and Arabic yeh and kaf must not matter to search: Pagefind reads
    a folded copy of such a page (the search box folds queries the same way); the page a reader
    opens keeps its spelling, and a page without them is linked, not copied."""
    site, mirror = tmp_path / "site", tmp_path / "mirror"
    (site / "a").mkdir(parents=True)
    original = "<p>علي خامنه\u200cای ـ كروبی</p>"
    (site / "a" / "index.html").write_text(original, "utf-8")
    (site / "b.html").write_text("<p>Khamenei</p>", "utf-8")
    pagefind_index._link_pages(site, ["a/index.html", "b.html"], mirror)
    assert (mirror / "a" / "index.html").read_text("utf-8") == "<p>علی خامنهای  کروبی</p>"
    assert (site / "a" / "index.html").read_text("utf-8") == original
    assert (mirror / "b.html").stat().st_ino == (site / "b.html").stat().st_ino


def test_lists_of_other_pages_names_are_in_neither_index(small_site):
    """An actor's "Appears with" ("Jane Roe 2 articles"), its articles, an article's actors:
    they repeat other pages' names, and made every name find every page."""
    site = small_site.site
    found = fragments(site)
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    lunr_text = {doc["location"]: doc["text"] for doc in docs}
    checked = 0
    for page in sorted(site.glob("actors/*/index.html")):
        html = page.read_text("utf-8")
        url = f"actors/{page.parent.name}/"
        for listed in re.findall(r'<ul class="la-list la-co-actors"[^>]*>(.*?)</ul>', html, re.S):
            for item in re.findall(r"<li>(.*?)</li>", listed):
                words = " ".join(re.sub(r"<[^>]+>", " ", item).split())
                assert words not in found["/" + url]["content"], (url, words)
                assert all(
                    words not in text for location, text in lunr_text.items() if location.startswith(url)
                )
                checked += 1
    assert checked
    # Generated lists (home, indexes, tags) are out of Material's index too.
    assert "" not in lunr_text and "actors/" not in lunr_text and not any("tags/" in x for x in lunr_text)
