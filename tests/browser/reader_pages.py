"""What the browser tests visit, and how they use Material's search box like a reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from leakarchive import urls
from leakarchive.engine.link import ArchiveGraph

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"  # outside git
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
INDEX_PAGES = {
    "timeline": urls.ARTICLES_INDEX,
    "actors-index": urls.ACTORS_INDEX,
    "leaks-index": urls.LEAKS_INDEX,
    "verification": urls.VERIFICATION_INDEX,
    "tags": urls.TAGS_INDEX,
}
HAND_WRITTEN = {
    "methodology": "methodology.md",
    "contributing": "contributing.md",
    "offline": "offline/index.md",
}
SEARCH_PLACEHOLDER = "Type to start searching"
SEARCH_WAITING = ("", "Initializing search", SEARCH_PLACEHOLDER)
BLOCKING = ("serious", "critical")  # axe-core impacts that fail a test
ACTIVE = """() => {
  const e = document.activeElement;
  return e ? {tag: e.tagName, id: e.id, cls: e.className, href: e.getAttribute('href'),
              inQuotes: !!e.closest('ol.la-quotes'), inToc: !!e.closest('.md-sidebar--secondary')} : null;
}"""
"""A description of the focused element (JavaScript)."""


def english_article(graph: ArchiveGraph) -> str:
    """The left-to-right article with the most quotes (ties: the first id)."""
    candidates = [a for a in graph.articles.values() if a.entry.model.language.split("-")[0] != "fa"]
    return max(sorted(candidates, key=lambda a: a.id), key=lambda a: len(a.quotes)).id


def persian_article(graph: ArchiveGraph) -> str:
    return next(
        a.id for a in sorted(graph.articles.values(), key=lambda a: a.id) if a.entry.model.language == "fa"
    )


def quoted_actor(graph: ArchiveGraph) -> str:
    """The actor with the most quotes."""
    return max(sorted(graph.actors), key=lambda actor_id: len(graph.quotes_by_actor.get(actor_id, ())))


def reported_leak(graph: ArchiveGraph) -> str:
    """The leak reported by the most articles."""
    return max(sorted(graph.leaks), key=lambda leak_id: len(graph.reports_by_leak.get(leak_id, ())))


def main_pages(graph: ArchiveGraph) -> dict[str, str]:
    """{name: page path} of home, every index, the hand-written pages and one of each kind."""
    pages = {"home": urls.HOME, **INDEX_PAGES, **HAND_WRITTEN}
    pages["article"] = urls.page_path("article", english_article(graph))
    pages["article-fa"] = urls.page_path("article", persian_article(graph))
    pages["actor"] = urls.page_path("actor", quoted_actor(graph))
    pages["leak"] = urls.page_path("leak", reported_leak(graph))
    newest = next(iter(graph.articles.values())).entry.model
    pages["year"] = urls.year_path(newest.date.year)  # a list on pages of its own
    if newest.tags:
        pages["tag"] = urls.tag_path(newest.tags[0])
    return pages


@dataclass(frozen=True)
class Result:
    """One page in Material's search results."""

    path: str  # relative to the site root, without query or fragment
    title: str


def site_path(base: str, href: str) -> str:
    """The absolute URL `href` relative to the site root `base` (a folder, or its index.html)."""
    absolute = urljoin(base, href)
    path = urlsplit(absolute).path
    root = urlsplit(base).path
    if not root.endswith("/"):
        root = root.rsplit("/", 1)[0] + "/"
    assert path.startswith(root), f"{absolute} is outside the site {base}"
    return path[len(root) :]


def search(page, query: str, base: str) -> list[Result]:
    """Type `query` into the search box as a reader does; return the pages found, best first.

    Material reacts to keyup: clear the box with the keyboard, insert the text (as an input
    method does, so Persian works too), then press End.
    """
    box = page.locator(".md-search__input")
    box.focus()
    meta = page.locator(".md-search-result__meta")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    # Ready, and showing no results: the next results shown are this query's.
    page.wait_for_function(
        "text => document.querySelector('.md-search-result__meta').innerText.trim() === text",
        arg=SEARCH_PLACEHOLDER,
    )
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_function(
        "waiting => !waiting.includes(document.querySelector('.md-search-result__meta').innerText.trim())",
        arg=list(SEARCH_WAITING),
    )
    assert meta.inner_text().strip() not in SEARCH_WAITING
    found = page.locator(".md-search-result__list > .md-search-result__item").evaluate_all(
        """items => items.map(item => {
            const link = item.querySelector('a.md-search-result__link');
            const title = link && link.querySelector('h1, h2');
            return link ? [link.href, title ? title.textContent.trim() : ''] : null;
        }).filter(x => x)"""
    )
    return [Result(site_path(base, href), title) for href, title in found]


def screenshot(page, name: str, **options) -> Path:
    """Save a screenshot of `page` as artifacts/screenshots/<name>.png, an artefact of the run."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(target), **options)
    return target


@dataclass
class Guard:
    """Every request a browser context made to somewhere other than the site, refused."""

    allowed_hosts: frozenset[str]
    refused: list[str] = field(default_factory=list)

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        if parts.scheme == "file":
            return "file" in self.allowed_hosts
        return parts.scheme in ("http", "https") and parts.hostname in self.allowed_hosts

    def route(self, route) -> None:
        if self.allows(route.request.url):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort("blockedbyclient")


def open_context(browser, guard: Guard, **options):
    """A fresh browser context whose every request goes through `guard`."""
    context = browser.new_context(service_workers="block", **options)
    context.route("**/*", guard.route)
    return context


def axe_violations(page, axe_script) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now, once still."""
    # Contrast is measured on what the reader sees once the page is still: a fade still running
    # (the search dialog's results) blends text into its background and reads as too faint.
    page.wait_for_function(
        """() => document.getAnimations().every(a =>
            a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)"""
    )
    page.add_script_tag(path=str(axe_script))
    return page.evaluate(
        """async blocking => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.filter(v => blocking.includes(v.impact)).map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary),
            }));
        }""",
        list(BLOCKING),
    )
