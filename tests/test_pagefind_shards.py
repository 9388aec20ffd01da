"""Pagefind in shards (pagefind_index.index_pagefind): a large site is indexed a few thousand pages at a
time, so that Pagefind's memory stays bounded, and the shards' bundles are merged into the one
bundle Pagefind writes for the whole site in one run. Here the shard size is lowered so that small
sites have several shards. In the browser: tests/browser/test_reader_pagefind_shards.py.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from leakarchive.site import pagefind_index

MARK = re.compile(r"<[a-zA-Z][^<>]*\sdata-pagefind-body[\s>=/]")  # a tag with the attribute


def copy_site(site: Path, folder: Path) -> Path:
    """A copy of a built site, without its Pagefind bundle."""
    shutil.copytree(site, folder, ignore=shutil.ignore_patterns("pagefind", "*.zip"))
    return folder


def marked_pages(site: Path) -> list[str]:
    """The site's HTML pages with a tag marked data-pagefind-body, read independently of pagefind_index."""
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if MARK.search(p.read_text("utf-8"))
    )


def url_of(page: str) -> str:
    """The URL Pagefind gives a page of the site: 'actors/x/index.html' -> '/actors/x/'."""
    return "/" + page.removesuffix("index.html")


def three_shards(pages: list) -> int:
    """A shard size that makes at least three shards of `pages`."""
    assert len(pages) >= 6, pages
    return len(pages) // 3


