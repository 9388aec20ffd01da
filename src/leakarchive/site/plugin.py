"""The MkDocs adapter: the only module that imports MkDocs.

It runs the engine's pipeline in `on_files`, adds the rendered pages as virtual files (nothing is
written into docs/), points each page's "edit" link at its archive file, turns archive problems
into one clear build error, and watches `archive/` under `mkdocs serve`. After the build it labels
search results, zips the offline copy and, with `search: pagefind`, indexes the site with Pagefind.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .. import urls
from ..engine.link import mention_counts
from ..engine.pipeline import check_archive
from ..problems import ArchiveError, Problem
from ..render.drafts import marked_draft, refused_and_drafts
from ..render.feeds import feed_links
from ..render.html_blocks import packed, restore_html_blocks, stash_html_blocks, unpacked
from ..render.pages import Page, RenderOptions
from ..render.renderer import render_lazily
from ..urls import Links
from . import incremental, inputs, pagefind_index, postbuild

log = get_plugin_logger(__name__)

SEARCH_ENGINES = ("pagefind", "lunr")


class LeakArchiveConfig(Config):
    """Options under `plugins: - leakarchive:` in mkdocs.yml."""

    archive = c.Type(str, default="archive")  # relative to mkdocs.yml
    # The site's path of a zip of the whole site that works opened from disk, search included
    # (see postbuild.py), for readers to download; "" for none.
    offline_zip = c.Type(str, default="leak-archive-offline.zip")
    # The hosted site's search engine. "pagefind": after the build, Pagefind indexes the pages in
    # small pieces and the search box fetches only those a query needs. "lunr": Material's built-in
    # search, whose one index of the whole site every reader fetches before the first result.
    # Either way Material's index is built, for the offline copy, which always searches with lunr.
    search = c.Choice(SEARCH_ENGINES, default="pagefind")
    # Build the files a reviewer would send back (`validate`'s "review" problems: draft comments,
    # no summary...) as pages marked as drafts, as `mkdocs serve` always does, instead of failing.
    # For previews and tests; never for the published site.
    drafts = c.Type(bool, default=False)


class _GeneratedFile(File):
    """A generated file that knows whether it differs from the previous build's (see incremental.py)."""

    unchanged = False

    def is_modified(self) -> bool:
        """Whether a dirty build must build or write this file again."""
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


class _GeneratedPage(_GeneratedFile):
    """A generated page (not a data file)."""


def build_site(
    archive_dir: Path,
    root: Path,
    options: RenderOptions,
    session: incremental.Session | None,
    show_drafts: bool,
) -> tuple[Iterable[Page], dict[str, bytes], dict[str, list[Problem]], tuple[int, int, int]]:
    """The archive's pages (made as they are taken, but in a preview) and files, the review
    problems of each file built as a draft (when `show_drafts`), and the numbers of articles,
    actors and leaks; a PluginError listing every problem that refuses the archive. A preview
    `session` reuses what its last build made."""
    checked = session.check(archive_dir, root) if session else check_archive(archive_dir, root=root)
    refused, drafts = refused_and_drafts(checked.problems, preview=show_drafts)
    if refused:
        raise archive_error(refused)
    for problem in checked.problems:
        if problem not in refused:  # said, but not as a warning: `--strict` would stop on it
            log.info("%s", problem)
    changes = session.link_changes(checked.graph) if session else None
    if changes:
        log.info("%s", changes)
    graph = checked.graph
    # What the archive's names link, for a reviewer to compare before and after a change.
    named = sorted(mention_counts(graph).items(), key=lambda item: (-item[1], item[0]))[:5]
    log.info("mentions: articles naming each actor, most first: %s", ", ".join(f"{a} {n}" for a, n in named))
    counts = (len(graph.articles), len(graph.actors), len(graph.leaks))
    if session:
        site = session.render(graph, options)
        return site.pages.values(), site.files, drafts, counts
    pages, files = render_lazily(graph, options)
    return pages, files, drafts, counts


