"""The MkDocs adapter: the only module that imports MkDocs.

It runs the engine's pipeline in `on_files`, adds the rendered pages as virtual files (nothing is
written into docs/), points each page's "edit" link at its archive file, turns archive problems
into one clear build error, and watches `archive/` under `mkdocs serve`.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import urls
from .pipeline import check_archive
from .render import RenderOptions, render
from .urls import Links

log = get_plugin_logger(__name__)


class LeakArchiveConfig(Config):
    """Options under `plugins: - leakarchive:` in mkdocs.yml."""

    archive = c.Type(str, default="archive")  # relative to mkdocs.yml


class LeakArchivePlugin(BasePlugin[LeakArchiveConfig]):
    """Adds the archive's pages to an MkDocs site."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Resolve the archive folder and add the archive's stylesheet."""
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.archive_dir = (self.root / self.config.archive).resolve()
        if urls.STYLESHEET not in config.extra_css:
            config.extra_css.append(urls.STYLESHEET)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Run load -> validate -> link -> render and add every page and file."""
        checked = check_archive(self.archive_dir, root=self.root)
        if checked.problems:
            count = len(checked.problems)
            lines = "\n".join(str(problem) for problem in checked.problems)
            raise PluginError(f"{count} problem{'s' if count != 1 else ''} in the archive:\n{lines}")
        site = render(checked.graph, RenderOptions(Links(config.use_directory_urls)))
        docs_dir = Path(config.docs_dir).resolve()
        for path, page in site.pages.items():
            self._refuse_collision(files, path)
            generated = File.generated(config, path, content=page.markdown)
            if page.source:
                # "Edit this page" opens the archive file, not a generated page nobody can edit.
                generated.edit_uri = Path(os.path.relpath(self.root / page.source, docs_dir)).as_posix()
            files.append(generated)
        for path, data in site.files.items():
            self._refuse_collision(files, path)
            files.append(File.generated(config, path, content=data))
        log.info(
            "%d articles, %d actors, %d leaks: %d pages",
            len(checked.graph.articles),
            len(checked.graph.actors),
            len(checked.graph.leaks),
            len(site.pages),
        )
        return files

    @staticmethod
    def _refuse_collision(files: Files, path: str) -> None:
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"docs/{path} has the path of a page generated from the archive: rename or remove it"
            )

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Rebuild when anything under archive/ changes."""
        server.watch(str(self.archive_dir))
        return server