def decoded(bundle: Path) -> dict:
    """Everything a search can read from a Pagefind bundle, by URL instead of page number: for each
    language, its pages (word count, fragment), words (spelling -> URL -> positions on the page,
    positions in meta fields by field name), filters (value -> URLs), and the index chunks' bounds."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    languages = {}
    for language, info in entry["languages"].items():
        version, pages, chunks, filters, sorts, fields = read(bundle / f"pagefind.{info['hash']}.pf_meta")
        urls, page_data = [], {}
        for name, word_count in pages:
            fragment = gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
            url = json.loads(fragment[len(b"pagefind_dcd") :])["url"]
            urls.append(url)
            page_data[url] = (word_count, fragment)
        assert len(set(urls)) == len(urls) == info["page_count"]

        words = {}
        for _, _, name in chunks:
            for word, packed_pages, spellings in read(bundle / "index" / f"{name}.pf_index")[0]:
                assert word not in words
                words[word] = {"": by_url(packed_pages, urls, fields)} | {
                    form: by_url(packed, urls, fields) for form, packed in spellings
                }
        values = {}
        for _, name in filters:
            filter_name, filter_values = read(bundle / "filter" / f"{name}.pf_filter")
            values[filter_name] = {value: sorted(urls[p] for p in pages) for value, pages in filter_values}
        languages[language] = {
            "version": version,
            "pages": page_data,
            "words": words,
            "filters": values,
            "sorts": sorts,
            "meta fields": fields,
            "chunks": [(first, last) for first, last, _ in chunks],
        }
    return languages


def by_url(packed_pages: list, urls: list[str], fields: list[str]) -> dict:
    """A word's pages ([page number difference, positions, meta positions]) by URL, with meta
    positions by field name."""
    found, number = {}, 0
    for difference, positions, meta_positions in packed_pages:
        number += difference
        named = [fields[-1 - p] if p < 0 else p for p in meta_positions]
        found[urls[number]] = (positions, named)
    return found


def read(path: Path):
    return pagefind_index._cbor_decode(pagefind_index._read_pf(path))


def bundle_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def pages_of_small_site(small_site) -> list[str]:
    return pagefind_index.pagefind_pages(small_site.site)


def test_every_marked_page_is_in_exactly_one_shard(small_site, pages_of_small_site, tmp_path):
    site = small_site.site
    pages = pages_of_small_site
    assert pages == marked_pages(site)  # not the lists (home, indexes), nor 404.html
    assert "404.html" not in pages and "index.html" not in pages
    size = three_shards(pages)
    shards = pagefind_index.pagefind_shards(pages, size)
    assert len(shards) >= 3 and all(1 <= len(shard) <= size for shard in shards)
    dealt = [page for shard in shards for page in shard]
    assert sorted(dealt) == pages and len(set(dealt)) == len(dealt)
    # And after indexing, the site's one bundle has each of them once, with its own URL.
    copy = copy_site(site, tmp_path / "site")
    assert pagefind_index.index_pagefind(copy, shard_pages=size).endswith(f"in {len(shards)} shards")
    (found,) = decoded(copy / "pagefind").values()
    assert sorted(found["pages"]) == sorted(url_of(page) for page in pages)
    assert not (copy / pagefind_index._PAGEFIND_WORK).exists()  # the work folder is gone


def test_a_sharded_index_is_the_index_of_one_pagefind_run(small_site, pages_of_small_site, tmp_path):
    whole = copy_site(small_site.site, tmp_path / "whole")
    sharded = copy_site(small_site.site, tmp_path / "sharded")
    assert "shards" not in pagefind_index.index_pagefind(whole)
    pagefind_index.index_pagefind(sharded, shard_pages=three_shards(pages_of_small_site))
    expected, merged = decoded(whole / "pagefind"), decoded(sharded / "pagefind")
    assert merged.keys() == expected.keys()
    for language, index in expected.items():
        assert index["words"] and index["filters"]["kind"]
        for part in index:
            assert merged[language][part] == index[part], part

    # The same files and folders otherwise: Pagefind's scripts and WebAssembly, not its unused
    # interfaces.
    def top_files(site: Path) -> set[str]:
        return {p.name for p in (site / "pagefind").iterdir() if p.suffix != ".pf_meta"}

    names = top_files(whole)
    assert names == top_files(sharded) and "pagefind.js" in names
    assert not any(name.endswith(pagefind_index.PAGEFIND_UNUSED) for name in names)


def test_sharded_indexing_gives_the_same_bytes_every_time(small_site, pages_of_small_site, tmp_path):
    size = three_shards(pages_of_small_site)
    one = copy_site(small_site.site, tmp_path / "one")
    two = copy_site(small_site.site, tmp_path / "elsewhere" / "two")
    pagefind_index.index_pagefind(one, shard_pages=size)
    (one / "pagefind" / "index" / "stale.pf_index").write_bytes(b"")
    pagefind_index.index_pagefind(one, shard_pages=size)  # again: the old bundle is replaced
    pagefind_index.index_pagefind(two, shard_pages=size)
    assert bundle_files(one) == bundle_files(two)


def test_pagefind_runs_one_shard_at_a_time_on_that_shard_s_pages(
    small_site, pages_of_small_site, tmp_path, monkeypatch
):
    size = three_shards(pages_of_small_site)
    runs: list[list[str]] = []
    run = pagefind_index._run_pagefind

    def recorded(site: Path, bundle: Path) -> list[str]:
        runs.append(sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")))
        return run(site, bundle)

    monkeypatch.setattr(pagefind_index, "_run_pagefind", recorded)
    pagefind_index.index_pagefind(copy_site(small_site.site, tmp_path / "site"), shard_pages=size)
    assert runs == [sorted(shard) for shard in pagefind_index.pagefind_shards(pages_of_small_site, size)]


PAGES = {
    # Two spellings of one word, a filter and the meta field "kind".
    "cafe/index.html": '<article data-pagefind-body data-pagefind-meta="kind:Article" '
    'data-pagefind-filter="kind:Article"><h1>Café society</h1><p>The café and the cafe.</p></article>',
    # A meta field no other page has.
    "pictured/index.html": '<article data-pagefind-body data-pagefind-meta="kind:Leak">'
    '<h1>A recording</h1><p data-pagefind-meta="source">Tape</p><p>It reached the cafe.</p></article>',
    # No kind, no filter; Persian, right to left.
    "about/index.html": "<article data-pagefind-body><h1>About</h1><p>درباره آرشیو. Café.</p></article>",
    "leaks/memo/index.html": '<article data-pagefind-body data-pagefind-meta="kind:Leak" '
    'data-pagefind-filter="kind:Leak"><h1>The memo</h1><p>A memo about the recording.</p></article>',
    "actors/x/index.html": '<article data-pagefind-body data-pagefind-meta="kind:Actor" '
    'data-pagefind-filter="kind:Actor"><h1>X</h1><p>X wrote the memo.</p></article>',
    # Not indexed: no mark, only a text that names it.
    "index.html": "<main><p>Pages marked <code>data-pagefind-body</code> are indexed.</p></main>",
}


def write_site(folder: Path, pages: dict[str, str]) -> Path:
    for path, body in pages.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<html lang="en"><body><nav>Menu</nav>{body}</body></html>', "utf-8")
    return folder


@pytest.mark.parametrize("shard_pages", [1, 2, 3])
def test_spellings_filters_and_meta_fields_survive_the_merge(tmp_path, shard_pages):
    whole, sharded = write_site(tmp_path / "whole", PAGES), write_site(tmp_path / "sharded", PAGES)
    assert pagefind_index.pagefind_pages(sharded) == sorted(set(PAGES) - {"index.html"})
    pagefind_index.index_pagefind(whole)
    summary = pagefind_index.index_pagefind(sharded, shard_pages=shard_pages)
    assert summary.startswith("5 pages, ") and summary.endswith(f"in {-(-5 // shard_pages)} shards")
    expected, merged = decoded(whole / "pagefind"), decoded(sharded / "pagefind")
    assert merged == expected
    index = expected["en"]
    assert index["meta fields"] == ["kind", "source", "title"]
    assert index["filters"]["kind"] == {
        "Actor": ["/actors/x/"], "Article": ["/cafe/"], "Leak": ["/leaks/memo/"],
    }  # fmt: skip
    assert set(index["words"]["cafe"]) == {"", "café"}  # "café", kept as a spelling of "cafe"
    assert "/" not in index["pages"]


def test_a_site_that_marks_nothing_is_indexed_whole(tmp_path):
    pages = {f"page-{n}/index.html": f"<p>Page {n} of words.</p>" for n in range(5)}
    site = write_site(tmp_path / "plain", pages)
    (site / "404.html").write_text("<html><body><p>Not found</p></body></html>", "utf-8")
    assert len(pagefind_index.pagefind_pages(site)) == 6
    assert pagefind_index.index_pagefind(site, shard_pages=2).startswith("6 pages, ")


def test_sort_keys_cannot_be_merged_and_say_so(tmp_path):
    sorted_pages = {
        f"p{n}/index.html": f'<article data-pagefind-body data-pagefind-sort="date:200{n}">Text {n}</article>'
        for n in range(3)
    }
    site = write_site(tmp_path / "site", sorted_pages)
    with pytest.raises(pagefind_index.PagefindError, match="sort"):
        pagefind_index.index_pagefind(site, shard_pages=2)
    assert not (site / pagefind_index._PAGEFIND_WORK).exists()
    assert pagefind_index.index_pagefind(site).startswith("3 pages, ")  # in one run, as before


def test_leftovers_of_an_interrupted_build_are_neither_indexed_nor_kept(tmp_path):
    site = write_site(tmp_path / "site", PAGES)
    stale = site / pagefind_index._PAGEFIND_WORK / "pages" / "old" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("<article data-pagefind-body>Stale</article>", "utf-8")
    assert "old/index.html" not in " ".join(pagefind_index.pagefind_pages(site))
    pagefind_index.index_pagefind(site, shard_pages=2)
    assert not (site / pagefind_index._PAGEFIND_WORK).exists()
    assert "/old/" not in decoded(site / "pagefind")["en"]["pages"]


def test_the_shard_size_must_be_positive():
    with pytest.raises(ValueError):
        pagefind_index.pagefind_shards(["a.html"], 0)
    assert pagefind_index.pagefind_shards([], 10) == [[]]
    assert pagefind_index.pagefind_shards(list("abcde"), 2) == [["a", "d"], ["b", "e"], ["c"]]
