"""postbuild: search result labels, and the offline copy's files (no browser needed)."""

from __future__ import annotations

import json
import zipfile

import pytest

from leakarchive.site import postbuild


def write_index(site, docs):
    (site / "search").mkdir(parents=True, exist_ok=True)
    (site / "search" / "search_index.json").write_text(json.dumps({"config": {}, "docs": docs}), "utf-8")


def read_titles(site):
    return [
        d["title"] for d in json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    ]


def test_search_kind_is_read_from_the_generated_markup():
    assert postbuild.search_kind('<article class="la-actor" data-search-kind="Actor">') == "Actor"
    assert postbuild.search_kind("<p>no kind</p>") is None


def test_page_entries_are_labelled_once_and_sections_left_alone(tmp_path):
    write_index(
        tmp_path,
        [
            {"location": "actors/x/", "title": "X", "text": ""},
            {"location": "actors/x/#quotes", "title": "Quotes", "text": ""},
            {"location": "methodology/", "title": "Methodology", "text": ""},
        ],
    )
    assert postbuild.label_search_index(tmp_path, {"actors/x/": "Actor"}) == 1
    assert postbuild.label_search_index(tmp_path, {"actors/x/": "Actor"}) == 0  # idempotent
    assert read_titles(tmp_path) == ["Actor: X", "Quotes", "Methodology"]


def test_labels_are_put_in_the_index_as_written_whatever_its_strings_hold(tmp_path):
    """The index is edited as bytes: quotes, escapes, non-ASCII text and text that looks like an
    entry are left exactly as they were, in Material's compact layout as in a spaced one."""
    docs = [
        {"location": "actors/x/", "title": 'No \\"no\\" \u00e9', "text": '{"location":"actors/x/","title":"'},
        {"location": "leaks/\u00e9/", "title": "\u0645\u062d\u0631\u0645\u0627\u0646\u0647", "text": ""},
        {"location": "actors/y/", "title": "Y", "text": '"location": "actors/x/"'},
    ]
    kinds = {"actors/x/": "Actor", "leaks/\u00e9/": "Leak"}
    for separators in ((",", ":"), (", ", ": ")):
        (tmp_path / "search").mkdir(exist_ok=True)
        index = json.dumps({"config": {"lang": ["en"]}, "docs": docs}, separators=separators)
        (tmp_path / "search" / "search_index.json").write_text(index, "utf-8")
        assert postbuild.label_search_index(tmp_path, kinds) == 2
        labelled = json.loads((tmp_path / "search" / "search_index.json").read_text("utf-8"))
        assert labelled["docs"] == [
            dict(docs[0], title="Actor: " + docs[0]["title"]),
            dict(docs[1], title="Leak: " + docs[1]["title"]),
            docs[2],
        ]


def test_no_index_no_change(tmp_path):
    assert postbuild.label_search_index(tmp_path, {"a/": "Actor"}) == 0


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ('<script src="https://cdn.example/x.js"></script>', [("script", "https://cdn.example/x.js")]),
        ('<link rel="stylesheet" href="//fonts.example/css">', [("link", "//fonts.example/css")]),
        ('<img srcset="a.png 1x, https://t.example/p.png 2x">', [("img", "https://t.example/p.png")]),
        (
            '<div style="background: url(https://t.example/bg.png)"></div>',
            [("style", "https://t.example/bg.png")],
        ),
        ("<style>@import 'https://t.example/a.css';</style>", [("style", "https://t.example/a.css")]),
        ('<iframe src="https://t.example/"></iframe>', [("iframe", "https://t.example/")]),
        # Links are not loaded; relative and data: resources stay in the site.
        ('<a href="https://www.nytimes.com/x">original</a>', []),
        ('<link rel="canonical" href="https://site.example/x/">', []),
        ('<script src="../assets/x.js"></script><img src="data:image/png;base64,AA==">', []),
    ],
)
def test_external_resources(html, found):
    assert postbuild.external_resources(html) == found


def test_the_worker_is_wrapped_as_a_function_of_a_worker_scope():
    wrapped = postbuild.wrap_worker('"use strict";self.lunr=1;\n//# sourceMappingURL=search.js.map\n')
    assert wrapped.startswith("/*")
    assert (
        "window.__leakarchiveSearchWorker = function (self, addEventListener, postMessage, importScripts)"
        in wrapped
    )
    assert "sourceMappingURL" not in wrapped
    assert 'Object.defineProperty(self, "lunr"' in wrapped


