"""Reading an article as its readers do: the text on the first screen, each note and speaker at
its passage (in the margin on a desk, opened from the highlight on a phone, by pointer and by
keyboard), everything still there with scripts off and from disk, citations that parse, and a
printout that starts with the text."""

from __future__ import annotations

import json
import re

import pytest
from reader_pages import (
    DESKTOP,
    PHONE,
    axe_violations,
    english_article,
    main_pages,
    open_context,
    persian_article,
    screenshot,
)

TEXT_TOP_DESKTOP = 900  # px from the top of the page, at 1366 x 900
TEXT_TOP_PHONE = 1300  # at 390 x 844
FIRST_PARAGRAPH_TOP = "() => document.querySelector('.la-text > p').getBoundingClientRect().top + scrollY"
CARDS = """() => [...document.querySelectorAll('.la-text .la-side')].map(card => {
    const mark = document.getElementById(card.dataset.for);
    const c = card.getBoundingClientRect(), m = mark.getBoundingClientRect();
    const text = document.querySelector('.la-text > p').getBoundingClientRect();
    return {id: card.dataset.for, cardTop: c.top, cardLeft: c.left, cardRight: c.right, cardBottom: c.bottom,
            markTop: m.top, textLeft: text.left, textRight: text.right,
            visible: c.width > 0 && c.height > 0, text: card.innerText};
})"""


FOCUSED_OPENS = """() => { const e = document.activeElement;
    if (!e || !e.classList.contains('la-open')) return null;
    let m = e.previousElementSibling; return m ? m.dataset.anchor : null; }"""
"""The anchor of the highlight whose "+" button has the focus, or null."""


def articles(graph) -> dict[str, str]:
    return {"article": english_article(graph), "article-fa": persian_article(graph)}


@pytest.fixture
def reader(browser, guard, request):
    """A page in a fresh context: `reader(viewport, **options)`."""
    contexts = []

    def open_page(viewport=DESKTOP, **options):
        phone = viewport == PHONE
        context = open_context(browser, guard, viewport=viewport, is_mobile=phone, has_touch=phone, **options)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert guard.refused == []


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_text_begins_on_the_first_screen(reader, server, hosted, size):
    viewport, limit = (DESKTOP, TEXT_TOP_DESKTOP) if size == "desktop" else (PHONE, TEXT_TOP_PHONE)
    page = reader(viewport)
    for name, article_id in articles(hosted.graph).items():
        page.goto(server + hosted.entity("article", article_id))
        top = page.evaluate(FIRST_PARAGRAPH_TOP)
        assert top <= limit, f"{name}: the text begins {top:.0f} px down (at most {limit})"
        # Source details and the lists come after the text.
        order = page.evaluate(
            """() => ['.la-text', 'dl.la-source', 'ol.la-quotes', 'ul.la-actors'].map(s => {
                const e = document.querySelector(s); return e ? e.getBoundingClientRect().top : null; })"""
        )
        present = [y for y in order if y is not None]
        assert present == sorted(present) and order[0] == present[0], (name, order)
        screenshot(page, f"{size}-{name}-first-screen")
    assert page.errors == []


def test_on_a_desk_every_card_stands_in_the_margin_beside_its_passage(reader, server, hosted):
    page = reader(DESKTOP)
    assert any(q.leak for q in hosted.graph.articles[english_article(hosted.graph)].quotes)
    for name, article_id in articles(hosted.graph).items():
        article = hosted.graph.articles[article_id]
        page.goto(server + hosted.entity("article", article_id))
        page.wait_for_function("() => document.querySelector('.la-text.la-placed')")
        cards = page.evaluate(CARDS)
        assert [c["id"] for c in cards] == sorted(
            [q.anchor for q in article.quotes] + [n.anchor for n in article.annotations],
            key=lambda anchor: next(
                item.span.start for item in (*article.quotes, *article.annotations) if item.anchor == anchor
            ),
        ), name
        rtl = name == "article-fa"
        previous_bottom = -1e9
        for card in cards:
            assert card["visible"], card
            # In the margin: beside the text column, never over it (on the left for Persian).
            if rtl:
                assert card["cardRight"] <= card["textLeft"], card
            else:
                assert card["cardLeft"] >= card["textRight"], card
            # Level with its passage, or just below the card before it; never overlapping it.
            assert card["cardTop"] >= previous_bottom, card
            assert abs(card["cardTop"] - card["markTop"]) < 2 or card["cardTop"] > card["markTop"], card
            previous_bottom = card["cardBottom"]
        for quote in article.quotes:
            card = next(c for c in cards if c["id"] == quote.anchor)
            speaker = hosted.graph.actors[quote.speaker].model.name
            assert speaker in card["text"], (speaker, card)
            link = page.locator(f"#card-{quote.anchor} .la-side__who a")
            assert link.get_attribute("href").endswith(f"actors/{quote.speaker}/")
            if quote.leak:  # the leak the words come from, with its status
                leak = hosted.graph.leaks[quote.leak].model
                assert leak.title in card["text"] and leak.status.capitalize() in card["text"], card
        for note in article.annotations:
            card = next(c for c in cards if c["id"] == note.anchor)
            assert " ".join(note.note.split()[:4]).strip("*_") in " ".join(card["text"].split()), card
        # Pointing at a highlight lights up its card.
        first = article.quotes[0].anchor
        page.locator(f"#{first}").hover()
        assert "la-active" in page.locator(f"#card-{first}").get_attribute("class")
        page.locator(f"#{first}").scroll_into_view_if_needed()
        screenshot(page, f"desktop-{name}-cards")
    assert page.errors == []


