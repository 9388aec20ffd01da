"""Right to left: a Persian article's text is marked `lang="fa" dir="rtl"`; the page stays ltr.

The fixture is `fixtures/archives/small/articles/2012/2012-05-karimi-denies-tape.md`: Persian text
with zero-width non-joiners (U+200C, as in "سه‌شنبه"), a Persian alias and a quote.
"""

from __future__ import annotations

import json

from sitebuild import SMALL_ARCHIVE, read_archive

ZWNJ = "\u200c"
PERSIAN = "articles/2012-05-karimi-denies-tape.md"
ENGLISH = "articles/2010-01-courier-memo.md"


def test_persian_text_is_right_to_left(small_site):
    page = small_site.page(PERSIAN)
    text = page.find("div", class_="la-text")
    assert (text.attrs["lang"], text.attrs["dir"]) == ("fa", "rtl")
    # The rest of the page stays left to right, in the site's language.
    html = page.find("html")
    assert html.attrs["lang"] == "en" and html.attrs.get("dir", "ltr") == "ltr"
    assert page.find("body").attrs["dir"] == "ltr"
    assert all(a.attrs.get("dir", "ltr") == "ltr" for a in text.ancestors() if a.tag != "#document")
    # Right to left is set only on the article's own words: its text and the quotes from it.
    rtl = page.find_all(dir="rtl")
    assert text in rtl
    for element in rtl:
        assert element.attrs.get("lang") == "fa", element
        assert element is text or "la-quote-text" in element.attrs.get("class", ""), element
    for element in (page.find("h1"), page.find("dl", class_="la-source"), page.find("header")):
        assert element.attrs.get("dir") != "rtl" and not element.find_all(dir="rtl")


def test_persian_text_is_verbatim_with_its_joiners(small_site):
    article = read_archive(SMALL_ARCHIVE).articles["2012-05-karimi-denies-tape"]
    body = article["_body"]
    assert body.count(ZWNJ) >= 3
    text = small_site.page(PERSIAN).find("div", class_="la-text")
    shown = "\n\n".join(p.text for p in text.paragraphs()) + "\n"
    assert shown == body
    assert "سه‌شنبه" in shown  # with its ZWNJ
    data = json.loads((small_site.site / "data" / "archive.json").read_text("utf-8"))
    assert next(a for a in data["articles"] if a["id"] == "2012-05-karimi-denies-tape")["text"] == body


def test_persian_quote_and_mentions(small_site):
    page = small_site.page(PERSIAN)
    text = page.find("div", class_="la-text")
    quote = "این نوار ساختگی است و هیچ‌کس آن را تأیید نکرده است."
    assert text.find("mark", class_="la-quote").text == quote
    mentions = {a.text: a.attrs["href"] for a in text.find_all("a", class_="la-mention")}
    assert mentions == {"سحر نیوز": "../../actors/sahar-news/", "رضا کریمی": "../../actors/reza-karimi/"}
    # The quote, on its speaker's page, keeps its language and direction.
    actor = small_site.page("actors/reza-karimi.md").find("ul", class_="la-quotes").find("blockquote")
    assert (actor.text, actor.attrs["lang"], actor.attrs["dir"]) == (quote, "fa", "rtl")


def test_english_text_is_left_to_right(small_site):
    text = small_site.page(ENGLISH).find("div", class_="la-text")
    assert (text.attrs["lang"], text.attrs["dir"]) == ("en", "ltr")
    assert small_site.page(ENGLISH).find_all(dir="rtl") == []
