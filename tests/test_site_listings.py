"""Long lists stay small: an actor named in many articles gets a preview and paginated listing
pages, and every entry is still reachable. Built from a synthetic archive (scripts/make_archive.py).
"""

from __future__ import annotations

import re

import pytest
from make_archive import make_archive
from sitebuild import build_site, parse_html

from leakarchive.render.pages import PAGE_SIZE, PREVIEW

ARTICLES = 160
ZENSICAL_SEARCH_LIMIT = 32 * 1024  # bytes of text Zensical accepts in one page's search entry


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    make_archive(ARTICLES, folder / "source")
    return build_site(folder / "site", folder / "source" / "archive")


def article_links(element) -> list[str]:
    return [a.attrs["href"] for a in element.find_all("a") if "/articles/" in a.attrs.get("href", "")]


def listing_entries(site, first_page: str) -> list[str]:
    """Follow a listing's pager from its first page; return the article ids of every entry."""
    found = []
    page_file = site.page_file(first_page)
    pages = [page_file]
    main = site.page(first_page).find("article", class_="md-content__inner")
    pager = main.find_all("nav", class_="la-pager")
    if pager:
        for a in pager[0].find_all("a"):
            pages.append((page_file.parent / a.attrs["href"]).resolve() / "index.html")
    for path in pages:
        html = parse_html(path.read_text(encoding="utf-8"))
        lists = html.find("div", class_="la-listing").find_all("ul", class_="la-articles")
        items = lists[0].find_all("li")
        assert len(items) <= PAGE_SIZE
        found += [re.search(r"articles/([^/]+)/", a)[1] for li in items for a in article_links(li)[:1]]
    return found


def test_a_busy_actor_gets_a_preview_and_paginated_listing(big_site):
    actor_page = big_site.page("actors/actor-00000.md").find("article", class_="md-content__inner")
    articles_list = actor_page.find("ul", class_="la-articles")
    assert len(articles_list.find_all("li")) == PREVIEW
    more = [p for p in actor_page.find_all("p", class_="la-more") if "articles →" in p.text]
    assert more, "no link to the full list"
    total = int(re.search(r"All (\d+) articles", more[0].text)[1])
    assert total > PAGE_SIZE  # the synthetic archive names actor 0 in a quarter of its texts
    entries = listing_entries(big_site, "actors/actor-00000/articles.md")
    assert len(entries) == total
    assert len(set(entries)) == total  # every article once, none lost between pages


def test_timeline_year_pages_hold_every_article(big_site):
    years = big_site.page("articles/index.md").find("ul", class_="la-years").find_all("li")
    seen = []
    for li in years:
        year = li.find("a").text
        seen += listing_entries(big_site, f"timeline/{year}.md")
    assert len(seen) == ARTICLES == len(set(seen))


def test_no_page_holds_more_text_than_a_search_engine_accepts(big_site):
    for path in big_site.html_files():
        if "/articles/" in path.as_posix() and "/timeline/" not in path.as_posix():
            continue  # an article is as long as its text; the limit is about listings
        html = parse_html(path.read_text(encoding="utf-8"))
        articles = html.find_all("article", class_="md-content__inner")
        for article in articles:
            assert len(article.text.encode("utf-8")) < ZENSICAL_SEARCH_LIMIT, path