def open_card_by_tap(page, anchor: str) -> dict:
    mark = page.locator(f"#{anchor}")
    mark.scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    mark.tap()
    card = page.locator("#la-card")
    card.wait_for(state="visible")
    button = page.locator("button.la-open[aria-expanded='true']")
    return {"scroll": before, "text": card.inner_text(), "expanded": button.count() == 1}


def test_on_a_phone_a_highlight_opens_its_card_and_closing_returns(reader, server, hosted):
    page = reader(PHONE)
    article = hosted.graph.articles[english_article(hosted.graph)]
    page.goto(server + hosted.entity("article", article.id))
    # Cards wait behind their highlights: the text reads on without them.
    assert page.locator(".la-text .la-side").first.is_hidden()
    quote = article.quotes[2]
    opened = open_card_by_tap(page, quote.anchor)
    assert hosted.graph.actors[quote.speaker].model.name in opened["text"]
    assert opened["expanded"]
    assert page.locator("#la-card .la-side__who a").get_attribute("href").endswith(f"actors/{quote.speaker}/")
    box = page.locator("#la-card").bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"] + 1 and box["y"] > PHONE["height"] / 3
    screenshot(page, "phone-article-quote-card")
    # Close: the card goes, the focus is on the highlight's button, the page where it was.
    page.locator("#la-card .la-card__close").tap()
    assert page.locator("#la-card").is_hidden()
    assert page.evaluate(FOCUSED_OPENS) == quote.anchor
    assert abs(page.evaluate("scrollY") - opened["scroll"]) < 2
    # By keyboard: Tab reaches the button after a note's highlight; Enter opens, Escape closes.
    note = article.annotations[0]
    page.locator(f"#{note.anchor}").scroll_into_view_if_needed()
    page.evaluate("anchor => document.getElementById(anchor).focus()", note.anchor)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_OPENS) == note.anchor:
            break
    assert page.evaluate(FOCUSED_OPENS) == note.anchor
    page.keyboard.press("Enter")
    page.locator("#la-card").wait_for(state="visible")
    assert " ".join(note.note.split()[:4]).strip("*_") in " ".join(
        page.locator("#la-card").inner_text().split()
    )
    assert page.evaluate("document.activeElement.closest('#la-card') !== null")
    screenshot(page, "phone-article-note-card")
    page.keyboard.press("Escape")
    assert page.locator("#la-card").is_hidden()
    assert page.evaluate(FOCUSED_OPENS) == note.anchor
    assert page.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_in_an_open_card_or_the_margin(
    reader, server, hosted, axe_script, scheme
):
    article = hosted.graph.articles[english_article(hosted.graph)]
    report = {}
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = reader(viewport, color_scheme=scheme)
        page.goto(server + hosted.entity("article", article.id))
        if size == "phone":
            open_card_by_tap(page, article.quotes[0].anchor)
        else:
            page.locator(f"#{article.quotes[0].anchor}").hover()  # a card lit up
        found = axe_violations(page, axe_script)
        if found:
            report[size] = found
    assert report == {}, json.dumps(report, indent=1, ensure_ascii=False)


def test_with_scripts_off_every_card_follows_its_paragraph(reader, server, hosted):
    for viewport in (DESKTOP, PHONE):
        page = reader(viewport, java_script_enabled=False)
        article = hosted.graph.articles[english_article(hosted.graph)]
        page.goto(server + hosted.entity("article", article.id))
        found = page.evaluate(
            """() => [...document.querySelectorAll('.la-text .la-side')].map(card => {
                let p = card.previousElementSibling;
                while (p && p.tagName !== 'P') p = p.previousElementSibling;
                const box = card.getBoundingClientRect();
                return {ok: !!p && !!p.querySelector('#' + CSS.escape(card.dataset.for)),
                        shown: box.width > 0 && box.height > 0};
            })"""
        )
        assert len(found) == len(article.quotes) + len(article.annotations)
        assert all(card["ok"] and card["shown"] for card in found), found
        screenshot(page, f"{'desktop' if viewport == DESKTOP else 'phone'}-article-no-script")


