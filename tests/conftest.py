"""Shared site builds: each is built once per test session (the machine has two cores)."""

from __future__ import annotations

import pytest
from sitebuild import BUILD_TIMES, REAL_ARCHIVE, SMALL_ARCHIVE, BuiltSite, build_site, build_with_zensical

EDIT_CONFIG = {
    "repo_url": "https://github.com/example/leak-archive",
    "edit_uri": "edit/main/docs/",
}


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuiltSite:
    """The real archive with the real mkdocs.yml."""
    return build_site(tmp_path_factory.mktemp("real"), REAL_ARCHIVE)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory) -> BuiltSite:
    """The small fixture archive, with directory URLs and "edit this page" links."""
    return build_site(tmp_path_factory.mktemp("small"), SMALL_ARCHIVE, EDIT_CONFIG)


@pytest.fixture(scope="session")
def small_site_flat(tmp_path_factory) -> BuiltSite:
    """The small fixture archive with `use_directory_urls: false` (a site read from disk)."""
    return build_site(tmp_path_factory.mktemp("small-flat"), SMALL_ARCHIVE, {"use_directory_urls": False})


@pytest.fixture(scope="session")
def small_site_zensical(small_site_flat) -> BuiltSite:
    """The same project as small_site_flat, exported and built by Zensical instead of MkDocs."""
    return build_with_zensical(small_site_flat.project)


def pytest_terminal_summary(terminalreporter):
    if BUILD_TIMES:
        terminalreporter.section("site builds")
        for name, seconds in BUILD_TIMES:
            terminalreporter.write_line(f"{seconds:6.2f} s  {name}")
