"""Attacks through addresses: one URL rule, read by a real parser, everywhere.

`https://[2001:db8::1/news` in an actor's links passed `validate`, then crashed the build's
offline step and every later `leakarchive import`; `https://www.nytimes.com@evil.example/` (a
trusted name before '@', another host after it) and port 99999 passed. `model.url_problem` is now
the rule for `validate`, the importer, `leakarchive new` and the output steps.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leakarchive.engine.pipeline import check_archive
from leakarchive.model import url_problem
from leakarchive.tools.cli import main
from leakarchive.tools.importer.article import import_page
from leakarchive.tools.importer.outlets import site_host

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "tests" / "fixtures" / "archives" / "small"

REFUSED = {
    "https://[2001:db8::1/news": "expected an address that parses",
    "https://www.nytimes.com@evil.example/2010/x": "without a user-info part",
    "https://www.nytimes.com\\@evil.example/": "without a user-info part",
    "https://user:pass@example.org/": "without a user-info part",
    "https://example.org:99999/": "expected an address that parses",
    "https://example.org:0/": "a port from 1 to 65535",
    "https://example.org:http/": "expected an address that parses",
    "http://1.2.3.999/": "a valid host name",
    "https://-evil.example/": "a valid host name",
    "https://exa mple.org/": "without spaces, found one at character 12",
    "https://example.org/\u2028x": "a control character U+2028",
    "https://example.org/\u202ex": "a bidi control character",
    "https://example.org/\tx": "a control character U+0009",
    "javascript:alert(1)": "an http:// or https:// address",
    "https://": "a valid host name",
    "https://" + "a" * 2_000 + ".org/": "at most 2,000 characters",
}
ACCEPTED = [
    "https://www.nytimes.com/2010/01/12/world/middleeast/12iran.html",
    "https://[2001:db8::1]/news",
    "http://192.0.2.1:8080/path?q=1#frag",
    "https://خبرگزاری.example/خبر",
    "HTTPS://EXAMPLE.ORG/",
    "https://my_blog.example.org/",
]


@pytest.mark.parametrize("url", REFUSED, ids=list(REFUSED))
def test_the_url_rule_refuses(url):
    problem = url_problem(url)
    assert problem and REFUSED[url] in problem, problem


@pytest.mark.parametrize("url", ACCEPTED)
def test_the_url_rule_accepts_real_addresses(url):
    assert url_problem(url) is None


def test_every_bad_address_of_a_file_is_reported_at_once(tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(SMALL, archive)
    actor = archive / "actors" / "jane-roe.yml"
    bad = list(REFUSED)[:6]
    actor.write_text(
        actor.read_text("utf-8") + "links:\n" + "".join(f"  - {url!r}\n" for url in bad), "utf-8"
    )
    problems = [str(p) for p in check_archive(archive).problems]
    assert len(problems) == len(bad), problems
    for index, url in enumerate(bad, start=1):
        assert any(
            f"jane-roe.yml:{9 + index}:5: links[{index}]: " in p and REFUSED[url] in p for p in problems
        )


def test_new_refuses_a_deceptive_url(tmp_path, capsys):
    code = main(
        [
            "new", "article", "Memo", "--date", "2010-01-01", "--publisher", "daily-courier",
            "--url", "https://www.nytimes.com@evil.example/x", "--archive", str(tmp_path / "archive"),
        ]
    )  # fmt: skip
    assert code == 2
    assert "--url: expected an address without a user-info part" in capsys.readouterr().err
    assert not (tmp_path / "archive").exists()


def test_import_takes_no_unparsable_address_from_a_page(tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(SMALL, archive)
    page = (
        '<html><head><link rel="canonical" href="https://[2001:db8::1/news">'
        "<title>Memo leaked</title></head><body><article><h1>Memo leaked</h1>"
        + "<p>The ministry sent a memo to every office, and the memo was leaked to us.</p>" * 5
        + "</article></body></html>"
    )
    result = import_page(page.encode(), "page.html", archive=archive, when="2010-01-02")
    assert result.draft.url is None
    assert "[2001:db8::1" not in result.text
    assert site_host("https://[2001:db8::1/news") == ""
