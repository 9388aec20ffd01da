"""The pages of built sites, per page type: the real archive and the small fixture archive.

Each site is built once per session by a real `mkdocs build --strict` (see conftest.py); the
assertions read its HTML and check it against the archive files, read here without the engine.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from sitebuild import (
    REAL_ARCHIVE,
    SMALL_ARCHIVE,
    ArchiveData,
    BuiltSite,
    Element,
    read_archive,
    resolve,
    squash,
)

from leakarchive.model import passage_id

REPO = "https://github.com/example/leak-archive"


@pytest.fixture(scope="module", params=["real", "small"])
def case(request) -> tuple[BuiltSite, ArchiveData]:
    """Each test below runs on the real archive and on the small fixture archive."""
    if request.param == "real":
        return request.getfixturevalue("real_site"), read_archive(REAL_ARCHIVE)
    return request.getfixturevalue("small_site"), read_archive(SMALL_ARCHIVE)


def article_md(article_id: str) -> str:
    return f"articles/{article_id}.md"


def actor_md(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def leak_md(leak_id: str) -> str:
    return f"leaks/{leak_id}.md"


def target(site: BuiltSite, page: str, link: Element) -> tuple[str | None, str]:
    """Where a link on `page` leads: the target page as 'kind/id.md' (or the HTML file), and
    the #fragment."""
    path, fragment = resolve(site.site, site.page_file(page), link.attrs["href"] or "")
    if path is None:
        return None, fragment
    relative = path.relative_to(site.site).as_posix()
    match = re.fullmatch(r"(.+?)(?:/index)?\.html", relative)
    return (f"{match[1]}.md" if match else relative), fragment


def targets(site: BuiltSite, page: str, element: Element, kind: str = "") -> list[str | None]:
    """Where the links inside `element` lead (only to pages under `kind/`, if given)."""
    found = [target(site, page, a)[0] for a in element.find_all("a") if "href" in a.attrs]
    return [t for t in found if t and t.startswith(kind)] if kind else found


def content(site: BuiltSite, page: str) -> Element:
    """The page's main content (inside Material's frame)."""
    return site.page(page).find("article", class_="md-content__inner")


# --- article pages --------------------------------------------------------------------------


def test_every_quote_is_highlighted_in_place(case):
    site, archive = case
    for article_id, data in archive.articles.items():
        page = article_md(article_id)
        text = content(site, page).find("div", class_="la-text")
        body = squash(data["_body"])
        for quote in data.get("quotes", []):
            anchor = anchor_of("quote", quote)
            marks = text.find_all("mark", data_anchor=anchor)
            assert marks, f"{page}: no highlight for {anchor}"
            first = text.find("mark", id=anchor)
            assert first is marks[0], f"{page}: #{anchor} is not the first piece of the highlight"
            # Exactly the quote's words are highlighted...
            assert squash("".join(m.text for m in marks)) == squash(quote["text"]), (page, anchor)
            # A quote is split only by a paragraph break (or by another quote crossing it, which
            # these archives do not have): notes and mentions crossing it are split instead.
            paragraphs = {id(next(a for a in m.ancestors() if a.tag == "p")) for m in marks}
            if len(paragraphs) == 1:
                assert len(marks) == 1, f"{page}: #{anchor} is split"
                assert squash(first.text) == squash(quote["text"]), (
                    f"{page}: #{anchor} holds part of the quote"
                )
            # ...at the place in the text where they stand.
            before = squash(text_before(text, first))
            assert body[len(before) :].startswith(squash(quote["text"])), (page, anchor)
            assert body.startswith(before), (page, anchor)
            assert first.attrs.get("class") == "la-quote"


def anchor_of(kind: str, entry: dict) -> str:
    """The anchor of a quote or note as the front matter gives it: its `id`, or its passage's."""
    return f"{kind}-" + (
        entry.get("id") or passage_id(entry["text"], entry.get("prefix"), entry.get("suffix"))
    )


