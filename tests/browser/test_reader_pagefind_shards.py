"""Pagefind in shards, in the browser: the hosted site indexed again with the shard size lowered
(pagefind_index.index_pagefind's `shard_pages`) so that its pages fall in at least three shards. Words
found only in pages of the second and third shards must find those pages, titled with their kind,
through the site's own search box and Pagefind's own scripts and WebAssembly.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from reader_pages import search
from search_probe import serve

from leakarchive.site import pagefind_index

LETTERS = re.compile(r"[^\W\d_]{6,}")  # words of six letters or more, in any script


@dataclass(frozen=True)
class Sharded:
    """The site indexed in shards, served: its folder, URL, and the site paths of each shard."""

    directory: Path
    url: str
    shards: list[list[str]]


@pytest.fixture(scope="module")
def sharded(builds, tmp_path_factory):
    hosted = builds.site("pagefind")
    folder = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(hosted.directory, folder, ignore=shutil.ignore_patterns("pagefind", "*.zip"))
    pages = pagefind_index.pagefind_pages(folder)
    size = len(pages) // 3
    shards = pagefind_index.pagefind_shards(pages, size)
    assert len(shards) >= 3
    assert pagefind_index.index_pagefind(folder, shard_pages=size).endswith(f"in {len(shards)} shards")
    with serve(folder) as served:
        yield Sharded(folder, served.url, shards)


def fragments(site: Path) -> dict[str, dict]:
    """Pagefind's record of each page it indexed, by site path ('actors/x/')."""
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        found[fragment["url"].lstrip("/")] = fragment
    return found


# What Pagefind leaves out of a page's content: scripts (JSON-LD) and elements marked
# data-pagefind-ignore (lists of other pages' names; none holds another element of its own tag).
UNINDEXED = re.compile(r"<script\b.*?</script>|<(\w+)\b[^>]*\sdata-pagefind-ignore\b[^>]*>.*?</\1>", re.S)


def page_words(site: Path, page: str) -> set[str]:
    """The words of a page's indexed content, as a reader sees them (tags are word breaks)."""
    text = (site / page).read_text("utf-8")
    body = UNINDEXED.sub(" ", text[text.index("data-pagefind-body") :])
    return {word.casefold() for word in LETTERS.findall(html.unescape(re.sub(r"<[^>]*>", " ", body)))}


def own_word(site: Path, page: str, texts: dict[str, str]) -> str | None:
    """A word of `page` that no other page's text has, even with its last two letters dropped (so
    that neither its stem nor a longer word elsewhere matches another page); None if none."""
    url = page.removesuffix("index.html")
    for word in sorted(page_words(site, page)):
        if word in texts[url] and not any(word[:-2] in text for other, text in texts.items() if other != url):
            return word
    return None


def test_words_of_the_second_and_third_shards_find_their_pages(page, sharded):
    site = sharded.directory
    found = fragments(site)
    texts = {url: fragment["content"].casefold() for url, fragment in found.items()}
    queries = []  # (word, site path of its page, title with kind)
    for shard in sharded.shards[1:3]:
        kinds: set[str] = set()
        for path in shard:
            url = path.removesuffix("index.html")
            meta = found[url]["meta"]
            kind = meta.get("kind")
            word = own_word(site, path, texts) if kind and kind not in kinds else None
            if word:
                kinds.add(kind)
                queries.append((word, url, f"{kind}: {meta['title']}"))
        assert kinds, f"no page of kind with a word of its own in shard {sharded.shards.index(shard) + 1}"
    assert len({title.split(":")[0] for _, _, title in queries}) >= 2, queries  # two kinds at least
    page.goto(sharded.url)
    for word, url, title in queries:
        results = {result.path: result.title for result in search(page, word, sharded.url)}
        assert url in results, (word, url, results)
        assert results[url] == title, (word, results[url], title)


def test_a_word_of_pages_in_several_shards_finds_them_all(page, sharded):
    site = sharded.directory
    found = fragments(site)
    texts = {url: fragment["content"].casefold() for url, fragment in found.items()}
    shard_of = {p.removesuffix("index.html"): n for n, shard in enumerate(sharded.shards) for p in shard}
    holders: dict[str, set[str]] = {}
    for url in found:
        for word in page_words(site, url + "index.html"):
            holders.setdefault(word, set()).add(url)

    def in_several_shards(word: str, urls: set[str]) -> bool:
        """In two to five pages, of the first shard and another, and in no other page's text."""
        elsewhere = any(word[:-2] in text for url, text in texts.items() if url not in urls)
        return 2 <= len(urls) <= 5 and not elsewhere and {shard_of[url] for url in urls} > {0}

    word, urls = next((word, urls) for word, urls in sorted(holders.items()) if in_several_shards(word, urls))
    page.goto(sharded.url)
    results = search(page, word, sharded.url)
    assert urls <= {result.path for result in results}, (word, urls, results)


def test_the_sharded_site_has_and_fetches_one_bundle(page, sharded):
    bundle = sharded.directory / "pagefind"
    assert sorted(p.name for p in bundle.iterdir() if p.is_dir()) == ["filter", "fragment", "index"]
    assert len(list(bundle.glob("*.pf_meta"))) == 1
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(sharded.url)
    assert search(page, "Khamenei", sharded.url)
    fetched = [url.removeprefix(sharded.url) for url in requests if url.startswith(sharded.url + "pagefind/")]
    assert "pagefind/pagefind.js" in fetched and sum(path.endswith(".pf_meta") for path in fetched) == 1
