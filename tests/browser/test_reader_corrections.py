"""Corrections in Chromium: an old id (a renamed file's `previous_ids`, here the Persian
fixture's) leads to the current page, keeping the #anchor of a quote, on the hosted site and in
the offline copy opened from disk; "Report an error" opens the repository's new-issue form."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from reader_pages import DESKTOP, Guard, open_context, persian_article, screenshot

from leakarchive import urls

OLD_ARTICLE = "2011-03-01-fixture-fa-old-documents"
OLD_ACTOR = "fixture-fa-old-spokesperson"


def test_old_addresses_lead_to_the_current_pages(page, server, hosted):
    article = persian_article(hosted.graph)
    anchor = hosted.graph.articles[article].quotes[0].anchor
    page.goto(server + hosted.path(urls.page_path("article", OLD_ARTICLE)) + f"#{anchor}")
    page.wait_for_url(f"**/{hosted.entity('article', article)}#{anchor}")
    assert page.locator(f"mark#{anchor}").count() == 1
    page.goto(server + hosted.path(urls.page_path("actor", OLD_ACTOR)))
    page.wait_for_url(f"**/{hosted.entity('actor', 'fixture-fa-spokesperson')}")


def test_old_addresses_lead_to_the_current_pages_from_disk(browser, offline):
    guard = Guard(frozenset({"file"}))
    context = open_context(browser, guard, viewport=DESKTOP, offline=True)
    page = context.new_page()
    try:
        article = persian_article(offline.graph)
        anchor = offline.graph.articles[article].quotes[0].anchor
        old = offline.directory / offline.path(urls.page_path("article", OLD_ARTICLE))
        page.goto(old.as_uri() + f"#{anchor}")
        page.wait_for_url(f"**/{offline.entity('article', article)}#{anchor}")
        assert page.locator(f"mark#{anchor}").count() == 1
    finally:
        context.close()
    assert guard.refused == []


def test_report_an_error_names_the_page(page, server, hosted):
    article = persian_article(hosted.graph)
    page.goto(server + hosted.entity("article", article))
    link = page.locator("a.la-report")
    assert link.is_visible() and link.inner_text().strip() == "Report an error"
    screenshot(page, "report-an-error")
    address = urlsplit(link.get_attribute("href") or "")
    assert address.path.endswith("/issues/new")
    body = parse_qs(address.query)["body"][0]
    # The archive of these tests is a folder "archive" outside the project: named as in a repository.
    assert f"Archive file: archive/articles/2011/{article}.md\n" in body
