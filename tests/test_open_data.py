"""Open data on built sites: the Data page, CSV tables and their Data Package (checked by the
`frictionless` library), archive.json against its JSON Schema, Web Annotations re-anchored in
the archived texts, and feeds read by `feedparser`. The sites are the real and the small
archives, built once per session by `mkdocs build --strict` (conftest.py); the expectations come
from the archive files read without the engine (sitebuild.read_archive)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import feedparser
import jsonschema
import pytest
from frictionless import Package
from sitebuild import REAL_ARCHIVE, SMALL_ARCHIVE, ArchiveData, BuiltSite, read_archive, resolve, squash


@pytest.fixture(scope="module", params=["real", "small"])
def case(request) -> tuple[BuiltSite, ArchiveData]:
    if request.param == "real":
        return request.getfixturevalue("real_site"), read_archive(REAL_ARCHIVE)
    return request.getfixturevalue("small_site"), read_archive(SMALL_ARCHIVE)


def rows(site: BuiltSite, table: str) -> list[dict[str, str]]:
    with (site.site / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(site: BuiltSite, path: str) -> dict:
    return json.loads((site.site / path).read_text(encoding="utf-8"))


# --- the Data package -----------------------------------------------------------------------


def test_data_package_is_valid_for_frictionless(case):
    site, _ = case
    package = Package(str(site.site / "data" / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = {resource.name for resource in package.resources}
    assert {"articles", "actors", "leaks", "quotes", "notes", "article_actors", "article_leaks"} <= names
    assert package.licenses[0]["name"] == "CC-BY-4.0"


def test_data_package_refuses_a_broken_table(case, tmp_path):
    """The check above can fail: a quote whose speaker is no actor breaks a foreign key."""
    site, _ = case
    copy = tmp_path / "data"
    copy.mkdir()
    for path in (site.site / "data").glob("*.*"):
        (copy / path.name).write_bytes(path.read_bytes())
    with (copy / "quotes.csv").open(encoding="utf-8", newline="") as handle:
        quotes = list(csv.reader(handle))
    quotes[1][quotes[0].index("speaker")] = "nobody-at-all"
    with (copy / "quotes.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(quotes)
    report = Package(str(copy / "datapackage.json")).validate()
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_tables_hold_every_record_of_the_archive(case):
    site, data = case
    assert {r["id"] for r in rows(site, "articles")} == set(data.articles)
    assert {r["id"] for r in rows(site, "actors")} == set(data.actors)
    assert {r["id"] for r in rows(site, "leaks")} == set(data.leaks)
    for article_id, article in data.articles.items():
        quotes = [r for r in rows(site, "quotes") if r["article"] == article_id]
        assert [squash(r["exact"]) for r in quotes] == [squash(q["text"]) for q in article.get("quotes", [])]
        assert [r["speaker"] for r in quotes] == [q["speaker"] for q in article.get("quotes", [])]
        notes = [r for r in rows(site, "notes") if r["article"] == article_id]
        assert [squash(r["exact"]) for r in notes] == [
            squash(n["text"]) for n in article.get("annotations", [])
        ]
        stances = {
            (r["leak"], r["stance"]) for r in rows(site, "article_leaks") if r["article"] == article_id
        }
        assert stances == {(ref["leak"], ref["stance"]) for ref in article.get("leaks", [])}
        for quote in quotes:  # the offsets are the quote's place in the archived text
            assert article["_body"][int(quote["start"]) : int(quote["end"])] == quote["exact"]
    names = {(r["actor"], r["language"], r["name"]) for r in rows(site, "actor_names")}
    assert names == {
        (a, lang, name) for a, actor in data.actors.items() for lang, name in actor.get("names", {}).items()
    }
    aliases = {(r["actor"], r["alias"]) for r in rows(site, "actor_aliases")}
    assert aliases == {(a, alias) for a, actor in data.actors.items() for alias in actor.get("aliases", [])}
    history = [(r["leak"], r["status"], r["date"]) for r in rows(site, "leak_status_history")]
    assert sorted(history) == sorted(
        (leak_id, step["status"], str(step["date"]))
        for leak_id, leak in data.leaks.items()
        for step in leak.get("status_history", [])
    )


def test_table_links_lead_to_pages(case):
    site, _ = case
    for table in ("articles", "actors", "leaks", "quotes"):
        for row in rows(site, table):
            target, fragment = resolve(site.site, site.site / "index.html", row["page"])
            assert target is not None, row["page"]
            if fragment:  # a quote's place in its article
                page = target.relative_to(site.site).parent.as_posix() + ".md"
                assert fragment in site.page(page).ids


# --- archive.json ---------------------------------------------------------------------------


def test_archive_json_follows_its_schema(case):
    site, _ = case
    schema = load(site, "data/archive.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    archive = load(site, "data/archive.json")
    jsonschema.Draft202012Validator(schema).validate(archive)
    archive["articles"][0]["quotes"].append({"text": "x"})  # no speaker: the schema must say so
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(archive)


# --- Web Annotations ------------------------------------------------------------------------


def test_every_annotation_re_anchors_in_its_text(case):
    """As an annotation client would: the position selector gives the exact words, and the
    quote selector (prefix + exact + suffix) is found once in the text, at the same place."""
    site, data = case
    whole = load(site, "data/annotations/index.jsonld")
    assert whole["type"] == "AnnotationCollection" and whole["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = whole["first"]["items"]
    expected = sum(len(a.get("quotes", [])) + len(a.get("annotations", [])) for a in data.articles.values())
    assert whole["total"] == len(items) == expected > 0
    by_article: dict[str, list[dict]] = {}
    here = site.site / "data" / "annotations" / "index.jsonld"
    for item in items:
        page, _ = resolve(site.site, here, item["target"]["source"]["id"])
        assert page is not None
        article_id = page.parent.name
        by_article.setdefault(article_id, []).append(item)
        text = data.articles[article_id]["_body"]
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
        whole_match = quote["prefix"] + quote["exact"] + quote["suffix"]
        assert text.count(whole_match) == 1
        assert text.index(whole_match) + len(quote["prefix"]) == position["start"]
        # The id's fragment is the highlight's anchor on the article's page.
        anchor = item["id"].rpartition("#")[2]
        assert anchor in site.page(f"articles/{article_id}.md").ids
        motivation = "identifying" if anchor.startswith("quote") else "commenting"
        assert item["motivation"] == motivation
    for article_id in data.articles:
        own = load(site, f"data/annotations/{article_id}.jsonld")
        assert own["type"] == "AnnotationCollection"
        assert own["first"]["items"] == by_article.get(article_id, [])
        assert own["total"] == len(by_article.get(article_id, []))


def test_each_article_page_links_its_own_annotations(case):
    site, data = case
    for article_id in data.articles:
        page = site.page(f"articles/{article_id}.md")
        link = page.find("a", class_="la-annotations")
        assert "W3C Web Annotations" in link.text, article_id
        target, _ = resolve(site.site, site.page_file(f"articles/{article_id}.md"), link.attrs["href"])
        assert target == site.site / "data" / "annotations" / f"{article_id}.jsonld"


# --- feeds ----------------------------------------------------------------------------------


HOST = "https://archive.example/"


def parse_feed(site: BuiltSite, path: str):
    """The feed as a reader fetches it from HOST: feedparser resolves its links against it."""
    media_type = "application/atom+xml" if path.endswith(".atom") else "application/rss+xml"
    headers = {"content-location": HOST + path, "content-type": f"{media_type}; charset=utf-8"}
    feed = feedparser.parse((site.site / path).read_bytes(), response_headers=headers)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def feed_target(site: BuiltSite, link: str) -> Path | None:
    assert link.startswith(HOST), link
    target, _ = resolve(site.site, site.site / "index.html", link.removeprefix(HOST))
    return target


@pytest.mark.parametrize("form", ["atom", "rss"])
def test_article_feed_lists_the_newest_articles(case, form):
    site, data = case
    feed = parse_feed(site, f"feeds/articles.{form}")
    newest = sorted(data.articles.values(), key=lambda a: (str(a["date"]), a["id"]), reverse=True)[:50]
    assert [e.title for e in feed.entries] == [a["title"] for a in newest]
    for entry, article in zip(feed.entries, newest, strict=True):
        target = feed_target(site, entry.link)
        assert target == site.page_file(f"articles/{article['id']}.md")
        assert entry.published_parsed[:3] == tuple(
            int(p) for p in (str(article["date"]) + "-01-01").split("-")[:3]
        )
    assert len({e.id for e in feed.entries}) == len(feed.entries)


@pytest.mark.parametrize("form", ["atom", "rss"])
def test_status_feed_has_every_change_of_status(case, form):
    site, data = case
    feed = parse_feed(site, f"feeds/leak-status.{form}")
    changes = [(leak_id, step) for leak_id, leak in data.leaks.items() for step in leak["status_history"]]
    assert len(feed.entries) == min(50, len(changes))
    for entry in feed.entries:
        target = feed_target(site, entry.link)
        leak_id = target.parent.name
        assert leak_id in data.leaks
        assert any(step["status"] in entry.title for lid, step in changes if lid == leak_id)
    days = [e.updated_parsed if form == "atom" else e.published_parsed for e in feed.entries]
    assert days == sorted(days, reverse=True)


# --- pages ----------------------------------------------------------------------------------


def test_every_page_links_the_feeds_in_its_head(case):
    site, _ = case
    for page in site.html_files()[:200]:
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        for path in ("feeds/articles.atom", "feeds/articles.rss", "feeds/leak-status.atom"):
            assert path in html, (page, path)


def test_data_page_links_every_data_file_and_states_the_licence(case):
    site, _ = case
    page = site.page("data.md")
    content = page.find("article")
    targets = set()
    for link in content.find_all("a"):
        target, _ = resolve(site.site, site.page_file("data.md"), link.attrs["href"] or "")
        if target is not None:
            targets.add(target.relative_to(site.site).as_posix())
    expected = {f"data/{p.name}" for p in (site.site / "data").glob("*.*")}
    expected |= {"data/annotations/index.jsonld", "feeds/articles.atom", "feeds/leak-status.rss"}
    assert expected - {"data/index.html"} <= targets
    text = content.text
    assert "Creative Commons Attribution 4.0" in text and "belongs to its publisher" in text
    # The footer of every page names the licence and links the Data page.
    footer = site.page("methodology.md").find("footer")
    assert "CC BY" in footer.text or "Creative Commons" in footer.text
    assert any(
        resolve(site.site, site.page_file("methodology.md"), a.attrs["href"] or "")[0]
        == site.page_file("data.md")
        for a in footer.find_all("a")
    )
    # ... and the navigation leads to it.
    nav = site.page("index.md").find("nav", class_="md-nav--primary")
    assert "Data" in [a.text.strip() for a in nav.find_all("a")]
