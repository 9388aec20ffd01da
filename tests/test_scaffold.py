"""`leakarchive new article|actor|leak`: files that validate, every field explained, never overwritten."""

from __future__ import annotations

import io
import sys
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from leakarchive.engine.load import parse_text
from leakarchive.engine.pipeline import check_archive
from leakarchive.model import MODELS
from leakarchive.text import sha256_text
from leakarchive.tools.cli import main

TEXT = (
    "DUBAI — An audio file said to come from inside the ministry was published on Monday.\n\n"
    "“It is a crude montage,” said a spokesman. Its authenticity could not be verified.\n"
)


TITLE_ID = "leaked-recording-casts-doubt-on-ministrys-denials"


def problems(archive: Path) -> list[str]:
    """The errors: what makes a file wrong, not what a reviewer would send back as unfinished."""
    return [str(p) for p in check_archive(archive).problems if p.severity == "error"]


def unfinished(archive: Path) -> list[str]:
    """What a reviewer would send back (see test_review.py)."""
    return [str(p) for p in check_archive(archive).problems if p.severity == "review"]


def new(archive: Path, *args: str) -> int:
    return main(["new", *args, "--archive", str(archive)])


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    for kind in ("articles", "actors", "leaks"):
        (folder / kind).mkdir(parents=True)
    return folder


@pytest.fixture
def outlet(archive: Path, capsys) -> str:
    assert new(archive, "actor", "The Example Chronicle", "--kind", "outlet") == 0
    capsys.readouterr()
    return "the-example-chronicle"


def test_each_scaffold_validates_in_a_real_archive(archive, outlet, tmp_path, capsys):
    text_file = tmp_path / "article.txt"
    text_file.write_text(TEXT, encoding="utf-8")
    assert new(archive, "actor", "Leila Farahani", "--kind", "person") == 0
    assert new(archive, "leak", "Recording of a security meeting on the strikes", "--kind", "audio",
               "--date", "2021-04") == 0  # fmt: skip
    assert (
        new(archive, "article", "Leaked recording casts doubt on ministry’s denials", "--date", "2021-04-27",
            "--publisher", outlet, "--text", str(text_file), "--url", "https://www.chronicle.example/a")
        == 0
    )  # fmt: skip
    out = capsys.readouterr().out.split()
    assert out == [
        str(archive / "actors" / "leila-farahani.yml"),
        str(archive / "leaks" / "recording-of-a-security-meeting-on-the-strikes.yml"),
        str(
            archive / "articles" / "2021" / "2021-04-27-leaked-recording-casts-doubt-on-ministrys-denials.md"
        ),
    ]
    assert problems(archive) == []
    checked = check_archive(archive)
    (article,) = checked.graph.articles.values()
    assert article.entry.body == TEXT
    assert article.entry.model.text_sha256 == sha256_text(TEXT)
    assert article.entry.model.source.url == "https://www.chronicle.example/a"
    assert str(checked.graph.leaks["recording-of-a-security-meeting-on-the-strikes"].model.date) == "2021-04"


