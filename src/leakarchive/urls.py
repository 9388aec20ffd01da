"""The one place that turns ids into page paths and URLs. Nothing else builds a URL by hand.

Pages are Markdown files at `page_path(...)`; with MkDocs' directory URLs each is served at
`url(...)`. Links inside generated HTML are relative (`relative_url`), so the site works from any
base path and opened straight from disk.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlencode, urlsplit

PageKind = Literal["article", "actor", "leak"]

_FOLDERS: dict[PageKind, str] = {"article": "articles", "actor": "actors", "leak": "leaks"}

HOME = "index.md"
ARTICLES_INDEX = "articles/index.md"  # the timeline
ACTORS_INDEX = "actors/index.md"
LEAKS_INDEX = "leaks/index.md"
VERIFICATION_INDEX = "verification.md"
TAGS_INDEX = "tags.md"
METHODOLOGY = "methodology.md"  # written by hand, in docs/
DATA_JSON = "data/archive.json"
STYLESHEET = "assets/leakarchive.css"

# Open data (render/opendata.py, annotations.py, feeds.py): the Data page and its files.
DATA_PAGE = "data.md"
DATA_SCHEMA = "data/archive.schema.json"
DATA_PACKAGE = "data/datapackage.json"
ANNOTATIONS = "data/annotations/index.jsonld"  # beside the articles' (no article is "index")
LICENCE_NAME = "CC-BY-4.0"
LICENCE_TITLE = "Creative Commons Attribution 4.0 International"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

RESERVED_IDS = frozenset({"index"})
"""Ids that would collide with an index page in the same folder."""


def reserved_tag(tag: str) -> bool:
    """Whether a tag's page would collide with a page of the tags list ('index', 'page-2')."""
    return tag in RESERVED_IDS or re.fullmatch(r"page-\d+", tag) is not None


def page_path(kind: PageKind, entity_id: str) -> str:
    """The generated Markdown file of an article, actor or leak."""
    return f"{_FOLDERS[kind]}/{entity_id}.md"


def sublist_path(kind: PageKind, entity_id: str, name: str) -> str:
    """A long list belonging to an entity: 'actors/<id>/articles.md', 'leaks/<id>/articles.md'."""
    return f"{_FOLDERS[kind]}/{entity_id}/{name}.md"


def year_path(year: int) -> str:
    """The articles of one year, on the timeline."""
    return f"timeline/{year}.md"


def kind_path(kind: str) -> str:
    """Every actor of one kind, A to Z."""
    return f"kinds/{kind}.md"


def status_path(status: str, what: str) -> str:
    """Every article or leak ('articles' or 'leaks') with one verification status."""
    return f"statuses/{status}/{what}.md"


def tag_path(tag: str) -> str:
    """The articles with one tag."""
    return f"tags/{tag}.md"


def wikidata_url(item: str) -> str:
    """The Wikidata page of an item ('Q42'), for an actor's links."""
    return f"https://www.wikidata.org/wiki/{item}"


def table_path(name: str) -> str:
    """A CSV table of the open data: 'data/articles.csv'."""
    return f"data/{name}.csv"


def annotations_path(article_id: str) -> str:
    """The W3C Web Annotations (JSON-LD) of one article's quotes and notes."""
    return f"data/annotations/{article_id}.jsonld"


def feed_path(name: str, form: Literal["atom", "rss"]) -> str:
    """A feed: 'feeds/articles.atom' (Atom 1.0) or 'feeds/articles.rss' (RSS 2.0)."""
    return f"feeds/{name}.{form}"


def beside(from_file: str, to_file: str) -> str:
    """The relative path from the file `from_file` to `to_file` (site paths of data files, not
    pages): 'data/datapackage.json' -> 'data/articles.csv' is 'articles.csv'."""
    return posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")


def absolute(site_url: str | None, url: str) -> str:
    """`url` (relative to the site root) made absolute when the site's address is known."""
    return site_url.rstrip("/") + "/" + url if site_url else url


def report_error_url(repo_url: str, title: str, page_url: str, source: str) -> str | None:
    """A new issue on the repository, prefilled for the page `page_url` made from the archive file
    `source`; None when the repository is not on a host whose new-issue form takes a title and
    body in its address (GitHub, GitLab, Codeberg/Gitea)."""
    base = repo_url.rstrip("/")
    host = urlsplit(base).netloc.casefold()
    if not base.startswith("https://") or not host:
        return None
    body = (
        f"Page: {page_url}\nArchive file: {source}\n\n"
        "What is wrong (quote the passage if you can):\n\n\nWhat it should say, and your source:\n"
    )
    query = urlencode({"title": f"Correction: {title}", "body": body}, quote_via=quote)
    if host == "github.com" or host.endswith(".github.com"):
        return f"{base}/issues/new?{query}&labels=correction"
    if "gitlab" in host:
        return f"{base}/-/issues/new?" + urlencode(
            {"issue[title]": f"Correction: {title}", "issue[description]": body}, quote_via=quote
        )
    return f"{base}/issues/new?{query}"


def listing_page(base: str, number: int) -> str:
    """Page `number` of a list whose first page is `base`: 'x.md', 'x/page-2.md', ..."""
    return base if number == 1 else f"{base[: -len('.md')]}/page-{number}.md"


@dataclass(frozen=True)
class Links:
    """Relative links between pages, for MkDocs' two URL styles.

    With directory URLs (the default, for a hosted site) `actors/x.md` is served at `actors/x/`;
    without them (a build read straight from disk, where a folder does not open its index.html)
    it is `actors/x.html`.
    """

    directory_urls: bool = True

    def url(self, path: str) -> str:
        """The URL, relative to the site root, at which the page or file `path` is served."""
        if not path.endswith(".md"):
            return path
        stem = path[: -len(".md")]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def link(self, from_path: str, to_path: str, anchor: str = "") -> str:
        """A link from the page `from_path` to the page or file `to_path`, relative to the former.

        Links climb to the site root and descend again ("../../actors/x/"): not always the
        shortest form, but computed in constant time for the hundreds of thousands of links
        a large archive has.
        """
        link = self.climb(from_path) + self.url(to_path)
        return (link or "./") + (f"#{anchor}" if anchor else "")

    def absolute(self, site_url: str | None, to_path: str, anchor: str = "") -> str:
        """The address of the page `to_path` for citations: under `site_url` when the site has
        one (mkdocs.yml's `site_url`), else relative to the site root ('articles/x/#quote-y'),
        which the page's script completes in the reader's browser."""
        url = self.url(to_path) + (f"#{anchor}" if anchor else "")
        return site_url.rstrip("/") + "/" + url if site_url else url

    def climb(self, from_path: str) -> str:
        """The relative link from the page `from_path` to the site root: '', '../', '../../'."""
        return "../" * self._output_file(from_path).count("/")

    def output_file(self, path: str) -> str:
        """The file a page or file `path` is written to, relative to the site root."""
        return self._output_file(path)

    def _output_file(self, path: str) -> str:
        """The HTML file a page is written to: 'actors/x/index.html' or 'actors/x.html'."""
        target = self.url(path)
        if not path.endswith(".md"):
            return target
        return target + "index.html" if self.directory_urls else target


def source_folder(kind: PageKind) -> str:
    """The folder under `archive/` holding files of this kind."""
    return _FOLDERS[kind]
