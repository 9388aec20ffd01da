"""The plugin's steps in `on_files`, each tested without a build: running the pipeline (fresh or
in a preview session), the error for an archive with problems, the "edit" link of a generated
page, and refusing a docs/ file where a generated file goes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from sitebuild import SMALL_ARCHIVE

from leakarchive.problems import Problem
from leakarchive.render.pages import RenderOptions
from leakarchive.site.incremental import Session
from leakarchive.site.plugin import (
    add_generated,
    archive_error,
    build_site,
    edit_uri,
    marked_draft,
    served_paths,
)


def mkdocs_config(tmp_path: Path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict(
        {"site_name": "Test", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")}
    )
    errors, _ = config.validate()
    assert not errors
    config.plugins._current_plugin = "leakarchive"  # as MkDocs sets it while a plugin's event runs
    return config


def docs_file(config: MkDocsConfig, path: str) -> File:
    return File(path, config.docs_dir, config.site_dir, config.use_directory_urls)


def test_an_archive_with_problems_is_one_error_listing_them_all():
    one = Problem("archive/actors/x.yml", 3, 1, "name", "expected a name")
    two = Problem("archive/leaks/y.yml", 1, 1, "", "expected a mapping")
    assert str(archive_error([one])) == f"1 problem in the archive:\n{one}"
    assert str(archive_error([one, two])) == f"2 problems in the archive:\n{one}\n{two}"


@pytest.mark.parametrize("preview", [False, True])
def test_build_site_renders_a_valid_archive_and_refuses_a_broken_one(tmp_path: Path, preview: bool):
    archive = tmp_path / "archive"
    shutil.copytree(SMALL_ARCHIVE, archive)
    session = Session() if preview else None
    pages, files, drafts, counts = build_site(archive, tmp_path, RenderOptions(), session, False)
    assert counts[0] > 0 and "index.md" in {page.path for page in pages} and "data/archive.json" in files
    assert drafts == {}
    actor = next((archive / "actors").iterdir())
    actor.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(
        PluginError,
        match=rf"problems? in the archive:\narchive/actors/{actor.name}:\d+:\d+: expected valid YAML",
    ):
        build_site(archive, tmp_path, RenderOptions(), session, True)


def test_an_unfinished_file_is_refused_or_built_as_a_draft(tmp_path: Path):
    archive = tmp_path / "archive"
    shutil.copytree(SMALL_ARCHIVE, archive)
    article = archive / "articles" / "2012" / "2012-05-karimi-denies-tape.md"
    text = article.read_text(encoding="utf-8")
    summary = 'summary: "A spokesman says the recording is fabricated."\n'
    article.write_text(text.replace(summary, ""), encoding="utf-8")
    with pytest.raises(PluginError, match=r"2012-05-karimi-denies-tape\.md"):
        build_site(archive, tmp_path, RenderOptions(), None, False)
    pages, _, drafts, _ = build_site(archive, tmp_path, RenderOptions(), None, True)
    assert list(drafts) == ["archive/articles/2012/2012-05-karimi-denies-tape.md"]
    page = "articles/2012-05-karimi-denies-tape.md"
    for each in pages:
        marked = marked_draft(each, drafts)
        assert (marked.markdown != each.markdown) if each.path == page else (marked is each)
        if each.path == page:
            assert "Draft: not ready to publish" in marked.markdown


def test_a_generated_page_is_edited_in_its_archive_file(tmp_path: Path):
    source = tmp_path / "archive" / "articles" / "2010" / "a.md"
    assert edit_uri(source, tmp_path / "docs") == "../archive/articles/2010/a.md"


def test_a_docs_file_at_a_generated_path_or_url_is_refused(tmp_path: Path):
    config = mkdocs_config(tmp_path)
    files = Files([docs_file(config, "actors/x.md"), docs_file(config, "actors/y/index.md")])
    served = served_paths(files)
    with pytest.raises(PluginError, match=r"docs/actors/x\.md has the path of a page generated"):
        add_generated(files, served, File.generated(config, "actors/x.md", content="x"))
    with pytest.raises(PluginError, match=r"docs/actors/y/index\.md would be served at actors/y/index\.html"):
        add_generated(files, served, File.generated(config, "actors/y.md", content="y"))
    add_generated(files, served, File.generated(config, "actors/z.md", content="z"))
    assert files.get_file_from_path("actors/z.md") is not None
    with pytest.raises(PluginError, match=r"docs/actors/z\.md has the path"):  # generated twice
        add_generated(files, served, File.generated(config, "actors/z.md", content="z"))
