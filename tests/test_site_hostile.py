"""Untrusted text stays text: attacks fed through a real build come out inert.

The hostile archive (hostile.py) puts script tags, attribute breakouts, `javascript:` and `data:`
links, attribute lists, iframes and styles into every field a contributor writes: titles, names,
aliases, URLs, Markdown summaries, notes and descriptions, quotes and the article body. Its
article, actors and leak are also put into the navigation, because Material prints page titles
there (and in <title> and the header) without escaping them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hostile import (
    ACTOR_NAME,
    ALIAS,
    ARTICLE_TITLE,
    ATTRIBUTE_ALIAS,
    BODY,
    IMG,
    LEAK_TITLE,
    NOTE_LINK,
    OUTLET_NAME,
    QUOTE_HTML,
    QUOTE_SCRIPT,
    SCRIPT,
    write_hostile_archive,
)
from sitebuild import (
    ROOT,
    BuiltSite,
    Element,
    build_site,
    is_external,
    mkdocs_settings,
    parse_html,
    plugin_options,
    resolve,
)

from leakarchive.model import passage_id
from leakarchive.render.emit import UnsafePathError, export, safe_target
from leakarchive.render.pages import Page
from leakarchive.render.renderer import Site
from leakarchive.text import canonical_body

ARTICLE = "articles/2010-01-01-evil.md"
GENERATED = [
    ARTICLE,
    "actors/evil-name.md",
    "actors/evil-outlet.md",
    "actors/evil-close.md",
    "leaks/evil-leak.md",
]
DANGEROUS_SCHEME = re.compile(r"^(javascript|data|vbscript):")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite"}
# What the content area may contain: our templates' elements and what nh3 lets through.
CONTENT_TAGS = {
    "a", "abbr", "article", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h1",
    "h2", "i", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "span", "strong", "sub", "sup",
    "time", "ul", "script",  # script: only our JSON-LD, checked below
    "header", "footer", "details", "summary",  # an article's head, print citation, citations

}  # fmt: skip
SEARCH_TAGS = {"p", "ul", "ol", "li", "code", "pre", "strong", "em", "b", "i", "mark", "dl", "dt", "dd"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> BuiltSite:
    folder = tmp_path_factory.mktemp("hostile")
    archive = write_hostile_archive(folder / "input" / "archive")
    nav = mkdocs_settings()["nav"] + GENERATED
    # Drafts built: validate would refuse the links to nowhere (javascript:...) this is all about.
    return build_site(folder / "project", archive, {"nav": nav, **plugin_options(drafts=True)})


@pytest.fixture(scope="module")
def pages(hostile) -> dict[str, Element]:
    return {
        p.relative_to(hostile.site).as_posix(): parse_html(p.read_text("utf-8")) for p in hostile.html_files()
    }


def normalized_script(text: str) -> str:
    """An inline script with its page-relative paths taken out."""
    return re.sub(r'new URL\("[./]*"', 'new URL("."', text).strip()


# --- (a) no script but the known ones -------------------------------------------------------


def test_no_script_but_the_themes_and_our_json(hostile, pages):
    # Inline scripts are those of a hand-written page (no contributor text): the theme's own.
    known = {
        normalized_script(s.text)
        for s in pages["methodology/index.html"].find_all("script")
        if not s.attrs.get("src") and not s.attrs.get("type")
    }
    assert known
    json_ld = 0
    for path, page in pages.items():
        for script in page.find_all("script"):
            kind = script.attrs.get("type")
            if script.attrs.get("src") is not None:
                src = script.attrs["src"] or ""
                assert not is_external(src), (path, src)
                target, _ = resolve(hostile.site, hostile.site / path, src)
                assert target is not None, (path, src)
                assert target.relative_to(hostile.site).as_posix().startswith("assets/javascripts/"), (
                    path,
                    src,
                )
                assert script.text == ""
            elif kind == "application/ld+json":
                json_ld += 1
                assert "<" not in script.text and ">" not in script.text, path
                json.loads(script.text)
            elif kind == "application/json":
                assert script.attrs.get("id") == "__config", path
                json.loads(script.text)
            else:
                assert kind is None, (path, kind)
                assert normalized_script(script.text) in known, (path, script.text[:200])
    # One per article, actor and leak page (render/metadata.py), none on lists or prose pages.
    entities = sum(
        1
        for page in pages.values()
        if any(a.attrs.get("data-kind") in ("article", "actor", "leak") for a in page.find_all("article"))
    )
    assert entities > 2 and json_ld == entities


# --- (b) no event handler attributes, (c) no dangerous URL ------------------------------------


def test_no_event_handlers_anywhere(pages):
    for path, page in pages.items():
        for element in page.iter():
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert handlers == [], (path, element)
            assert "data-duplicate-attribute" not in element.attrs, (path, element)


def test_no_dangerous_urls_anywhere(pages):
    for path, page in pages.items():
        for element in page.iter():
            for name, value in element.attrs.items():
                squashed = re.sub(r"[\x00-\x20]+", "", value or "").lower()
                if name in URL_ATTRIBUTES:
                    assert not DANGEROUS_SCHEME.match(squashed), (path, element)
                if element.tag == "meta" and "refresh" in (element.attrs.get("http-equiv") or "").lower():
                    pytest.fail(f"{path}: a meta refresh")


def test_content_holds_only_allowed_elements(hostile, pages):
    for page in GENERATED:
        document = pages[hostile.page_file(page).relative_to(hostile.site).as_posix()]
        main = document.find("article", class_="md-content__inner")
        edit_buttons = [e for e in main.find_all("a", class_="md-content__button")]
        skip = {id(e) for button in edit_buttons for e in button.iter()}
        for element in main.iter():
            if element is main or id(element) in skip:
                continue
            assert element.tag in CONTENT_TAGS, (page, element)
            assert "style" not in element.attrs, (page, element)
            if element.tag == "a":
                href = element.attrs.get("href")
                assert href is None or not is_external(href) or href.startswith(("http://", "https://")), href
                assert set(element.attrs) <= {"href", "title", "rel", "class", "id"}, (page, element)
            if element.tag == "script":
                assert element.attrs == {"type": "application/ld+json"}


def test_raw_html_of_attacks_never_reaches_a_page(hostile):
    for path in hostile.html_files():
        raw = path.read_text("utf-8")
        for needle in (
            "<script>alert",
            "<img",
            "<iframe",
            "<object",
            "<embed",
            "<svg onload",
            "<math",
        ):
            assert needle not in raw, (path, needle)
        # The only <details> are the page's own: each quote's and note's citation.
        assert all(
            re.fullmatch(
                r'<details class="la-cite" id="cite-(quote|note)-[a-z0-9-]+" '
                r"data-search-exclude data-pagefind-ignore>",
                tag,
            )
            for tag in re.findall(r"<details[^>]*>", raw)
        ), path
        assert "<style" not in raw, path
        # Every "alert(" left is in text or an attribute value, escaped: never inside a tag.
        for tag in re.findall(r"<[a-zA-Z][^<>]*>", raw):
            assert "alert(" not in tag or re.search(r'="[^"]*alert\(', tag), (path, tag)


# --- (d) the attacks are shown as text --------------------------------------------------------


def test_titles_are_text_in_materials_title_header_and_nav(hostile, pages):
    titles = {
        ARTICLE: ARTICLE_TITLE,
        "actors/evil-name.md": ACTOR_NAME,
        "actors/evil-outlet.md": OUTLET_NAME,
        "leaks/evil-leak.md": LEAK_TITLE,
    }
    home = pages["index.html"]
    nav_texts = [a.text.strip() for a in home.find("nav", class_="md-nav--primary").find_all("a")]
    for page, title in titles.items():
        document = hostile.page(page)
        assert document.find("title").text == f"{title} - Leak Archive"
        assert document.find("article", class_="md-content__inner").find("h1").text == title
        topic = document.find("div", class_="md-header__topic", data_md_component="header-topic")
        assert topic.text.strip() == title and not topic.find_all("script")
        assert title in nav_texts, f"{title!r} is not shown as text in the navigation"
    raw_title = re.search(r"<title>(.*?)</title>", hostile.page_file(ARTICLE).read_text("utf-8"), re.S)[1]
    assert "<" not in raw_title


def test_plain_text_fields_are_shown_escaped(hostile):
    article = hostile.page(ARTICLE)
    source = article.find("dl", class_="la-source")
    authors = [
        dd
        for dt, dd in zip(source.find_all("dt"), source.find_all("dd"), strict=True)
        if dt.text == "Authors"
    ]
    assert authors[0].text == f"{SCRIPT}, {IMG}"
    publisher = source.find("dd").find("a")
    assert publisher.text == OUTLET_NAME
    actor = hostile.page("actors/evil-name.md")
    assert [s.text for s in actor.find_all("span", class_="la-alias")] == [ALIAS, ATTRIBUTE_ALIAS]
    links = actor.find("ul", class_="la-links").find_all("a")
    assert [a.attrs["href"] for a in links] == [a.text for a in links]  # the URL, as text and as link


def test_article_body_is_verbatim_text(hostile):
    text = hostile.page(ARTICLE).find("div", class_="la-text")
    body = canonical_body(BODY)
    shown = "\n\n".join(p.text for p in text.paragraphs()) + "\n"
    # Line by line, as typed (indentation and blank lines aside, which HTML does not show).
    # Control characters (Python-Markdown's placeholder delimiters among them) become U+FFFD.
    expected = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "\ufffd", body)

    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    assert lines(shown) == lines(expected)
    assert "\ufffdwzxhzdk:0\ufffd" in shown
    assert {e.tag for p in text.paragraphs() for e in p.iter()} <= {"p", "mark", "a"}
    links = [a for p in text.paragraphs() for a in p.find_all("a")]
    assert all("la-mention" in a.attrs["class"] for a in links)
    assert text.find("mark", id=f"quote-{passage_id(QUOTE_HTML)}").text == QUOTE_HTML
    assert text.find("mark", id=f"quote-{passage_id(QUOTE_SCRIPT)}").text == QUOTE_SCRIPT
    assert text.find("mark", id=f"note-{passage_id(NOTE_LINK)}").text == NOTE_LINK
    assert [a.text for a in links] == [ALIAS, ATTRIBUTE_ALIAS]
    quotes = hostile.page(ARTICLE).find("ol", class_="la-quotes").find_all("blockquote")
    assert [q.text for q in quotes] == [QUOTE_HTML, QUOTE_SCRIPT]


def test_markdown_fields_are_sanitised(hostile):
    article = hostile.page(ARTICLE)
    for block in article.find_all("div", class_="la-summary") + article.find_all("div", class_="la-note"):
        links = {a.text: a.attrs.get("href") for a in block.find_all("a")}
        # The link texts stay; dangerous targets are gone; http(s) links stay, marked nofollow.
        for text in ("click", "vb", "data", "spaced", "entity", "data link", "js", "ref"):
            assert links.get(text) is None, (text, links)
        assert links["https://evil.example/auto"] == "https://evil.example/auto"
        assert "alert(1)" not in "".join(a.attrs.get("href") or "" for a in block.find_all("a"))
        assert '{: onclick="alert(1)" }' in block.text  # an attribute list stays text
        assert "cover" in block.text and "hover" in block.text


# --- (e) JSON in pages cannot close its script ------------------------------------------------


def test_json_ld_cannot_be_closed_early(hostile):
    raw = hostile.page_file(ARTICLE).read_text("utf-8")
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
    assert match, "no JSON-LD"
    assert "<" not in match[1] and "\\u003c/script\\u003e" in match[1]
    data = json.loads(match[1])
    assert data["headline"] == ARTICLE_TITLE
    assert data["publisher"]["name"] == OUTLET_NAME


def test_search_index_holds_only_escaped_text(hostile):
    """Material's search shows titles and text from this index as HTML."""
    index = json.loads((hostile.site / "search" / "search_index.json").read_text("utf-8"))
    seen = 0
    for doc in index["docs"]:
        for field in ("title", "text"):
            fragment = parse_html(doc[field])
            for element in fragment.iter():
                if element is fragment:
                    continue
                assert element.tag in SEARCH_TAGS and element.attrs == {}, (doc["location"], field, element)
            seen += SCRIPT in fragment.text
    assert seen  # the attack is in the index, as text