def make_site(site):
    write_index(
        site,
        [
            {"location": "", "title": "Home", "text": "</script>"},
            {"location": "actors/x/#quotes", "title": "Quotes", "text": ""},
        ],
    )
    workers = site / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.abc123.min.js").write_text("addEventListener('message', () => {});", "utf-8")
    (site / "actors" / "x").mkdir(parents=True)
    (site / "actors" / "x" / "index.html").write_text(
        '<a href="../../">home</a> <a href="../y/">y</a> <a href="../../#top">top</a>'
        ' <a href="./#quotes">here</a> <a href="https://example.org/a/">out</a>'
        ' <link rel="stylesheet" href="../../assets/site.css"> <a href="../..">home too</a>',
        "utf-8",
    )
    (site / "index.html").write_text(
        '<a href="actors/x/?q=1#f">x</a><script src="assets/x.js"></script>', "utf-8"
    )


def test_the_offline_copy_links_to_files_and_searches_without_a_server(tmp_path):
    site = tmp_path / "site"
    make_site(site)
    zip_path = site / "copy.zip"
    names = postbuild.make_offline(site, zip_path)
    assert "leak-archive/search/search_index.js" in names
    assert "leak-archive/assets/javascripts/workers/search.abc123.page.js" in names
    assert "leak-archive/copy.zip" not in names
    with zipfile.ZipFile(zip_path) as opened:
        read = {name: opened.read(name).decode("utf-8") for name in opened.namelist()}
    assert read["leak-archive/actors/x/index.html"] == (
        '<a href="../../index.html">home</a> <a href="../y/">y</a> <a href="../../index.html#top">top</a>'
        ' <a href="./index.html#quotes">here</a> <a href="https://example.org/a/">out</a>'
        ' <link rel="stylesheet" href="../../assets/site.css"> <a href="../../index.html">home too</a>'
    )  # ../y/ has no index.html: left as it is
    assert read["leak-archive/index.html"].startswith('<a href="actors/x/index.html?q=1#f">')
    script = read["leak-archive/search/search_index.js"]
    assert script.startswith("var __index = {") and script.endswith(";\n")
    docs = json.loads(script[len("var __index = ") : -2])["docs"]
    assert [d["location"] for d in docs] == ["index.html", "actors/x/index.html#quotes"]
    assert json.loads(read["leak-archive/search/search_index.json"])["docs"] == docs
    # The hosted site itself is left as it was.
    assert json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"][0]["location"] == ""


def test_make_offline_refuses_a_page_that_loads_from_elsewhere(tmp_path):
    page = '<link rel="stylesheet" href="https://fonts.example/x.css">'
    (tmp_path / "index.html").write_text(page, "utf-8")
    with pytest.raises(postbuild.OfflineError, match=r"fonts\.example"):
        postbuild.make_offline(tmp_path, tmp_path / "copy.zip")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]  # no zip, no partial zip


def test_the_zip_is_the_same_bytes_every_time(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("home", "utf-8")
    (site / "a" / "b.html").write_text("b", "utf-8")
    postbuild.make_offline(site, tmp_path / "one.zip")
    (site / "index.html").touch()  # a newer modification time changes nothing
    postbuild.make_offline(site, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as opened:
        assert opened.namelist() == ["leak-archive/a/b.html", "leak-archive/index.html"]


def test_each_passage_gets_an_entry_at_its_anchor_titled_with_its_words(tmp_path):
    write_index(tmp_path, [{"location": "articles/a/", "title": "Article: A", "text": ""}])
    passages = {"articles/a/": [("quote-1", "Quote 1, <Jane>", "soft <b>war</b>"), ("note-1", "Note 1", "x")]}
    assert postbuild.add_search_passages(tmp_path, passages) == 2
    docs = json.loads((tmp_path / "search" / "search_index.json").read_text("utf-8"))["docs"]
    assert docs == [
        {"location": "articles/a/", "title": "Article: A", "text": ""},
        # Material reads titles and texts as HTML: the contributor's words stay text.
        {
            "location": "articles/a/#quote-1",
            "title": "soft &lt;b&gt;war&lt;/b&gt;",
            "text": "<p>Quote 1, &lt;Jane&gt;</p>",
        },
        {"location": "articles/a/#note-1", "title": "x", "text": "<p>Note 1</p>"},
    ]
    write_index(tmp_path, [])
    assert postbuild.add_search_passages(tmp_path, passages) == 2
    assert [
        d["location"]
        for d in json.loads((tmp_path / "search" / "search_index.json").read_text("utf-8"))["docs"]
    ] == [
        "articles/a/#quote-1",
        "articles/a/#note-1",
    ]
