"""Links hold: a crawl of built sites finds every internal link, file and #anchor.

Run on the real archive and on the small fixture archive, with directory URLs (`actors/x/`, for a
hosted site) and without (`actors/x.html`, for a site read from disk).
"""

from __future__ import annotations

import json
from collections import Counter, deque
from urllib.parse import urlsplit

import pytest
from sitebuild import BuiltSite, Element, is_external, parse_html, resolve

LINK_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "source": "src",
    "iframe": "src",
}


@pytest.fixture(scope="module", params=["real_site", "small_site", "small_site_flat", "small_site_zensical"])
def site(request) -> BuiltSite:
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Element]:
    """Every HTML page of the site, parsed, by its path in the site folder."""
    return {
        path.relative_to(site.site).as_posix(): parse_html(path.read_text("utf-8"))
        for path in site.html_files()
    }


def internal_links(document: Element):
    for element in document.iter():
        attribute = LINK_ATTRIBUTES.get(element.tag)
        url = element.attrs.get(attribute) if attribute else None
        if url is not None and not is_external(url):
            yield element, url


def test_every_internal_link_and_anchor_exists(site, pages):
    broken = []
    for path, document in pages.items():
        for element, url in internal_links(document):
            target, fragment = resolve(site.site, site.site / path, url)
            if target is None:
                broken.append(f"{path}: <{element.tag}> {url}: no such file")
                continue
            if fragment and target.suffix == ".html":
                ids = pages[target.relative_to(site.site).as_posix()].ids
                if fragment not in ids:
                    broken.append(f"{path}: {url}: no element with id '{fragment}'")
    assert broken == []
    # The crawl did look at the generated pages' links (not an empty site).
    assert sum(1 for document in pages.values() for _ in internal_links(document)) > 50 * len(pages) / 10


def test_ids_are_unique_on_every_page(pages):
    for path, document in pages.items():
        counts = Counter(e.attrs["id"] for e in document.iter() if e.attrs.get("id"))
        assert [i for i, n in counts.items() if n > 1] == [], path


def test_search_index_locations_exist(site, pages):
    material = site.site / "search" / "search_index.json"
    if material.exists():
        docs = json.loads(material.read_text("utf-8"))["docs"]
    else:  # Zensical's own
        docs = json.loads((site.site / "search.json").read_text("utf-8"))["items"]
    assert docs
    for doc in docs:
        location = urlsplit(doc["location"])
        target, _ = resolve(site.site, site.site / "index.html", location.path or "./")
        assert target is not None, doc["location"]
        if location.fragment:
            assert location.fragment in pages[target.relative_to(site.site).as_posix()].ids, doc["location"]


def test_every_page_is_reachable_from_the_home_page(site, pages):
    """Every page can be reached by following links, starting from the home page."""
    seen = {"index.html"}
    queue = deque(seen)
    while queue:
        path = queue.popleft()
        for element, url in internal_links(pages[path]):
            if element.tag != "a":
                continue
            target, _ = resolve(site.site, site.site / path, url)
            if target is not None and target.suffix == ".html":
                relative = target.relative_to(site.site).as_posix()
                if relative not in seen:
                    seen.add(relative)
                    queue.append(relative)
    assert set(pages) - seen == {"404.html"}


def test_navigation_lists_sections_not_every_article(site, pages):
    """MkDocs' navigation cost grows with the square of its size: articles, actors and leaks are
    reached from the index pages, and the navigation lists only those."""
    for path in ("index.html", next(p for p in pages if p.startswith("articles/2"))):
        nav = pages[path].find("nav", class_="md-nav--primary")
        for link in nav.find_all("a"):
            if is_external(link.attrs["href"]):
                continue  # the repository
            target, _ = resolve(site.site, site.site / path, link.attrs["href"])
            relative = target.relative_to(site.site).as_posix()
            assert relative.split("/")[0] not in ("articles", "actors", "leaks") or relative.split("/")[
                1
            ] in (
                "index.html",
                "",
            ), f"{path}: the navigation lists {relative}"
