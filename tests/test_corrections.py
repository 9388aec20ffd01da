"""Corrections: "report an error" on every article, actor and leak page, and old ids (renamed
files' `previous_ids`) that lead to the current page, on the hosted site, with flat URLs, and in
the offline copy. Sites are real `mkdocs build --strict` builds of the small archive with some
files renamed."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sitebuild import SMALL_ARCHIVE, BuiltSite, build_site, parse_html, resolve

from leakarchive.site.postbuild import file_links

REPO = "https://github.com/example/leak-archive"
RENAMED = {  # kind -> (current id, its previous ids)
    "articles": ("2011-03-02-doe-tape", ["2011-03-02-tape", "doe-tape"]),
    "actors": ("jane-roe", ["j-roe"]),
    "leaks": ("tehran-tape", ["archivists-tape"]),
}


def renamed_archive(folder: Path) -> Path:
    """The small archive, with the files of RENAMED given previous ids."""
    archive = folder / "archive"
    shutil.copytree(SMALL_ARCHIVE, archive)
    for kind, (current, previous) in RENAMED.items():
        path = next(archive.joinpath(kind).rglob(f"{current}.*"))
        text = path.read_text(encoding="utf-8")
        listed = "previous_ids:\n" + "".join(f"  - {old}\n" for old in previous)
        path.write_text(text.replace(f"id: {current}\n", f"id: {current}\n{listed}", 1), encoding="utf-8")
    return archive


@pytest.fixture(scope="module")
def renamed(tmp_path_factory) -> BuiltSite:
    folder = tmp_path_factory.mktemp("renamed")
    config = {"repo_url": REPO, "site_url": "https://archive.example/leaks/"}
    return build_site(folder / "project", renamed_archive(folder), config)


@pytest.fixture(scope="module")
def renamed_flat(tmp_path_factory) -> BuiltSite:
    folder = tmp_path_factory.mktemp("renamed-flat")
    return build_site(folder / "project", renamed_archive(folder), {"use_directory_urls": False})


def redirect_of(site: BuiltSite, page: Path) -> tuple[str, str]:
    """(refresh target, canonical address) of a redirect page."""
    html = page.read_text(encoding="utf-8")
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    assert refresh and canonical, html
    return refresh[1], canonical[1]


@pytest.mark.parametrize("kind", sorted(RENAMED))
def test_old_ids_lead_to_the_current_page(renamed, renamed_flat, kind):
    current, previous = RENAMED[kind]
    for site in (renamed, renamed_flat):
        new_page = site.page_file(f"{kind}/{current}.md")
        for old in previous:
            old_page = site.page_file(f"{kind}/{old}.md")
            assert old_page.is_file(), old_page
            target, canonical = redirect_of(site, old_page)
            assert resolve(site.site, old_page, target)[0] == new_page
            link = parse_html(old_page.read_text(encoding="utf-8")).find("a", id="la-moved")
            assert resolve(site.site, old_page, link.attrs["href"] or "")[0] == new_page
            if site is renamed:  # with site_url: the canonical address is absolute
                stem = new_page.parent.relative_to(site.site).as_posix()
                assert canonical == f"https://archive.example/leaks/{stem}/"
            else:
                assert resolve(site.site, old_page, canonical)[0] == new_page


def test_renames_are_in_the_data(renamed):
    rows = (renamed.site / "data" / "previous_ids.csv").read_text(encoding="utf-8").splitlines()
    singular = {"articles": "article", "actors": "actor", "leaks": "leak"}
    expected = {f"{singular[k]},{old},{current}" for k, (current, olds) in RENAMED.items() for old in olds}
    assert set(rows[1:]) == expected


def test_offline_copy_redirects_to_files(renamed):
    """From disk a folder does not open its index.html: the copy's redirects name the file."""
    with zipfile.ZipFile(renamed.site / "leak-archive-offline.zip") as copy:
        html = copy.read("leak-archive/actors/j-roe/index.html").decode("utf-8")
    assert 'content="0; url=../../actors/jane-roe/index.html"' in html
    assert 'href="../../actors/jane-roe/index.html"' in html


def test_file_links_rewrites_a_refresh():
    html = '<meta http-equiv="refresh" content="0; url=../../actors/x/">'
    assert file_links(html, "actors/y/index.html", {"actors/x/"}) == (
        '<meta http-equiv="refresh" content="0; url=../../actors/x/index.html">'
    )


def test_report_an_error_opens_a_prefilled_issue(renamed):
    pages = {
        "articles/2011-03-02-doe-tape.md": "archive/articles/2011/2011-03-02-doe-tape.md",
        "actors/jane-roe.md": "archive/actors/jane-roe.yml",
        "leaks/tehran-tape.md": "archive/leaks/tehran-tape.yml",
    }
    for page, source in pages.items():
        links = renamed.page(page).find_all("a", class_="la-report")
        assert len(links) == 1, page
        address = urlsplit(links[0].attrs["href"] or "")
        assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPO}/issues/new"
        query = parse_qs(address.query)
        title = renamed.page(page).find("h1").text.strip()
        assert query["title"] == [f"Correction: {title}"]
        body = query["body"][0]
        stem = page.removesuffix(".md")
        assert f"Page: https://archive.example/leaks/{stem}/" in body
        assert f"Archive file: {source}" in body
    for page in ("index.md", "actors/index.md", "methodology.md", "data.md"):
        assert renamed.page(page).find_all("a", class_="la-report") == [], page


def test_no_report_link_without_a_repository(renamed_flat):
    assert renamed_flat.page("actors/jane-roe.md").find_all("a", class_="la-report") == []


def test_footer_links_the_repository(renamed):
    footer = renamed.page("actors/jane-roe.md").find("footer")
    assert REPO in [a.attrs.get("href") for a in footer.find_all("a")]
