"""Accessibility: axe-core finds no serious or critical violation, and the keyboard reaches
search, the quote list and every quote's place in the text.

axe-core comes from npm (package.json, `npm ci`) and is injected into each page by Playwright.
"""

from __future__ import annotations

import json

import pytest
from reader_pages import (
    ACTIVE,
    DESKTOP,
    axe_violations,
    english_article,
    main_pages,
    open_context,
    screenshot,
    search,
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(axe_script, browser, guard, server, hosted, scheme):
    context = open_context(browser, guard, viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    report = {}
    for name, path in main_pages(hosted.graph).items():
        page.goto(server + hosted.path(path))
        violations = axe_violations(page, axe_script)
        if violations:
            report[name] = violations
        if scheme == "light" or name in ("article", "home"):
            screenshot(page, f"desktop-{name}" if scheme == "light" else f"desktop-dark-{name}")
    context.close()
    assert guard.refused == []
    assert report == {}, json.dumps(report, indent=1, ensure_ascii=False)


def press_tab_until(page, condition: str, limit: int = 400) -> dict:
    """Press Tab until the focused element satisfies the JS predicate `condition` (given the
    element); return a description of it. Fails after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({condition}); }}"):
            return page.evaluate(ACTIVE)
    raise AssertionError(f"Tab never reached an element where {condition}; last: {page.evaluate(ACTIVE)}")


def test_keyboard_reaches_search_and_opens_a_result(page, engine):
    server, hosted = engine.url, engine.site
    page.goto(server)
    press_tab_until(page, "e.classList.contains('md-search__input')", limit=20)
    actor = next(iter(sorted(hosted.graph.actors.values(), key=lambda e: e.model.id))).model
    search(page, actor.name, server)  # typed with the keyboard; waits for this query's results
    page.keyboard.press("ArrowDown")  # Material moves the focus into the results
    focused = page.evaluate(ACTIVE)
    assert "md-search-result__link" in focused["cls"], focused
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0] == server + hosted.entity("actor", actor.id)


def test_keyboard_reaches_the_quote_list_and_every_quote_in_the_text(page, server, hosted):
    article = hosted.graph.articles[english_article(hosted.graph)]
    assert article.quotes
    page.goto(server + hosted.entity("article", article.id))
    # The table of contents leads to the quote list...
    press_tab_until(page, "e.closest('.md-sidebar--secondary') && e.getAttribute('href') === '#quotes'")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#quotes"
    # ...and the next Tab stops inside it.
    focused = press_tab_until(page, "!!e.closest('ol.la-quotes')", limit=3)
    assert focused["inQuotes"]
    screenshot(page, "desktop-article-quotes")
    # Every quote's "in the text" link, in order, leads to the highlighted quote, focused.
    for quote in article.quotes:
        anchor = f"#{quote.anchor}"
        link = press_tab_until(page, f"e.closest('ol.la-quotes') && e.getAttribute('href') === '{anchor}'")
        page.keyboard.press("Enter")
        page.wait_for_function("hash => location.hash === hash", arg=anchor)
        target = page.evaluate("() => { const t = document.querySelector(':target'); return t && t.id; }")
        assert target == quote.anchor
        focused = page.evaluate(ACTIVE)
        assert focused["tag"] == "MARK" and focused["id"] == quote.anchor, focused
        assert page.locator(anchor).is_visible()
        if quote.number == 1:
            screenshot(page, "desktop-article-quote-in-text")
        # Back to the link (what the browser's Back does), to go on to the next quote.
        page.locator(f"ol.la-quotes a[href='{link['href']}']").focus()


def test_keyboard_reaches_search_on_a_phone(phone, engine):
    """On a narrow screen the search box hides behind an icon: Tab still reaches it, opens it."""
    server, hosted = engine.url, engine.site
    phone.goto(server)
    press_tab_until(phone, "e.classList.contains('md-search__input')", limit=10)
    assert phone.locator(".md-search__input").is_visible()
    leak = sorted(hosted.graph.leaks.values(), key=lambda e: e.model.id)[0].model
    search(phone, leak.title, server)
    phone.keyboard.press("ArrowDown")
    assert "md-search-result__link" in phone.evaluate(ACTIVE)["cls"]
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.url.split("?")[0] == server + hosted.entity("leak", leak.id)
