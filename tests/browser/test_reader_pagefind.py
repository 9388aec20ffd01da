"""Search with Pagefind (leakarchive option `search: pagefind`): what the browser fetches, and the
search dialog as a keyboard or screen reader user meets it, with each engine where both apply.

With Pagefind, a hosted page must never fetch Material's index of the whole site
(search/search_index.json), nor Material's search worker; the search box fetches Pagefind's
files only once it has the focus, and then only the pieces of the index a query needs.
"""

from __future__ import annotations

import gzip
import json
import re
import zipfile
from urllib.parse import urlsplit

import pytest
from reader_pages import ACTIVE, SEARCH_PLACEHOLDER, axe_violations, screenshot, search, site_path

RESULTS_AT_ONCE = 10  # leakarchive-search.js shows this many, then more as the reader scrolls
IN_RESULTS = "() => !!document.activeElement.closest('.md-search-result__list')"


@pytest.fixture
def pagefind(builds):
    """The hosted site built with `search: pagefind`, served."""
    return builds.site("pagefind"), builds.url("pagefind")


def test_the_built_site_has_pagefind_and_marks_only_the_content(pagefind):
    site, _ = pagefind
    bundle = site.directory / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert not (bundle / "pagefind-ui.js").exists()  # the ready-made interfaces are not shipped
    home = (site.directory / "index.html").read_text("utf-8")
    assert '<form class="md-search__form" data-leakarchive-search="pagefind">' in home
    assert 'name="search"' not in home  # so Material's bundle fetches no index of its own
    actor = site.directory / site.entity("actor", "fixture-fa-spokesperson") / "index.html"
    body = re.findall(r"<[^>]*\bdata-pagefind-body\b[^>]*>", actor.read_text("utf-8"))
    assert body == [
        '<article class="md-content__inner md-typeset" data-pagefind-body data-pagefind-meta="kind:Actor">'
    ]
    assert "data-pagefind-body" not in (site.directory / "404.html").read_text("utf-8")
    # The offline copy has no Pagefind: it cannot run from disk.
    assert not any(name.startswith("pagefind/") for name in _zip_names(site))


def _zip_names(site) -> list[str]:
    with zipfile.ZipFile(site.directory / "leak-archive-offline.zip") as opened:
        return [name.split("/", 1)[1] for name in opened.namelist()]


def test_a_search_fetches_only_pieces_of_pagefind_and_nothing_else(page, pagefind):
    site, url = pagefind
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(url + site.entity("leak", "fixture-fa-closed-door-documents"))
    page.wait_for_load_state("networkidle")
    loaded = len(urls)
    assert not any("/pagefind/" in u for u in urls), "Pagefind loaded before the search box was used"
    results = search(page, "Khamenei", url)
    assert results
    page.wait_for_load_state("networkidle")
    # Nothing but the site: every request to 127.0.0.1, on this server.
    assert {urlsplit(u).hostname for u in urls if not u.startswith(("data:", "blob:"))} == {"127.0.0.1"}
    assert all(u.startswith(url) for u in urls if not u.startswith(("data:", "blob:")))
    paths = [site_path(url, u.split("?")[0]) for u in urls]
    # Never Material's index of the whole site, nor its search worker.
    assert not [p for p in paths if p.startswith("search/") or "/workers/search." in p], paths
    searched = paths[loaded:]
    assert "pagefind/pagefind.js" in searched
    fragments = [p for p in searched if p.endswith(".pf_fragment")]
    indexes = [p for p in searched if p.endswith(".pf_index")]
    assert 1 <= len(fragments) <= min(len(results), RESULTS_AT_ONCE), fragments  # the results shown
    built = list((site.directory / "pagefind" / "index").glob("*.pf_index"))
    assert 1 <= len(indexes) <= 2 and (len(indexes) < len(built) or len(built) <= 2), (indexes, len(built))


def test_results_are_titled_with_their_kind_and_show_a_passage(page, pagefind):
    site, url = pagefind
    page.goto(url)
    results = search(page, "Closed-door decision documents", url)
    target = site.entity("leak", "fixture-fa-closed-door-documents")
    assert results[0].path == target
    assert results[0].title == "Leak: Closed-door decision documents (test fixture)"
    first = page.locator(".md-search-result__item").first
    marks = first.locator("article > p mark").all_inner_texts()
    assert {"Closed", "door", "decision", "documents"} & {m.strip() for m in marks}, marks
    assert first.locator("h1").get_attribute("dir") == "auto"  # Persian titles read right to left