def text_before(root: Element, stop: Element) -> str:
    """The text of `root` up to the element `stop`."""
    parts: list[str] = []

    def walk(node: Element) -> bool:
        for child in node.children:
            if child is stop:
                return True
            if not isinstance(child, str) and "la-side" in child.attrs.get("class", "").split():
                continue  # a quote's or note's card, after its paragraph: not the article's text
            if isinstance(child, str):
                parts.append(child)
            elif walk(child):
                return True
        return False

    assert walk(root), "element not found"
    return "".join(parts)


def test_annotations_are_highlighted_and_listed(case):
    site, archive = case
    for article_id, data in archive.articles.items():
        page = article_md(article_id)
        main = content(site, page)
        for note in data.get("annotations", []):
            anchor = anchor_of("note", note)
            marks = main.find("div", class_="la-text").find_all("mark", data_anchor=anchor)
            assert squash("".join(m.text for m in marks)) == squash(note["text"]), (page, anchor)
            item = main.find("li", id=f"note-list-{anchor.removeprefix('note-')}")
            assert [a.attrs["href"] for a in item.find_all("a") if a.attrs["href"].startswith("#")] == [
                f"#{anchor}"
            ]


def test_quote_list_links_into_the_text_and_to_the_speaker(case):
    site, archive = case
    for article_id, data in archive.articles.items():
        page = article_md(article_id)
        main = content(site, page)
        quotes = data.get("quotes", [])
        items = main.find_all("li", predicate=lambda e: (e.attrs.get("id") or "").startswith("quote-list-"))
        assert len(items) == len(quotes), page
        for item, quote in zip(items, quotes, strict=True):
            assert squash(item.find("blockquote").text) == squash(quote["text"])
            links = item.find_all("a")
            assert f"#{anchor_of('quote', quote)}" in [a.attrs["href"] for a in links]
            assert target(site, page, links[0]) == (actor_md(quote["speaker"]), "")
            assert links[0].text == archive.actors[quote["speaker"]]["name"]
            # The speaker's page links back to this very quote.
            back = content(site, actor_md(quote["speaker"])).find("ul", class_="la-quotes")
            assert (page, anchor_of("quote", quote)) in [
                target(site, actor_md(quote["speaker"]), a) for a in back.find_all("a")
            ], f"{quote['speaker']} does not link to {page}#{anchor_of('quote', quote)}"


def test_actor_mentions_are_linked(case):
    site, archive = case
    for article_id in archive.articles:
        page = article_md(article_id)
        main = content(site, page)
        mentions = main.find("div", class_="la-text").find_all("a", class_="la-mention")
        listed = set(targets(site, page, main.find("ul", class_="la-actors")))
        for link in mentions:
            actor = target(site, page, link)[0]
            assert actor and actor.startswith("actors/"), link
            actor_id = actor.removeprefix("actors/").removesuffix(".md")
            assert squash(link.text) in {squash(n) for n in archive.names(actor_id)}, (page, link.text)
            assert actor in listed, f"{page}: mentioned {actor_id} is not in the actors list"
        # Every name or alias that stands alone in the text is linked (at least once).
        text = " ".join(p.text for p in main.find("div", class_="la-text").paragraphs())
        linked = {target(site, page, a)[0] for a in mentions}
        for actor_id in archive.actors:
            for name in archive.names(actor_id):
                if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) and actor_md(actor_id) not in linked:
                    # Only a longer name containing it may have taken the place.
                    longer = [
                        n for other in archive.actors for n in archive.names(other) if name in n and n != name
                    ]
                    assert any(n in text for n in longer), f"{page}: '{name}' is not linked to {actor_id}"


