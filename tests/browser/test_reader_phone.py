"""Phones: at 390 x 844 no page scrolls sideways, and the quote highlights and the source panel
stay readable (at least 12 px text, inside the screen)."""

from __future__ import annotations

import json

from reader_pages import PHONE, english_article, main_pages, persian_article, screenshot

MIN_FONT_PX = 12
PAGE_SAMPLE = 30  # besides the main pages, up to this many more pages of the site
OVERFLOW = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
READABLE = """([selector, width]) => [...document.querySelectorAll(selector)].map(e => {
    const box = e.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(e).fontSize);
    return {text: e.textContent.slice(0, 40), size, left: box.left, right: box.right,
            overflows: e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline'};
}).filter(r => r.size < 12 || r.left < -0.5 || r.right > width + 0.5 || r.overflows)"""


def all_pages(hosted) -> list[str]:
    """URL paths of the main pages, then a sample of every other page of the site."""
    main = [hosted.path(path) for path in main_pages(hosted.graph).values()]
    others = []
    for html in sorted(hosted.directory.rglob("index.html")):
        path = html.parent.relative_to(hosted.directory).as_posix()
        path = "" if path == "." else path + "/"
        if path not in main and not path.startswith(("assets/", "search/")):
            others.append(path)
    return main + others[:PAGE_SAMPLE]


def test_no_page_scrolls_sideways(phone, server, hosted):
    wide = {}
    for path in all_pages(hosted):
        phone.goto(server + path)
        scroll_width, client_width = phone.evaluate(OVERFLOW)
        assert client_width == PHONE["width"]
        if scroll_width > client_width:
            wide[path] = scroll_width
    assert wide == {}, f"pages wider than the screen ({PHONE['width']} px): {wide}"


def test_every_page_type_on_a_phone(phone, server, hosted):
    """Screenshots of each page type on a phone (artefacts of the run)."""
    for name, path in main_pages(hosted.graph).items():
        phone.goto(server + hosted.path(path))
        screenshot(phone, f"phone-{name}")


def check_readable(page, selector: str) -> list[dict]:
    return page.evaluate(READABLE, [selector, PHONE["width"]])


def test_quotes_and_source_panel_are_readable(phone, server, hosted):
    articles = {"article": english_article(hosted.graph), "article-fa": persian_article(hosted.graph)}
    for name, article_id in articles.items():
        article = hosted.graph.articles[article_id]
        phone.goto(server + hosted.entity("article", article_id))
        panel = phone.locator("dl.la-source")
        assert panel.is_visible()
        problems = {
            selector: check_readable(phone, selector)
            for selector in (
                "dl.la-source",
                "dl.la-source dt",
                "dl.la-source dd",
                "mark.la-quote",
                "ol.la-quotes blockquote",
                ".la-text > p",
                ".la-side__kind",
            )
        }
        problems = {selector: found for selector, found in problems.items() if found}
        assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
        assert phone.locator("mark.la-quote[id]").count() == len(article.quotes)
        # The first quote, scrolled to, as a reader following "in the text" sees it.
        phone.goto(server + hosted.entity("article", article_id) + "#" + article.quotes[0].anchor)
        mark = phone.locator(f"#{article.quotes[0].anchor}")
        box = mark.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert 0 <= box["y"] < PHONE["height"], box  # on screen, below the header
        screenshot(phone, f"phone-{name}-quote")
        phone.locator("dl.la-source").scroll_into_view_if_needed()
        screenshot(phone, f"phone-{name}-source-panel")