def generated_files(
    config: MkDocsConfig, data: dict[str, bytes], unchanged: set[str]
) -> list[_GeneratedFile]:
    """The MkDocs files of the data files (archive.json, feeds...), marked when unchanged."""
    files = []
    for path, content in data.items():
        # File.generated builds an instance of the class it is called on, but is typed as File.
        file = cast(_GeneratedFile, _GeneratedFile.generated(config, path, content=content))
        file.unchanged = path in unchanged
        files.append(file)
    return files


def archive_error(problems: Sequence[Problem]) -> PluginError:
    """The build error for an archive with problems: all of them, one a line."""
    return PluginError(str(ArchiveError(problems)))


def served_paths(files: Files) -> dict[str, str]:
    """The docs/ files MkDocs serves, by the path they are written to."""
    return {f.dest_uri: f.src_uri for f in files if not f.inclusion.is_excluded()}


def edit_uri(source: Path, docs_dir: Path) -> str:
    """Where "Edit this page" of a generated page points: its archive file, not the page nobody
    can edit (MkDocs takes the path relative to docs/)."""
    return Path(os.path.relpath(source, docs_dir)).as_posix()


def add_generated(files: Files, served: dict[str, str], generated: File) -> None:
    """Add a generated file, refusing a docs/ file at its path or one served at the same URL
    (`actors/x/index.md` and the generated `actors/x.md` both become actors/x/index.html)."""
    path = generated.src_uri
    if files.get_file_from_path(path) is not None:
        raise PluginError(
            f"docs/{path} has the path of a page generated from the archive: rename or remove it"
        )
    other = served.get(generated.dest_uri)
    if other is not None:
        raise PluginError(
            f"docs/{other} would be served at {generated.dest_uri}, like the page generated "
            f"from the archive for {path}: rename or remove it"
        )
    served[generated.dest_uri] = path
    files.append(generated)