def test_from_disk_a_card_opens_on_a_phone(browser, offline, graph):
    from reader_pages import Guard

    guard = Guard(frozenset({"file"}))
    context = open_context(browser, guard, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    article = graph.articles[english_article(graph)]
    page.goto((offline.directory / offline.entity("article", article.id)).as_uri())
    opened = open_card_by_tap(page, article.quotes[0].anchor)
    assert graph.actors[article.quotes[0].speaker].model.name in opened["text"]
    context.close()
    assert guard.refused == []


def test_a_link_control_copies_the_address_of_a_quote(reader, server, hosted):
    page = reader(DESKTOP)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    article = hosted.graph.articles[english_article(hosted.graph)]
    page.goto(server + hosted.entity("article", article.id))
    anchor = article.quotes[1].anchor
    page.locator(f"#card-{anchor} a.la-permalink").click()
    expected = server + hosted.entity("article", article.id) + "#" + anchor
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page.url == expected
    # Said to screen readers too, by one status line.
    status = page.locator("#la-status[role=status]")
    status.wait_for(state="attached")
    page.wait_for_function("document.getElementById('la-status').textContent === 'Link copied'")
    # Headings have one too.
    page.locator("h2#source a.headerlink").click(force=True)
    assert page.evaluate("navigator.clipboard.readText()").endswith("#source")
    assert page.locator("#la-status").count() == 1


def citation_texts(page, scope: str) -> dict[str, str]:
    return page.evaluate(
        """scope => Object.fromEntries([...document.querySelectorAll(scope + ' pre.la-cite-text')]
            .map(pre => [pre.dataset.format, pre.textContent]))""",
        scope,
    )


def test_citations_parse_and_say_where_when_and_what(reader, server, hosted):
    from pybtex.database import parse_string

    page = reader(DESKTOP)
    article = hosted.graph.articles[english_article(hosted.graph)]
    model = article.entry.model
    address = server + hosted.entity("article", article.id)
    page.goto(address)
    quote = article.quotes[2]
    page.goto(address + f"#cite-{quote.anchor}")
    assert page.locator(f"details#cite-{quote.anchor}").get_attribute("open") is not None
    for scope, url in (
        ("#cite-this + .la-cite-formats", address),
        (f"#cite-{quote.anchor}", f"{address}#{quote.anchor}"),
    ):
        texts = citation_texts(page, scope)
        assert set(texts) == {"plain", "bibtex", "csl-json"}, scope
        entries = parse_string(texts["bibtex"], "bibtex").entries
        (entry,) = entries.values()
        assert entry.fields["url"] == url.replace("%", "\\%")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.fields["urldate"])  # the date of access
        assert model.text_sha256 in entry.fields["note"]
        (item,) = json.loads(texts["csl-json"])
        assert item["URL"] == url and item["issued"] == {"date-parts": [[2010, 1, 12]]}
        assert len(item["accessed"]["date-parts"][0]) == 3
        assert model.source.url in texts["plain"] and url in texts["plain"]
        assert model.text_sha256 in texts["plain"] and "Accessed" in texts["plain"]
        rendered = csl_bibliography(item)
        assert model.title in rendered, rendered
    speaker = hosted.graph.actors[quote.speaker].model.name
    assert speaker in texts["plain"] and quote.text.split()[0] in texts["plain"]
    # A leak page has its citation too.
    page.goto(server + hosted.path(main_pages(hosted.graph)["leak"]))
    texts = citation_texts(page, "#cite-this + .la-cite-formats")
    assert set(texts) == {"plain", "bibtex", "csl-json"}
    parse_string(texts["bibtex"], "bibtex")
    json.loads(texts["csl-json"])


def csl_bibliography(item: dict) -> str:
    """The CSL-JSON item as citeproc-py formats it in a bundled style: proof that it parses."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return "".join(str(entry) for entry in bibliography.bibliography())


def test_print_starts_with_the_text_and_ends_with_a_citation(reader, server, hosted):
    page = reader(DESKTOP)
    article = hosted.graph.articles[english_article(hosted.graph)]
    page.goto(server + hosted.entity("article", article.id))
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => {
            const visible = s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length > 0);
            const top = s => document.querySelector(s).getBoundingClientRect().top;
            const cards = [...document.querySelectorAll('.la-text .la-side')];
            return {header: visible('.md-header'), sidebar: visible('.md-sidebar--secondary'),
                    cards: cards.every(c => c.getClientRects().length > 0),
                    footer: visible('.la-print-cite'),
                    textBeforeSource: top('.la-text') < top('dl.la-source'),
                    footerLast: top('.la-print-cite') > top('.la-text')};
        }"""
    )
    assert shown == {
        "header": False,
        "sidebar": False,
        "cards": True,
        "footer": True,
        "textBeforeSource": True,
        "footerLast": True,
    }
    # Links to other sites print their address after them.
    printed = page.evaluate(
        """() => [...document.querySelectorAll('.md-content a[href^="http"]:not(.la-url)')].map(a =>
            [a.getAttribute('href'), getComputedStyle(a, '::after').content])"""
    )
    assert printed and all(href in after for href, after in printed), printed
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    screenshot(page, "print-article", full_page=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots_of_every_page_type(reader, server, hosted, size, scheme):
    """Artefacts of the run: each page type at both sizes, light and dark."""
    page = reader(DESKTOP if size == "desktop" else PHONE, color_scheme=scheme)
    for name, path in main_pages(hosted.graph).items():
        page.goto(server + hosted.path(path))
        screenshot(page, f"{size}-{scheme}-{name}")
    assert page.errors == []