def _fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field of a model and of the models inside it."""
    names = []
    for name, info in model.model_fields.items():
        names.append(name)
        for arg in (info.annotation, *typing.get_args(info.annotation)):
            for inner in (arg, *typing.get_args(arg)):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    names += _fields(inner)
    return names


@pytest.mark.parametrize("kind", ["article", "actor", "leak"])
def test_every_field_is_in_the_scaffold_with_a_comment(archive, outlet, kind, capsys):
    args = {
        "article": ["article", "A title", "--date", "2020", "--publisher", outlet],
        "actor": ["actor", "Some Body", "--kind", "organization"],
        "leak": ["leak", "A memo", "--kind", "memo"],
    }[kind]
    assert new(archive, *args) == 0
    path = Path(capsys.readouterr().out.strip())
    text = path.read_text(encoding="utf-8")
    for name in _fields(MODELS[kind]):
        lines = [line for line in text.split("\n") if line.lstrip("#- ").startswith(f"{name}:")]
        assert lines, f"{kind} scaffold has no line for {name}"
        assert any("  # " in line or line.lstrip().startswith("#") for line in lines), name


def test_article_without_text_is_reported_until_the_text_is_pasted(archive, outlet, capsys):
    assert new(archive, "article", "Steady drip of leaks", "--date", "2010-01-12", "--publisher", outlet) == 0
    captured = capsys.readouterr()
    assert "no text yet" in captured.err
    path = Path(captured.out.strip())
    assert path == archive / "articles" / "2010" / "2010-01-12-steady-drip-of-leaks.md"
    scaffold = path.read_text(encoding="utf-8")
    assert "text_sha256: " + "0" * 64 + "  # NO TEXT YET" in scaffold
    assert "# THE ARTICLE TEXT GOES BELOW THE CLOSING --- LINE" in scaffold

    (only,) = problems(archive)
    assert "expected the article text after the front matter, found none" in only

    path.write_text(scaffold + "\n" + TEXT, encoding="utf-8")
    (only,) = problems(archive)
    assert "text_sha256" in only and sha256_text(TEXT) in only  # validate gives the checksum

    path.write_text(scaffold.replace("0" * 64, sha256_text(TEXT)) + "\n" + TEXT, encoding="utf-8")
    assert problems(archive) == []


def test_article_text_from_standard_input(archive, outlet, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(("\n\n" + TEXT).encode("utf-8"))))
    assert (
        new(archive, "article", "From stdin", "--date", "2021-04", "--publisher", outlet, "--text", "-") == 0
    )
    path = Path(capsys.readouterr().out.strip())
    assert path.parent.name == "2021" and path.name == "2021-04-from-stdin.md"
    assert path.read_text(encoding="utf-8").endswith("---\n\n" + TEXT)
    assert problems(archive) == []


def test_never_overwrites(archive, capsys):
    assert new(archive, "actor", "Abbas Milani", "--kind", "person") == 0
    path = archive / "actors" / "abbas-milani.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    before = path.read_bytes()
    assert new(archive, "actor", "Abbas Milani", "--kind", "person") == 2
    assert "exists already" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "made"),
    [
        ("Mir Hossein Mousavi", "mir-hossein-mousavi"),
        ("Islamic Revolutionary Guard Corps (IRGC)", "islamic-revolutionary-guard-corps-irgc"),
        ("Ayatollah Ali Khamene'i", "ayatollah-ali-khamene-i"),
        ("Télévision d’État", "television-detat"),  # model.slugify drops the curly apostrophe
        ("../../etc/passwd", "etc-passwd"),
    ],
)
def test_safe_ids_from_names(archive, name, made, capsys):
    assert new(archive, "actor", name, "--kind", "person") == 0
    assert Path(capsys.readouterr().out.strip()) == archive / "actors" / f"{made}.yml"


def test_a_name_in_another_script_needs_an_id(archive, capsys):
    assert new(archive, "actor", "علی خامنه‌ای", "--kind", "person") == 2
    assert "give one with --id" in capsys.readouterr().err
    assert new(archive, "actor", "علی خامنه‌ای", "--kind", "person", "--id", "ali-khamenei") == 0
    path = archive / "actors" / "ali-khamenei.yml"
    assert 'name: "علی خامنه\u200cای"' in path.read_text(encoding="utf-8")
    assert problems(archive) == []


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("Not An Id", "expected an id of lower-case letters"),
        ("index", "expected an id other than 'index' (reserved)"),
        ("a--b", "single hyphens"),
    ],
)
def test_bad_ids_are_refused(archive, given, message, capsys):
    assert new(archive, "actor", "Someone", "--kind", "person", "--id", given) == 2
    assert message in capsys.readouterr().err
    assert not list(archive.rglob("*.yml"))


def test_new_refuses_what_the_model_refuses_in_its_words(archive, capsys):
    """The id and single-line rules are the model's own (model.check_id, model.check_line)."""
    from leakarchive.budgets import MAX_LINE, MAX_SLUG

    assert new(archive, "actor", "x" * (MAX_LINE + 1), "--kind", "person", "--id", "x") == 2
    assert f"the name: expected at most {MAX_LINE} characters on one line" in capsys.readouterr().err
    assert new(archive, "actor", "Someone", "--kind", "person", "--id", "x" * (MAX_SLUG + 1)) == 2
    assert f"expected an id of at most {MAX_SLUG} characters" in capsys.readouterr().err
    assert not list(archive.rglob("*.yml"))


def test_titles_survive_yaml_exactly(archive, outlet, capsys):
    title = 'He said: "no" # not a comment, \\ a backslash, and ‘quotes’ — with a dash'
    assert new(archive, "leak", title, "--kind", "other", "--id", "tricky") == 0
    path = Path(capsys.readouterr().out.strip())
    record, found = parse_text(path.read_text(encoding="utf-8"), "leak", "tricky")
    assert found == [] and record.data["title"] == title
    assert problems(archive) == []


def test_bad_dates_are_refused(archive, outlet, capsys):
    assert new(archive, "article", "A title", "--date", "2010-02-30", "--publisher", outlet) == 2
    assert "--date: expected a real calendar date" in capsys.readouterr().err


def test_missing_publisher_actor_is_pointed_out(archive, capsys):
    assert new(archive, "article", "A title", "--date", "2010", "--publisher", "no-such-outlet") == 0
    assert "no actor 'no-such-outlet' yet" in capsys.readouterr().err


@pytest.mark.parametrize("when", ["2009-12/2010-01", "before 2010-01-12", "after 2009-06"])
def test_a_leak_dated_by_a_range_or_a_bound_validates(archive, when):
    assert new(archive, "leak", "A memo known by its season", "--kind", "memo", "--date", when) == 0
    assert problems(archive) == []
    leak = check_archive(archive).graph.leaks["a-memo-known-by-its-season"].model
    assert str(leak.date) == when


def test_a_leak_range_that_runs_backwards_is_refused(archive, capsys):
    assert new(archive, "leak", "A memo", "--kind", "memo", "--date", "2010-01/2009-12") == 2
    assert "--date: expected a range from the earlier date to the later, found '2010-01/2009-12'" in (
        capsys.readouterr().err
    )