def test_article_actor_and_leak_pages_link_both_ways(case):
    site, archive = case
    for article_id, data in archive.articles.items():
        page = article_md(article_id)
        main = content(site, page)
        # Article -> its actors -> back to the article.
        actors = targets(site, page, main.find("ul", class_="la-actors"))
        expected = {actor_md(a) for a in data.get("actors", [])} | {
            actor_md(q["speaker"]) for q in data.get("quotes", [])
        }
        assert expected <= set(actors), page
        for actor in actors:
            listed = content(site, actor).find("ul", class_="la-articles")
            assert page in targets(site, actor, listed), f"{actor} does not list {page}"
        # Article -> the leaks it reports, with stances -> back, with the same stance.
        refs = data.get("leaks", [])
        items = (
            main.find("ul", class_="la-leaks").find_all("li", predicate=lambda e: e.parent.tag == "ul")
            if refs
            else []
        )
        assert [target(site, page, item.find("a"))[0] for item in items] == [leak_md(r["leak"]) for r in refs]
        for item, ref in zip(items, refs, strict=True):
            assert item.find("span", class_="la-stance").text == ref["stance"]
            leak = leak_md(ref["leak"])
            reports = content(site, leak).find("ol", class_="la-reports")
            rows = [li for li in reports.find_all("li") if target(site, leak, li.find("a"))[0] == page]
            assert len(rows) == 1, f"{leak} does not list {page}"
            assert rows[0].find("span", class_="la-stance").text == ref["stance"]
        # Publisher and the outlet of our copy link to their pages.
        source = main.find("dl", class_="la-source")
        assert actor_md(data["source"]["publisher"]) in targets(site, page, source)
        if data["source"].get("via"):
            assert actor_md(data["source"]["via"]["publisher"]) in targets(site, page, source)


def test_an_organisation_rolls_up_its_parts_leaks_in_date_order(real_site):
    """The IRGC's page lists the leak attached to its intelligence organisation (an actor whose
    `affiliation` is `irgc`), marked as coming through it; every leak has its date, oldest first."""
    main = content(real_site, actor_md("irgc"))
    items = main.find("ul", class_="la-leaks").find_all("li")
    through = {
        target(real_site, actor_md("irgc"), li.find("a"))[0]: li.find_all("span", class_="la-through")
        for li in items
    }
    funeral = through[leak_md("ali-moussavi-funeral-account")]
    assert funeral and "IRGC Intelligence Organization" in funeral[0].text
    dated = [li.find("time").attrs["datetime"] for li in items if li.find_all("time")]
    assert dated == sorted(dated) and dated
    undated = [i for i, li in enumerate(items) if not li.find_all("time")]
    assert undated == list(range(len(dated), len(items))), "undated leaks come last"
    # Everyone who appears with it is reachable: a preview of 20 says so and links the rest.
    co_actors = main.find("ul", class_="la-co-actors").find_all("li")
    assert len(co_actors) == 20
    more = [a for p in main.find_all("p", class_="la-more") for a in p.find_all("a")]
    assert any(a.text.startswith("All 29 actors who appear with") for a in more), [a.text for a in more]
    whole = real_site.page("actors/irgc/appears-with.md").find("ul", class_="la-co-actors").find_all("li")
    assert len(whole) == 29


def test_leak_pages(case):
    site, archive = case
    for leak_id, data in archive.leaks.items():
        page = leak_md(leak_id)
        main = content(site, page)
        assert main.find("h1").text == data["title"]
        badge = main.find("p", class_="la-badges").find("a", class_="la-status")
        assert badge.text.lower() == data["status"]
        # Every article reporting it, oldest first.
        reporting = sorted(
            (str(a["date"]), a["id"])
            for a in archive.articles.values()
            if leak_id in [r["leak"] for r in a.get("leaks", [])]
        )
        reports = main.find_all("ol", class_="la-reports")
        listed = [target(site, page, li.find("a"))[0] for li in reports[0].find_all("li")] if reports else []
        assert listed == [article_md(a) for _, a in reporting], page
        dates = [li.find("time").attrs["datetime"] for li in reports[0].find_all("li")] if reports else []
        assert dates == sorted(dates), f"{page}: reports are not in date order"
        # Actors involved link to actors whose pages link back.
        for actor_id in data.get("actors", []):
            actor = actor_md(actor_id)
            assert actor in targets(site, page, main.find("ul", class_="la-actors"))
            assert page in targets(site, actor, content(site, actor).find("ul", class_="la-leaks"))
        # The words quoted from it, each with its speaker and a link to its place in the text.
        quoted = [
            (article_md(a["id"]), anchor_of("quote", q))
            for a in archive.articles.values()
            for q in a.get("quotes", [])
            if q.get("leak") == leak_id
        ]
        shown = main.find_all("ul", class_="la-quotes")
        links = [target(site, page, a) for a in shown[0].find_all("a")] if shown else []
        assert sorted(q for q in links if q[1]) == sorted(quoted), page
        history = data.get("status_history", [])
        if history:
            items = main.find("ol", class_="la-history").find_all(
                "li", predicate=lambda e: e.parent.tag == "ol"
            )
            assert [i.find("a", class_="la-status").text.lower() for i in items] == [
                h["status"] for h in history
            ]