class LeakArchivePlugin(BasePlugin[LeakArchiveConfig]):
    """Adds the archive's pages to an MkDocs site."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under `mkdocs serve --dirty`, rebuilds keep what did not change (see incremental.py)."""
        incremental.start(serving=command == "serve", dirty=dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve the archive folder and add the archive's stylesheet."""
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.archive_dir = self._check_inputs(config)
        self.search_kinds: dict[str, str] = {}
        if urls.STYLESHEET not in config.extra_css:
            config.extra_css.append(urls.STYLESHEET)
        return config

    def _check_inputs(self, config: MkDocsConfig) -> Path:
        """Refuse, before anything is built, options that lead out of the project or the site,
        and links or special files where MkDocs would copy them into the site (see inputs.py).
        Returns the archive folder."""
        problems: list[str] = []
        archive_dir = self.root / self.config.archive
        try:
            archive_dir = inputs.path_inside(self.root, self.config.archive, "archive")
            if self.config.offline_zip:
                inputs.path_inside(Path(config.site_dir), self.config.offline_zip, "offline_zip")
                if not self.config.offline_zip.endswith(".zip"):
                    problems.append(
                        f"offline_zip: expected a name ending in .zip, found {self.config.offline_zip!r}"
                    )
        except ValueError as error:
            problems.append(str(error))
        folders = {"docs_dir": Path(config.docs_dir)}  # what MkDocs copies into the site
        if config.theme.custom_dir:
            folders["theme.custom_dir"] = Path(config.theme.custom_dir)
        for option, folder in folders.items():
            if option == "docs_dir" or not folder.resolve().is_relative_to(folders["docs_dir"].resolve()):
                problems.extend(inputs.unsafe_entries(folder, self.root))
        if problems:
            count = len(problems)
            listed = "\n".join(problems)
            raise PluginError(f"{count} problem{'s' if count != 1 else ''} in the project's files:\n{listed}")
        return archive_dir

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Run load -> validate -> link -> render and add every page and file."""
        # Any preview reuses the pipeline's results an edit left unchanged; only a dirty one
        # tells MkDocs which pages and files it need not write again.
        session = incremental.session(config.site_dir) if incremental.serving() else None
        dirty = session if incremental.dirty() else None
        options = RenderOptions(
            Links(config.use_directory_urls), site_url=config.site_url or None, site_name=config.site_name
        )
        show_drafts = incremental.serving() or self.config.drafts
        pages, data_files, drafts, counts = build_site(
            self.archive_dir, self.root, options, session, show_drafts
        )
        pages = (marked_draft(page, drafts) for page in pages)
        unchanged: set[str] = set()
        if dirty is not None:
            pages = list(pages)  # a preview's pages are made already
            unchanged = dirty.remember_pages({page.path: page.markdown for page in pages})
        docs_dir = Path(config.docs_dir).resolve()
        served = served_paths(files)
        self._forget_last_build()
        # Each page is made, stashed and packed in turn: the whole site's Markdown is never in
        # memory at once. Added in order of path, as a fresh build of the same archive always is.
        generated = sorted(
            (self._generated(config, docs_dir, page, unchanged) for page in pages),
            key=lambda file: file.src_uri,
        )
        unchanged = dirty.remember_files(data_files) if dirty is not None else set()
        for file in [*generated, *generated_files(config, data_files, unchanged)]:
            add_generated(files, served, file)
        self.page_urls = {f.url for f in files.documentation_pages()}
        if self.config.offline_zip:
            # Made after the build (on_post_build); a file now, so that pages can link to it.
            add_generated(files, served, File.generated(config, self.config.offline_zip, content=b""))
        log.info("%d articles, %d actors, %d leaks: %d pages", *counts, len(generated))
        return files

    def _forget_last_build(self) -> None:
        """What the plugin notes of each page during a build, empty for a new build."""
        self.html_blocks: dict[str, bytes] = {}
        self.parked_html: dict[str, bytes] = {}
        self.rebuilt: set[str] = set()
        self.search_passages: dict[str, tuple[tuple[str, str, str], ...]] = {}
        self.sources: dict[str, tuple[str, str]] = {}  # page path -> (title, archive file)

    def _generated(
        self, config: MkDocsConfig, docs_dir: Path, page: Page, unchanged: set[str]
    ) -> _GeneratedPage:
        """The MkDocs file of a generated page: light Markdown, its HTML blocks packed apart
        until MkDocs has converted it (on_page_content), its search passages and archive file."""
        light, blocks = stash_html_blocks(page.markdown)
        # File.generated builds an instance of the class it is called on, but is typed as File.
        generated = cast(_GeneratedPage, _GeneratedPage.generated(config, page.path, content=light))
        generated.unchanged = page.path in unchanged
        if generated.is_modified():  # a dirty build converts no other page
            self.html_blocks[page.path] = packed(blocks)
        if page.passages:
            self.search_passages[generated.url] = page.passages
        if page.source:
            self.sources[page.path] = (page.title, self._in_repository(page.source))
            generated.edit_uri = edit_uri(self.root / page.source, docs_dir)
        return generated

    def _in_repository(self, source: str) -> str:
        """An archive file as the repository names it ('archive/actors/x.yml'), for a report of
        an error: never an absolute path of the machine that built the site (an archive
        outside the project, as in the browser tests, is named by its folder's name)."""
        path = Path(source)
        if not path.is_absolute():
            return path.as_posix()
        try:
            return (Path(self.archive_dir.name) / path.relative_to(self.archive_dir)).as_posix()
        except ValueError:
            return path.name

    def search_engine(self) -> str:
        """The search engine of this build: the option `search`, but lunr under `mkdocs serve`,
        whose index a preview keeps current at once (Pagefind re-indexes the whole site, which
        takes seconds on a large archive)."""
        return "lunr" if incremental.serving() else self.config.search

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Tell the theme's templates (docs/overrides/) which search engine the site uses. A
        preview compiles them once for the whole session (`incremental.TemplateCache`)."""
        env.globals["leakarchive_search"] = self.search_engine()
        links = Links(config.use_directory_urls)
        # The feeds for every page's <head>, and the Data page for the footer.
        env.globals["leakarchive_feeds"] = [
            {"title": title, "type": media_type, "url": links.url(path)}
            for title, media_type, path in feed_links()
        ]
        env.globals["leakarchive_data_url"] = links.url(urls.DATA_PAGE)
        if incremental.serving():
            env.bytecode_cache = incremental.templates()
        return env

    @event_priority(100)  # before any other plugin reads the page's HTML (the search plugin does)
    def on_page_context(self, context, page, config: MkDocsConfig, nav):
        """Give the page its HTML back (see on_page_content); give the templates the page's kind
        (Article, Actor, Leak), for its Pagefind results, and on an article, actor or leak page
        the address that reports an error on it."""
        parked = self.parked_html.pop(page.file.src_uri, None)
        if parked is not None:
            page.content = zlib.decompress(parked).decode("utf-8")
        context["leakarchive_kind"] = self.search_kinds.get(page.url)
        source = self.sources.get(page.file.src_uri)
        if source is not None and config.repo_url:
            address = urls.absolute(config.site_url, page.url) if config.site_url else page.url or "/"
            title, archive_file = source
            context["leakarchive_report_url"] = urls.report_error_url(
                config.repo_url, title, address, archive_file
            )
        return context

    @event_priority(-100)  # after every other plugin has seen the page's HTML
    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        """Put the page's HTML blocks back (see `render.html_blocks`); note the kind of
        each generated page (Article, Actor, Leak), for its search results; park its HTML.

        MkDocs reads and converts every page before it writes the first one, so a large build
        held every page's HTML at once: most of its peak memory. A generated page's HTML waits
        compressed until on_page_context, just before its page is written, and is released
        once it is written (on_post_page)."""
        self.rebuilt.add(page.url)
        blocks = self._blocks(page.file)
        if blocks:
            html = restore_html_blocks(html, blocks)
        kind = postbuild.search_kind(html)
        if kind:
            self.search_kinds[page.url] = kind
        elif isinstance(page.file, _GeneratedPage):
            # A generated list (home, indexes, tags, years, an actor's articles page by page)
            # repeats the names and titles of the pages it lists: out of Material's index, as
            # main.html keeps it out of Pagefind's.
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        if isinstance(page.file, _GeneratedPage):
            self.parked_html[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
            return ""
        return html

    def _blocks(self, file: File) -> list[str]:
        """The HTML blocks of a page being converted (none for a docs/ page)."""
        packed_blocks = self.html_blocks.pop(file.src_uri, None)  # needed once: free them now
        return unpacked(packed_blocks) if packed_blocks is not None else []

    @event_priority(-100)  # after every other plugin has seen the page
    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        """Release a generated page's HTML once it is written. MkDocs keeps every page's HTML
        until the build ends (most of a large build's memory); nothing reads it after this (the
        search plugin took its text in on_page_context). The Markdown stays: it is small once
        stashed, and without it MkDocs forgets the page's title, which other pages' navigation
        shows."""
        if isinstance(page.file, _GeneratedPage):
            page.content = None
        return output

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Label search results with their kind, zip the copy of the site to read offline, and
        index the site with Pagefind (`search: pagefind`; the offline copy has no Pagefind)."""
        site_dir = Path(config.site_dir)
        postbuild.label_search_index(site_dir, self.search_kinds)
        # Of the pages built this time only: a dirty build's merge keeps the others' entries.
        postbuild.add_search_passages(
            site_dir, {url: p for url, p in self.search_passages.items() if url in self.rebuilt}
        )
        if incremental.dirty():
            # A dirty build indexed only the pages it rebuilt: add back the others.
            session = incremental.session(config.site_dir)
            session.merge_search_index(site_dir, self.rebuilt, self.page_urls)
        if self.config.offline_zip and not incremental.serving():  # a preview needs no download
            zip_path = site_dir / self.config.offline_zip
            try:
                names = postbuild.make_offline(site_dir, zip_path)
            except postbuild.OfflineError as error:
                raise PluginError(f"the offline copy: {error}") from None
            log.info("offline copy: %d files in %s", len(names), self.config.offline_zip)
        if self.search_engine() == "pagefind":
            try:
                summary = pagefind_index.index_pagefind(site_dir)
            except pagefind_index.PagefindError as error:
                raise PluginError(f"Pagefind: {error}") from None
            log.info("Pagefind: %s", summary)

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Rebuild when anything under archive/ changes."""
        server.watch(str(self.archive_dir))
        return server