# --- export refuses paths outside its folder --------------------------------------------------


@pytest.mark.parametrize(
    "path", ["../escape.md", "/etc/passwd", "a/../../escape.md", "a\\..\\escape.md", "", ".", "a/./../../b"]
)
def test_safe_target_refuses_paths_outside(tmp_path, path):
    with pytest.raises(UnsafePathError):
        safe_target(tmp_path / "out", path)


def test_safe_target_refuses_a_symlink_out(tmp_path):
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "articles").symlink_to(outside)
    with pytest.raises(UnsafePathError):
        safe_target(out, "articles/x.md")
    assert safe_target(out, "actors/x.md") == out / "actors" / "x.md"


def test_export_writes_nothing_outside(tmp_path):
    out = tmp_path / "out"
    site = Site(pages={"../escape.md": Page("../escape.md", "x", "x")}, files={"../escape.json": b"{}"})
    with pytest.raises(UnsafePathError):
        export(site, out)
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "escape.json").exists()


def test_export_command_refuses_a_symlinked_folder(tmp_path):
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "articles").symlink_to(outside)
    result = subprocess.run(
        [sys.executable, "-m", "leakarchive", "export", str(out), "--archive", str(ROOT / "archive")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert list(outside.iterdir()) == []
    assert "out/articles: a symbolic link" in result.stdout  # refused before writing anything


def test_the_build_says_which_actors_its_names_link_most(hostile):
    """A reviewer sees in the build log what the names of a pull request link (issue 14)."""
    assert "mentions: articles naming each actor, most first: evil-name 1" in hostile.output