def test_actor_pages(case):
    site, archive = case
    for actor_id, data in archive.actors.items():
        page = actor_md(actor_id)
        main = content(site, page)
        assert main.find("h1").text == data["name"]
        kind = main.find("p", class_="la-kind").text
        assert (
            kind
            == {
                "person": "Person",
                "organization": "Organisation",
                "outlet": "Outlet",
                "state-body": "State body",
            }[data["kind"]]
        )
        aliases = [e.text for e in main.find_all("span", class_="la-alias")]
        assert aliases == data.get("aliases", [])
        names = {e.attrs["lang"]: e.text for e in main.find_all("span", class_="la-name")}
        assert names == data.get("names", {})
        for language, element in ((e.attrs["lang"], e) for e in main.find_all("span", class_="la-name")):
            assert element.attrs["dir"] == ("rtl" if language in ("fa", "ar") else "ltr")
        if data.get("affiliation"):
            assert actor_md(data["affiliation"]) in targets(
                site, page, main.find("p", class_="la-affiliation")
            )
        # Articles that concern it: listed in the article, quoted in it, or mentioned in its text.
        concerned = set()
        for article_id, article in archive.articles.items():
            mentions = content(site, article_md(article_id)).find_all("a", class_="la-mention")
            if (
                actor_id in article.get("actors", [])
                or actor_id in [q["speaker"] for q in article.get("quotes", [])]
                or page in {target(site, article_md(article_id), a)[0] for a in mentions}
            ):
                concerned.add(article_md(article_id))
        lists = main.find_all("ul", class_="la-articles")
        listed = set(targets(site, page, lists[0], "articles/")) if lists else set()
        assert concerned <= listed, f"{page}: misses {concerned - listed}"
        # The counts say what the lists hold, each as what it is, in the singular for one.
        counts = [li.text for li in main.find("ul", class_="la-actor-counts").find_all("li")]
        quote_count = sum(
            q["speaker"] == actor_id for a in archive.articles.values() for q in a.get("quotes", [])
        )
        published = [a for a in archive.articles.values() if a["source"]["publisher"] == actor_id]
        republished = [
            a
            for a in archive.articles.values()
            if a["source"].get("via", {}).get("publisher") == actor_id
            and a["source"]["publisher"] != actor_id
        ]
        expected = [
            f"{count} {noun if count == 1 else noun + 's'}{what}"
            for count, noun, what in (
                (quote_count, "quote", ""),
                (len(listed), "article", " naming or concerning it"),
                (len(published), "article", " published"),
                (len(republished), "article", " republished"),
            )
            if count
        ]
        assert [c for c in counts if "from its parts" not in c and "leak" not in c] == expected or (
            not expected and counts == ["Not yet quoted, named or published in the archive"]
        ), (page, counts)
        for name, items in (("la-published", published), ("la-republished", republished)):
            shown = main.find_all("ul", class_=name)
            assert (len(shown[0].find_all("li")) if shown else 0) == min(len(items), 20), (page, name)


# --- index pages ----------------------------------------------------------------------------


def count_of(item: Element) -> int:
    return int(item.find("span", class_="la-count").text)