def test_more_results_come_as_the_reader_scrolls(page, pagefind):
    _, url = pagefind
    page.goto(url)
    search(page, "the", url)
    count = int(re.match(r"\d+", page.locator(".md-search-result__meta").inner_text())[0])
    items = page.locator(".md-search-result__list > .md-search-result__item")
    assert count > RESULTS_AT_ONCE and items.count() == RESULTS_AT_ONCE
    for _ in range(20):
        page.locator(".md-search__scrollwrap").evaluate("e => e.scrollTo(0, e.scrollHeight)")
        page.wait_for_timeout(200)
        if items.count() >= min(count, 3 * RESULTS_AT_ONCE):
            break
    assert items.count() >= min(count, 2 * RESULTS_AT_ONCE)


def test_page_text_is_shown_as_text_never_as_markup(page, pagefind):
    """Pagefind keeps the text of pages as written: markup in it must reach the reader as text."""
    _, url = pagefind
    hostile = '<img src=x onerror="window.hacked=1"> <b>bold</b> & <script>window.hacked=2</script> Khamenei'

    def poison(route):
        body = gzip.decompress(route.fetch().body())
        signature, fragment = body[:12], json.loads(body[12:])
        fragment["content"] = hostile + " " + fragment["content"]
        fragment["meta"]["title"] = "<i>Title</i> " + fragment["meta"].get("title", "")
        data = signature + json.dumps(fragment).encode()
        route.fulfill(body=gzip.compress(data), headers={"content-type": "application/octet-stream"})

    page.route("**/*.pf_fragment", poison)
    page.goto(url)
    search(page, "Khamenei", url)
    first = page.locator(".md-search-result__item").first
    assert "<i>Title</i> " in first.locator("h1").inner_text()
    assert first.locator("img, b, script, i").count() == 0
    assert "<b>bold</b>" in first.locator("article > p").inner_text()
    assert page.evaluate("window.hacked") is None


def open_search(page) -> None:
    """Open the search dialog with the header's search button, as a pointer user does."""
    page.locator("label.md-header__button[for='__search']").click()


def test_the_dialog_takes_the_focus_and_the_keyboard(page, engine):
    """Focus on open, arrow keys through the results, Escape closes, Enter opens the best result."""
    site, url = engine.site, engine.url
    page.set_viewport_size({"width": 390, "height": 844})  # the header's search button shows
    page.goto(url)
    open_search(page)
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    assert page.evaluate("document.getElementById('__search').checked")
    leak = sorted(site.graph.leaks.values(), key=lambda e: e.model.id)[0].model
    results = search(page, leak.title, url)
    assert results
    page.keyboard.press("ArrowDown")
    first = page.evaluate(ACTIVE)
    assert "md-search-result__link" in first["cls"], first
    if len(results) > 1:  # on to the next element of the results, and back
        page.keyboard.press("ArrowDown")
        assert page.evaluate(IN_RESULTS) and page.evaluate(ACTIVE) != first
        page.keyboard.press("ArrowUp")
        assert page.evaluate(ACTIVE) == first
    page.keyboard.press("ArrowUp")
    assert "md-search__input" in page.evaluate(ACTIVE)["cls"]
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.locator(".md-search__input").is_hidden() or not page.evaluate(
        "document.activeElement.classList.contains('md-search__input')"
    )
    # Again, and Enter in the box opens the best result.
    open_search(page)
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    results = search(page, leak.title, url)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert site_path(url, page.url.split("?")[0]) == results[0].path
    assert page.locator("h1").first.inner_text() == leak.title


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_in_the_open_dialog(page, engine, axe_script, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(engine.url)
    search(page, "fixture", engine.url)  # the box is in the header: focusing it opens the dialog
    assert page.evaluate("document.getElementById('__search').checked")
    violations = axe_violations(page, axe_script)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    page.wait_for_timeout(300)  # the results' fade-in, for the screenshot
    screenshot(page, f"desktop-search-dialog-{engine.engine}-{scheme}")


def test_emptying_the_box_clears_the_results(page, pagefind):
    _, url = pagefind
    page.goto(url)
    search(page, "Khamenei", url)
    page.locator("button[type=reset]").click()
    page.wait_for_function(
        "text => document.querySelector('.md-search-result__meta').innerText.trim() === text",
        arg=SEARCH_PLACEHOLDER,
    )
    assert page.locator(".md-search-result__list > li").count() == 0
