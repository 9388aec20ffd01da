"""The one place that turns ids into page paths and URLs. Nothing else builds a URL by hand.

Pages are Markdown files at `page_path(...)`; with MkDocs' directory URLs each is served at
`url(...)`. Links inside generated HTML are relative (`relative_url`), so the site works from any
base path and opened straight from disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PageKind = Literal["article", "actor", "leak"]

_FOLDERS: dict[PageKind, str] = {"article": "articles", "actor": "actors", "leak": "leaks"}

HOME = "index.md"
ARTICLES_INDEX = "articles/index.md"  # the timeline
ACTORS_INDEX = "actors/index.md"
LEAKS_INDEX = "leaks/index.md"
VERIFICATION_INDEX = "verification.md"
TAGS_INDEX = "tags.md"
DATA_JSON = "data/archive.json"
STYLESHEET = "assets/leakarchive.css"

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
    site_url: str = ""  # where the site is hosted (MkDocs' site_url), "" when not known

    def absolute(self, from_path: str, to_path: str, anchor: str = "") -> str:
        """The address of the page or file `to_path`: absolute under `site_url` when the site's
        address is known (for canonical links, feeds and JSON-LD, read elsewhere than on the
        site), else relative to the page `from_path`, as `link` makes it."""
        if not self.site_url:
            return self.link(from_path, to_path, anchor)
        base = self.site_url if self.site_url.endswith("/") else self.site_url + "/"
        return base + self.url(to_path) + (f"#{anchor}" if anchor else "")

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

    def climb(self, from_path: str) -> str:
        """The relative link from the page `from_path` to the site root: '', '../', '../../'."""
        return "../" * self._output_file(from_path).count("/")

    def _output_file(self, path: str) -> str:
        """The HTML file a page is written to: 'actors/x/index.html' or 'actors/x.html'."""
        target = self.url(path)
        if not path.endswith(".md"):
            return target
        return target + "index.html" if self.directory_urls else target


def source_folder(kind: PageKind) -> str:
    """The folder under `archive/` holding files of this kind."""
    return _FOLDERS[kind]