def test_home_page_counts(case):
    site, archive = case
    home = content(site, "index.md")
    counts = {
        li.text.split()[1].removesuffix("s") + "s": int(li.find("strong").text)
        for li in home.find("ul", class_="la-counts").find_all("li")
    }
    # One of a kind is said in the singular ("1 article"), never "1 articles".
    for li in home.find("ul", class_="la-counts").find_all("li"):
        number, noun = li.text.split()[:2]
        assert noun.endswith("s") == (number != "1"), li.text
    assert counts == {
        "articles": len(archive.articles),
        "leaks": len(archive.leaks),
        "actors": len(archive.actors),
        "quotes": sum(len(a.get("quotes", [])) for a in archive.articles.values()),
    }
    latest = targets(site, "index.md", home.find("ul", class_="la-latest"), "articles/")
    newest = sorted(archive.articles.values(), key=lambda a: str(a["date"]), reverse=True)
    assert latest == [article_md(a["id"]) for a in newest[:10]]


def test_actors_index_counts_and_order(case):
    site, archive = case
    page = "actors/index.md"
    main = content(site, page)
    seen = {}
    for heading in main.find_all("h2"):
        items = next_list(heading).find_all("li")
        names = [li.find("a").text for li in items]
        assert names == sorted(names, key=str.casefold), f"{heading.text} is not A-Z"
        for li in items:
            actor = target(site, page, li.find("a"))[0]
            articles = content(site, actor).find_all("ul", class_="la-articles")
            seen[actor] = count_of(li)
            assert count_of(li) == (len(articles[0].find_all("li")) if articles else 0), actor
    assert set(seen) == {actor_md(a) for a in archive.actors}
    kinds = [h.text for h in main.find_all("h2")]
    order = ["People", "Organisations", "Outlets", "State bodies"]
    assert kinds == [k for k in order if k in kinds]


def next_list(heading: Element) -> Element:
    """The list that follows a heading."""
    siblings = [c for c in heading.parent.children if isinstance(c, Element)]
    return next(e for e in siblings[siblings.index(heading) + 1 :] if e.tag in ("ul", "ol"))


def test_leaks_index_by_status_and_date(case):
    site, archive = case
    page = "leaks/index.md"
    main = content(site, page)
    found = {}
    for heading in main.find_all("h2"):
        items = next_list(heading).find_all("li")
        dates = [li.find("time").attrs["datetime"] for li in items if li.find_all("time")]
        assert dates == sorted(dates), f"{heading.text}: not in date order"
        for li in items:
            leak = target(site, page, li.find("a"))[0]
            found[leak] = heading.text.lower()
            reports = content(site, leak).find_all("ol", class_="la-reports")
            assert count_of(li) == (len(reports[0].find_all("li")) if reports else 0), leak
    assert found == {leak_md(i): d["status"] for i, d in archive.leaks.items()}


def test_timeline_by_year(case):
    site, archive = case
    main = content(site, "articles/index.md")
    years = main.find("ul", class_="la-years").find_all("li")
    expected = Counter(str(a["date"])[:4] for a in archive.articles.values())
    assert {li.find("a").text: count_of(li) for li in years} == dict(expected)
    assert [li.find("a").text for li in years] == sorted(expected, reverse=True)
    listed = []
    for li in years:
        year_page = target(site, "articles/index.md", li.find("a"))[0]
        assert year_page == f"timeline/{li.find('a').text}.md"
        year_list = content(site, year_page).find("ul", class_="la-articles")
        listed += targets(site, year_page, year_list, "articles/")
    assert sorted(listed) == sorted(article_md(a) for a in archive.articles)


