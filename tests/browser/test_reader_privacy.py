"""Privacy: a visit contacts no host but the site itself (no fonts, CDN, analytics, APIs).

The browser walks the main pages, searches and follows a result, recording every request; any
request to a host other than 127.0.0.1 fails the test (and is refused, so nothing leaves).
The hosted build used here has a repository link (conftest.TEST_REPO_URL), so Material's
repository widget, which would ask the host's API for stars, is covered too.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from reader_pages import main_pages, search

from leakarchive.site.postbuild import external_resources


def test_walking_the_site_contacts_no_other_host(page, guard, engine):
    """With either search engine; with Pagefind, Material's index of the whole site is never
    fetched (see also test_reader_pagefind.py)."""
    server, hosted = engine.url, engine.site
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for number, (name, path) in enumerate(main_pages(hosted.graph).items()):
        response = page.goto(server + hosted.path(path))
        assert response is not None and response.ok, f"{name}: {path}"
        if number == 0:  # the theme's scripts are the same on every page: let them all run once
            page.wait_for_load_state("networkidle")
    results = search(page, "Khamenei", server)
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    assert results
    hosts = {urlsplit(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, sorted(url for url in requests if "127.0.0.1" not in url)
    assert guard.refused == []
    # The walk did load the theme: fonts, if any, would have been among these requests.
    assert any("/assets/stylesheets/" in url for url in requests)
    fetched_index = any("/search/search_index.json" in url for url in requests)
    assert fetched_index == (engine.engine == "lunr")
    assert any("/pagefind/" in url for url in requests) == (engine.engine == "pagefind")


def test_no_built_page_loads_a_resource_from_elsewhere(hosted):
    pages = sorted(hosted.directory.rglob("*.html"))
    found = {str(p.relative_to(hosted.directory)): external_resources(p.read_text("utf-8")) for p in pages}
    assert {page: refs for page, refs in found.items() if refs} == {}


def test_the_repository_link_asks_no_api(hosted):
    """Material fetches repository facts for an element marked data-md-component="source"."""
    home = (hosted.directory / "index.html").read_text("utf-8")
    assert 'class="md-source"' in home  # the link is there...
    assert 'data-md-component="source"' not in home  # ...but not the widget that calls the API
