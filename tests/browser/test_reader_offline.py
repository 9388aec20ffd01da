"""The offline copy (the zip every build offers), unzipped and opened from disk, network off.

Chromium refuses fetch() and Web Workers on file://: navigation, styles and search must work
all the same, and nothing may be loaded from anywhere but the folder.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from reader_pages import (
    DESKTOP,
    PHONE,
    Guard,
    open_context,
    persian_article,
    quoted_actor,
    screenshot,
    search,
    site_path,
)

from leakarchive.site.postbuild import external_resources


@pytest.fixture
def disk(browser, offline):
    """A page in a context with no network, allowed only file:// URLs; yields (page, requests)."""
    guard = Guard(frozenset({"file"}))
    context = open_context(browser, guard, viewport=DESKTOP, offline=True)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, requests
    context.close()
    assert errors == [], f"script errors in the page: {errors}"
    assert guard.refused == [], f"requests that left the disk: {guard.refused}"
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert outside == [], f"requests that left the disk: {outside}"


def file_url(offline, page: str = "index.md") -> str:
    return (offline.directory / offline.path(page)).as_uri()


def test_pages_link_to_files(offline):
    """From disk a folder does not open its index.html: every internal link names the file."""
    home = (offline.directory / "index.html").read_text("utf-8")
    actor = offline.entity("actor", quoted_actor(offline.graph))
    assert actor.endswith("/index.html") and (offline.directory / actor).is_file()
    assert 'href="actors/index.html"' in home
    folder_links = re.findall(r'\shref="((?![a-z]+:|#)[^"]*/(?:#[^"]*)?)"', home)
    assert folder_links == []


def test_no_page_loads_anything_from_elsewhere(offline):
    pages = sorted(offline.directory.rglob("*.html"))
    assert len(pages) > 10
    found = {str(p.relative_to(offline.directory)): external_resources(p.read_text("utf-8")) for p in pages}
    assert {page: refs for page, refs in found.items() if refs} == {}


def test_the_zip_is_offered_on_the_site(hosted, offline_zip, server, page):
    """The page "Reading offline" links to the zip, and the server serves it."""
    page.goto(server + hosted.path("offline/index.md"))
    link = page.locator("article a", has_text="Download")
    assert site_path(server, link.evaluate("a => a.href")) == offline_zip.name
    response = page.request.get(server + offline_zip.name)
    assert response.ok and response.body() == offline_zip.read_bytes()
    with zipfile.ZipFile(offline_zip) as opened:
        names = opened.namelist()
    assert "leak-archive/index.html" in names and "leak-archive/search/search_index.js" in names
    assert not any(name.endswith(offline_zip.name) for name in names)  # not inside itself


def test_navigation_and_styles_work_from_disk(disk, offline):
    page, requests = disk
    page.goto(file_url(offline))
    # Styles: Material's, its palette and ours are applied.
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(55, 71, 79)"  # --md-primary-fg-color of the palette in leakarchive.css
    assert page.evaluate("getComputedStyle(document.querySelector('.la-counts')).display") == "flex"
    screenshot(page, "offline-home")
    # Navigation: the tabs and the links between generated pages.
    page.locator(".md-tabs__link", has_text="Actors").click()
    page.wait_for_url("**/" + offline.path("actors/index.md"))
    assert page.locator("h1").first.inner_text() == "Actors"
    actor = offline.graph.actors[quoted_actor(offline.graph)].model
    page.locator("article a", has_text=actor.name).first.click()
    page.wait_for_url(f"**/{offline.entity('actor', actor.id)}")
    assert page.locator("h1").first.inner_text() == actor.name
    # From a generated page back up to a hand-written one.
    page.locator(".md-tabs__link", has_text="About").click()
    page.wait_for_url("**/" + offline.path("methodology.md"))
    assert any(url.endswith("/assets/leakarchive.css") for url in requests)


def test_search_works_from_disk(disk, offline):
    page, _ = disk
    # From a page one folder down, so relative paths to the index and the worker are exercised.
    actor = offline.graph.actors[quoted_actor(offline.graph)].model
    start = file_url(offline, "leaks/index.md")
    page.goto(start)
    # Built for Pagefind or not, the copy searches with Material's lunr: its form is "search".
    assert page.evaluate("document.forms.namedItem('search') !== null")
    base = file_url(offline)
    results = search(page, actor.name, base)
    target = offline.entity("actor", actor.id)
    assert target in [r.path for r in results]
    assert next(r.title for r in results if r.path == target) == f"Actor: {actor.name}"
    article = persian_article(offline.graph)
    assert offline.entity("article", article) in [r.path for r in search(page, "مستقلی", base)]
    results = search(page, actor.name, base)
    page.wait_for_timeout(300)  # the results' fade-in, for the screenshot
    screenshot(page, "offline-search-results")
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_load_state()
    assert site_path(base, page.url.split("?")[0]) == results[0].path
    assert page.locator("h1").first.is_visible()


def test_search_works_from_disk_on_a_phone(browser, offline):
    guard = Guard(frozenset({"file"}))
    context = open_context(browser, guard, viewport=PHONE, is_mobile=True, has_touch=True, offline=True)
    page = context.new_page()
    page.goto(file_url(offline))
    page.locator("label.md-header__button[for='__search']").click()
    leak = sorted(offline.graph.leaks.values(), key=lambda e: e.model.id)[0].model
    results = search(page, leak.title, file_url(offline))
    assert offline.entity("leak", leak.id) in [r.path for r in results]
    page.wait_for_timeout(300)
    screenshot(page, "offline-phone-search-results")
    context.close()
    assert guard.refused == []
