"""Old addresses of renamed files: a page at each id listed in `previous_ids` leads to the current
page, so that links and citations made before the rename keep working.

Each is a small static HTML page at the old page's address with a canonical link to the new page
(search engines move their entry), a refresh to it (works with scripts off, and in the offline
copy, whose post-build step rewrites the refresh like any link), and a line of script that keeps
the old address's #fragment (a quote's anchor), which a refresh drops. Validation has made sure
no old id is a current one, so no redirect hides a page.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import escape

from .. import urls
from ..engine.link import ArchiveGraph
from ..urls import Links

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Moved: {title}</title>
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>This page has moved: <a id="la-moved" href="{target}">{title}</a>.</p>
<script>location.replace(document.getElementById("la-moved").href + location.hash)</script>
</body>
</html>
"""


def _renamed(graph: ArchiveGraph) -> Iterable[tuple[urls.PageKind, str, str, tuple[str, ...]]]:
    """(kind, current id, title, previous ids) of every file with previous ids."""
    for article_id, article in graph.articles.items():
        model = article.entry.model
        if model.previous_ids:
            yield "article", article_id, model.title, tuple(model.previous_ids)
    for actor_id, entry in graph.actors.items():
        if entry.model.previous_ids:
            yield "actor", actor_id, entry.model.name, tuple(entry.model.previous_ids)
    for leak_id, leak in graph.leaks.items():
        if leak.model.previous_ids:
            yield "leak", leak_id, leak.model.title, tuple(leak.model.previous_ids)


def redirect_files(graph: ArchiveGraph, links: Links, site_url: str | None = None) -> dict[str, bytes]:
    """A page at the address of every previous id, leading to the current page; by site path."""
    files = {}
    for kind, current, title, previous in _renamed(graph):
        page = urls.page_path(kind, current)
        for old in previous:
            old_page = urls.page_path(kind, old)
            target = links.link(old_page, page)
            canonical = urls.absolute(site_url, links.url(page)) if site_url else target
            html = _PAGE.format(title=escape(title), target=escape(target), canonical=escape(canonical))
            files[links.output_file(old_page)] = html.encode("utf-8")
    return dict(sorted(files.items()))
