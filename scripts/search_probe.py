#!/usr/bin/env python3
"""Measure what a reader's browser fetches to search a built site, query by query.

    python scripts/search_probe.py SITE QUERY [QUERY ...]      # prints one JSON object a query

`first_search_bytes(site_dir, queries)` serves the built site on 127.0.0.1 (gzip-compressing
text files, as web hosts do; Pagefind's index files are gzip files already), opens the home page
in headless Debian Chromium (Playwright, never a browser Playwright downloads) and, for each query,
in a fresh browser context (an empty cache, as a first visit), types the query into the site's
search box and waits for its results. It counts the bytes transferred for search: the response
bodies, as sent, of every request made from the moment the search box gets the focus until the
results are shown, plus the search files the page fetched before that (Material's lunr index
`search/search_index.json` and its worker start loading with the page, not with the query).

For each query it returns {"query", "bytes", "results" (the number the search box reports),
"shown" (results in the list), "requests", "files": {site path: bytes}}.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import re
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
]
"""How the benchmark and the browser tests start Debian's Chromium: headless as root, and quiet
(no background requests to Google, which this machine's closed network refuses anyway)."""
COMPRESSED_TYPES = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".map")
SEARCH_FILES = re.compile(r"^(search/|pagefind/|assets/javascripts/workers/search\.)")
"""Site paths of search files, counted even when the page fetched them before the focus."""
WAITING = ("", "Initializing search", "Type to start searching")
"""What the search box's status line says before it has this query's results (Material's words)."""
RESULTS_SHOWN = """waiting => {
    const meta = document.querySelector('.md-search-result__meta');
    return meta && !waiting.includes(meta.innerText.trim());
}"""
TIMEOUT_MS = 120_000


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site, gzip-compressing text files for clients that accept it, and records the
    size of every response body it sends in `sent`: (site path, bytes)."""

    cache: dict[Path, tuple[float, bytes]]
    sent: list[tuple[str, int]]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]  # untyped, as the standard library's is
        path = Path(self.translate_path(self.path))
        site_path = urlsplit(self.path).path.lstrip("/")
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED_TYPES and path.is_file()):
            opened = super().send_head()
            if opened is not None and path.is_file():
                self.sent.append((site_path, path.stat().st_size))
            return opened
        mtime = path.stat().st_mtime
        cached = self.cache.get(path)
        if cached is None or cached[0] != mtime:
            cached = (mtime, gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))
            self.cache[path] = cached
        body = cached[1]
        self.sent.append((site_path, len(body)))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@dataclass
class Served:
    """A site being served: its URL, and (site path, body bytes) of every response sent."""

    url: str
    sent: list[tuple[str, int]] = field(default_factory=list)


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[Served]:
    """Serve `site_dir` on 127.0.0.1 at a free port."""
    sent: list[tuple[str, int]] = []
    handler = type("Handler", (_Handler,), {"cache": {}, "sent": sent})
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{httpd.server_port}/", sent)
    finally:
        httpd.shutdown()
        httpd.server_close()


def result_count(meta: str) -> int:
    """The number of results in the status line: "3 matching documents", "1.2k ...", "No ..."."""
    match = re.search(r"(\d+(?:\.\d+)?)(k?)", meta)
    if not match:
        return 0
    return round(float(match.group(1)) * (1000 if match.group(2) else 1))


def _probe(browser, served: Served, query: str) -> dict:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        pending: set[object] = set()

        def started(request) -> None:
            pending.add(request)

        def ended(request) -> None:
            pending.discard(request)

        context.on("request", started)
        context.on("requestfinished", ended)
        context.on("requestfailed", ended)
        del served.sent[:]
        page.goto(served.url, wait_until="networkidle")  # all the page loads by itself, loaded
        before = len(served.sent)
        page.locator(".md-search__input").focus()
        page.keyboard.insert_text(query)  # as an input method does: Persian works too
        page.keyboard.press("End")
        page.wait_for_function(RESULTS_SHOWN, arg=list(WAITING))
        meta = page.locator(".md-search-result__meta").inner_text().strip()
        shown = page.locator(".md-search-result__list > .md-search-result__item").count()
        deadline = time.monotonic() + 10
        while pending and time.monotonic() < deadline:  # responses still arriving
            page.wait_for_timeout(50)
        files: dict[str, int] = {}
        for number, (path, size) in enumerate(list(served.sent)):
            if number >= before or SEARCH_FILES.match(path):
                files[path] = files.get(path, 0) + size
        return {
            "query": query,
            "bytes": sum(files.values()),
            "results": result_count(meta),
            "shown": shown,
            "requests": len(files),
            "files": dict(sorted(files.items())),
        }
    finally:
        context.close()


def first_search_bytes(site_dir: Path, queries: list[str], browser=None) -> list[dict]:
    """For each query, the bytes a first visitor's browser transfers to search `site_dir` (a built
    site) and the number of results; see the module's description.

    `browser`: a Playwright Chromium to use (as the browser tests do); by default one is started.
    """
    with serve(Path(site_dir)) as served:
        if browser is not None:
            return [_probe(browser, served, query) for query in queries]
        from playwright.sync_api import sync_playwright

        if not CHROMIUM.exists():
            raise FileNotFoundError(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return [_probe(chromium, served, query) for query in queries]
            finally:
                chromium.close()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("site", type=Path, help="a built site (mkdocs build's site/)")
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--files", action="store_true", help="also list each file fetched")
    args = parser.parse_args(argv)
    for found in first_search_bytes(args.site, args.queries):
        if not args.files:
            found.pop("files")
        print(json.dumps(found, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