def test_verification_index_counts(case):
    site, archive = case
    main = content(site, "verification.md")
    for heading in main.find_all("h2"):
        status = heading.text.lower()
        articles = [i for i, a in archive.articles.items() if a["verification"]["status"] == status]
        leaks = [i for i, leak in archive.leaks.items() if leak["status"] == status]
        links = next_list(heading).find_all("li")
        plural = lambda n, word: f"{n} {word}{'s' if n != 1 else ''}" if n else f"No {word}s"  # noqa: E731
        assert [li.text for li in links[:2]] == [plural(len(leaks), "leak"), plural(len(articles), "article")]
        for li, expected, folder in ((links[0], leaks, "leaks/"), (links[1], articles, "articles/")):
            if expected:
                page = target(site, "verification.md", li.find("a"))[0]
                shown = content(site, page).find("ul", class_=f"la-{folder[:-1]}")
                found = targets(site, page, shown, folder)
                assert sorted(found) == sorted(f"{folder}{i}.md" for i in expected)


def test_tags_index_counts(case):
    site, archive = case
    main = content(site, "tags.md")
    tags = Counter(t for a in archive.articles.values() for t in a.get("tags", []))
    items = main.find("ul", class_="la-tags").find_all("li")
    assert {li.find("a").text: count_of(li) for li in items} == {f"#{t}": n for t, n in tags.items()}
    for li in items:
        page = target(site, "tags.md", li.find("a"))[0]
        tag = li.find("a").text[1:]
        assert page == f"tags/{tag}.md"
        tagged = targets(site, page, content(site, page).find("ul", class_="la-articles"), "articles/")
        expected = [article_md(i) for i, a in archive.articles.items() if tag in a.get("tags", [])]
        assert sorted(tagged) == sorted(expected)


# --- dates, edit links, data ----------------------------------------------------------------


def test_dates_show_their_precision(small_site):
    main = content(small_site, article_md("2010-01-courier-memo"))
    time = main.find("dl", class_="la-source").find("time")
    assert (time.text, time.attrs["datetime"], time.attrs["data-precision"]) == (
        "January 2010",
        "2010-01",
        "month",
    )
    leaks = content(small_site, "leaks/index.md")
    shown = {t.attrs["datetime"]: t.text for t in leaks.find_all("time")}
    assert shown == {"2009-12": "December 2009", "2011": "2011"}
    day = content(small_site, article_md("2011-03-02-doe-tape")).find("dl", class_="la-source").find("time")
    assert day.text == "2 March 2011"


def test_edit_links_point_at_the_archive_file(small_site):
    def edit_link(page: str) -> str | None:
        links = small_site.page(page).find_all("a", rel="edit")
        return links[0].attrs["href"] if links else None

    edit = f"{REPO}/edit/main/"
    assert (
        edit_link(article_md("2010-01-courier-memo"))
        == edit + "archive/articles/2010/2010-01-courier-memo.md"
    )
    assert edit_link(actor_md("jane-roe")) == edit + "archive/actors/jane-roe.yml"
    assert edit_link(leak_md("records-memo")) == edit + "archive/leaks/records-memo.yml"
    assert edit_link("methodology.md") == edit + "docs/methodology.md"
    # Index pages are generated from the whole archive: there is no one file to edit.
    assert edit_link("actors/index.md") is None
    assert edit_link("index.md") is None


def test_no_edit_links_without_a_repository(real_site):
    assert real_site.page(article_md("2010-01-12-steady-drip-of-leaks")).find_all("a", rel="edit") == []


def test_archive_json(case):
    site, archive = case
    written = (site.site / "data" / "archive.json").read_text(encoding="utf-8")
    data = json.loads(written)
    # Written record by record, laid out exactly as one json.dumps of the whole would be.
    assert written == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    assert data["schema_version"] >= 1
    assert sorted(a["id"] for a in data["articles"]) == sorted(archive.articles)
    assert sorted(a["id"] for a in data["actors"]) == sorted(archive.actors)
    assert sorted(leak["id"] for leak in data["leaks"]) == sorted(archive.leaks)
    for article in data["articles"]:
        expected = archive.articles[article["id"]]
        assert article["text"] == expected["_body"]
        for quote in article["quotes"]:
            assert quote["anchor"] == anchor_of("quote", quote)
            assert squash(article["text"][quote["start"] : quote["end"]]) == squash(quote["text"])
