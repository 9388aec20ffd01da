"""The way out of Material for MkDocs (end of life on 5 May 2027): the pages `leakarchive export`
writes build with Zensical, its maintained successor, which runs no third-party plugin.

small_site_zensical is the small archive exported with `--no-directory-urls` and built by
`zensical build -f mkdocs.zensical.yml`, as the README says; small_site_flat is the same project
built by MkDocs with the plugin. test_site_links.py crawls the Zensical site as well.
"""

from __future__ import annotations

import pytest
from hostile import write_hostile_archive
from sitebuild import BuiltSite, Element, build_with_zensical, make_project, parse_html

FAMILIES = ("articles", "actors", "leaks", "tags", "timeline", "statuses", "kinds")


def relative_pages(site: BuiltSite) -> set[str]:
    return {path.relative_to(site.site).as_posix() for path in site.html_files()}


def generated_content(site: BuiltSite, page: str) -> Element:
    """The <article class="la-..."> a template of ours made, on a generated page."""
    document = parse_html((site.site / page).read_text(encoding="utf-8"))
    found = document.find_all("article", predicate=lambda e: "la-" in (e.attrs.get("class") or ""))
    assert len(found) == 1, page
    return found[0]


def shape(element: Element) -> list[tuple[str, dict[str, str | None]]]:
    """Every element and its attributes, but data-search-kind: the plugin reads it (to label search
    results "Actor: ...") and takes it out; left in, it does nothing."""
    return [(e.tag, {k: v for k, v in e.attrs.items() if k != "data-search-kind"}) for e in element.iter()]


def test_zensical_builds_the_exported_pages_without_an_issue(small_site_zensical):
    assert "No issues found" in small_site_zensical.output
    assert "Error" not in small_site_zensical.output


def test_every_page_of_the_plugins_build_is_there(small_site_zensical, small_site_flat):
    pages = relative_pages(small_site_flat)
    assert len([p for p in pages if p.split("/")[0] in FAMILIES]) > 20
    assert relative_pages(small_site_zensical) == pages


def test_generated_pages_have_the_same_content_and_links(small_site_zensical, small_site_flat):
    """Same elements, attributes (every link) and text as the plugin's build: the export stands
    alone, nothing of the page depends on the plugin running."""
    compared = 0
    for page in sorted(relative_pages(small_site_flat)):
        if page.split("/")[0] in ("articles", "actors", "leaks") and not page.endswith("index.html"):
            plugin, zensical = (
                generated_content(small_site_flat, page),
                generated_content(small_site_zensical, page),
            )
            assert shape(zensical) == shape(plugin), page
            assert zensical.text == plugin.text, page
            compared += 1
    assert compared >= 12


def test_the_theme_overrides_and_stylesheet_apply(small_site_zensical):
    document = parse_html((small_site_zensical.site / "index.html").read_text(encoding="utf-8"))
    loaded = {
        (e.attrs.get("href") or e.attrs.get("src") or "").removeprefix("./")
        for e in document.find_all(predicate=lambda e: e.tag in ("link", "script"))
    }
    assert "assets/leakarchive.css" in loaded
    assert "assets/stylesheets/leakarchive-search.css" in loaded  # docs/overrides/main.html
    assert "assets/javascripts/leakarchive-file.js" in loaded
    assert any(url.startswith("assets/stylesheets/classic/") for url in loaded)  # Material's look


def test_the_search_box_is_zensicals_own(small_site_zensical):
    """Material 9.8's search box (docs/overrides/partials/search.html) is left out of the export
    that Zensical builds: there it showed unstyled, and Zensical's own searches search.json."""
    document = parse_html((small_site_zensical.site / "index.html").read_text(encoding="utf-8"))
    assert document.find_all(class_="md-search__form") == []
    assert document.find_all(class_="md-search__button")
    assert (small_site_zensical.site / "search.json").is_file()


@pytest.fixture(scope="module")
def hostile_zensical(tmp_path_factory) -> BuiltSite:
    folder = tmp_path_factory.mktemp("hostile-zensical")
    archive = write_hostile_archive(folder / "input" / "archive")
    # Drafts exported: validate would refuse the links to nowhere (javascript:...) this is all about.
    return build_with_zensical(
        make_project(folder / "project", archive, {"use_directory_urls": False}), drafts=True
    )


def test_exported_drafts_say_so_at_their_top(hostile_zensical):
    # `export --drafts` builds files a reviewer would send back, each marked as in a preview.
    draft = parse_html((hostile_zensical.site / "articles/2010-01-01-evil.html").read_text(encoding="utf-8"))
    (notice,) = draft.find_all(class_="leakarchive-draft")
    assert "Draft: not ready to publish" in notice.text and "leakarchive validate" in notice.text
    home = (hostile_zensical.site / "index.html").read_text(encoding="utf-8")
    assert "leakarchive-draft" not in home


def test_hostile_text_stays_inert_with_zensical(hostile_zensical):
    pages = relative_pages(hostile_zensical)
    assert "articles/2010-01-01-evil.html" in pages
    for page in pages:
        document = parse_html((hostile_zensical.site / page).read_text(encoding="utf-8"))
        for element in document.iter():
            assert not [name for name in element.attrs if name.startswith("on")], (page, element)
            if element.tag == "script" and any(a.tag == "article" for a in element.ancestors()):
                assert element.attrs.get("type") == "application/ld+json", (page, element)
        assert "alert(1)</script>" not in "".join(
            child
            for e in document.iter()
            if e.tag == "script"
            for child in e.children
            if isinstance(child, str)
        ), page
