"""Attacks through the project's files and options: nothing from outside the project reaches the site.

A pull request can add symbolic links and special files anywhere, and edit the plugin's options.
MkDocs copies whatever `docs/` holds, following links: `docs/env.txt -> /proc/self/environ` put
CI's environment variables into the site and the offline zip. Each attack below must fail the
build before anything is written, naming every offending path.
"""

from __future__ import annotations

import os

import pytest
import yaml
from sitebuild import SMALL_ARCHIVE, build, make_project, plugin_options, run

from leakarchive.site.postbuild import OfflineError, file_links, make_offline

SECRET = "hostile-secret-4c1d"  # in the build's environment: must reach no file and no log


def test_links_and_special_files_in_docs_and_theme_fail_the_build_before_writing(tmp_path):
    project = make_project(tmp_path / "project", SMALL_ARCHIVE)
    docs = project / "docs"
    os.symlink("/etc/passwd", docs / "passwd.txt")
    os.symlink("/proc/self/environ", docs / "env.txt")
    os.symlink("/etc", docs / "machine")  # a folder: MkDocs walks into linked folders
    os.symlink("../../../archive/actors/jane-roe.yml", docs / "offline" / "inside.txt")  # even inside
    os.mkfifo(docs / "pipe.md")  # would hang the build reading it
    os.symlink("/etc/hostname", docs / "overrides" / "partials" / "hostile.html")
    built = build(project, check=False, env={"HOSTILE_SECRET": SECRET})
    assert built.returncode != 0
    assert "6 problems in the project's files" in built.output
    for path, found in [
        ("docs/passwd.txt", "a symbolic link (to /etc/passwd)"),
        ("docs/env.txt", "a symbolic link (to /proc/self/environ)"),
        ("docs/machine", "a symbolic link (to /etc)"),
        ("docs/offline/inside.txt", "a symbolic link"),
        ("docs/pipe.md", "a special file"),
        ("docs/overrides/partials/hostile.html", "a symbolic link (to /etc/hostname)"),
    ]:
        assert f"{path}: {found}" in built.output, built.output
    assert "Traceback" not in built.output and SECRET not in built.output
    assert not (project / "site").exists()  # nothing written, not even an empty folder


def test_a_symlinked_archive_folder_that_leaves_the_project_is_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    project = make_project(tmp_path / "project", SMALL_ARCHIVE)
    os.symlink(outside, project / "elsewhere")
    built = build_with(project, archive="elsewhere")
    assert "archive: expected a path inside" in built.output
    assert not (project / "site").exists()


def build_with(project, **options):
    settings = project / "mkdocs.yml"
    config = yaml.safe_load(settings.read_text("utf-8"))
    config.update(plugin_options(**options))
    settings.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    built = build(project, check=False)
    assert built.returncode != 0
    assert "Traceback" not in built.output
    return built


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"archive": "../../../../../../etc"}, "archive: expected a path inside"),
        ({"archive": "/etc"}, "archive: expected a path relative to"),
        ({"offline_zip": "../../x.zip"}, "offline_zip: expected a path inside"),
        ({"offline_zip": "/tmp/x.zip"}, "offline_zip: expected a path relative to"),
        ({"offline_zip": "index.html"}, "offline_zip: expected a name ending in .zip"),
    ],
    ids=["archive climbs out", "archive absolute", "zip climbs out", "zip absolute", "zip overwrites a page"],
)
def test_plugin_options_leading_out_of_the_project_are_refused(tmp_path, options, says):
    project = make_project(tmp_path / "project", SMALL_ARCHIVE)
    built = build_with(project, **options)
    assert says in built.output, built.output
    assert "passwd" not in built.output  # /etc was not walked
    assert not (tmp_path / "x.zip").exists() and not (project / "site").exists()


def test_export_refuses_a_docs_copy_holding_links(tmp_path):
    """The plugin-less build copies docs/ (`cp -r docs build/export`, which keeps links as links)
    and MkDocs then follows them: `leakarchive export` refuses such a folder."""
    project = make_project(tmp_path / "project", SMALL_ARCHIVE)
    export = project / "build" / "export"
    export.mkdir(parents=True)
    os.symlink("/proc/self/environ", export / "env.txt")
    result = run(["leakarchive", "export", "build/export"], project)
    assert result.returncode == 1
    assert "build/export/env.txt: a symbolic link (to /proc/self/environ)" in result.stdout
    assert "nothing exported" in result.stderr
    assert sorted(path.name for path in export.iterdir()) == ["env.txt"]


def test_the_offline_copy_refuses_links_in_the_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>home</p>", "utf-8")
    os.symlink("/etc/passwd", site / "passwd.txt")
    with pytest.raises(OfflineError, match=r"passwd\.txt: a symbolic link"):
        make_offline(site, site / "copy.zip")
    assert not (site / "copy.zip").exists()


@pytest.mark.parametrize("url", ["https://[2001:db8::1/news", "http://[::1", "https://x:99999/", "//["])
def test_the_offline_copy_never_crashes_on_a_link(url):
    html = f'<a href="{url}">x</a> <a href="actors/x/">y</a>'
    assert file_links(html, "index.html", {"actors/x/"}) == html.replace("actors/x/", "actors/x/index.html")
