"""`leakarchive validate --format github`: one workflow annotation per problem, on its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leakarchive.problems import Problem
from leakarchive.tools.cli import main

ANNOTATION = re.compile(
    r"^::error file=(?P<file>[^,:]+),line=(?P<line>\d+),col=(?P<col>\d+)::(?P<message>.+)$"
)


def test_a_problem_as_an_annotation():
    problem = Problem("archive/actors/x.yml", 3, 5, "kind", "expected one of person, outlet, found 'persn'")
    assert problem.github() == (
        "::error file=archive/actors/x.yml,line=3,col=5::kind: expected one of person, outlet, found 'persn'"
    )


def test_a_problem_of_the_whole_file_has_no_field():
    problem = Problem("archive/leaks/y.yml", 1, 1, "", "expected a regular file, found a symbolic link")
    assert problem.github() == (
        "::error file=archive/leaks/y.yml,line=1,col=1::expected a regular file, found a symbolic link"
    )


@pytest.mark.parametrize(
    ("message", "escaped"),
    [
        ("100% sure", "100%25 sure"),
        ("first line\nsecond line", "first line\\nsecond line"),  # shown, never a second line
        ("carriage\rreturn", "carriage\\rreturn"),
        ("%0A is not a line break", "%250A is not a line break"),
        ("key: value, and more :: colons", "key: value, and more :: colons"),  # fine in the message
    ],
)
def test_the_message_is_escaped(message, escaped):
    line = Problem("archive/a.yml", 2, 1, "", message).github()
    assert line == f"::error file=archive/a.yml,line=2,col=1::{escaped}"
    assert "\n" not in line and "\r" not in line


def test_a_message_cannot_forge_a_second_annotation():
    message = "found 'x\n::error file=archive/other.yml,line=1,col=1::forged'"
    line = Problem("archive/a.yml", 2, 1, "name", message).github()
    assert "\n" not in line  # one line: the second "::error" does not start a line, so is no command
    assert line.startswith("::error file=archive/a.yml,line=2,col=1::name: found 'x\\n::error")


def test_a_bidi_override_in_a_message_is_shown_not_obeyed():
    line = Problem("archive/a.yml", 1, 1, "", "found 'abc\u202edef'").github()
    assert "\u202e" not in line and "\\u202e" in line


def test_the_file_property_is_escaped():
    line = Problem("archive/odd,name:50%.yml", 1, 1, "", "x").github()
    assert line == "::error file=archive/odd%2Cname%3A50%25.yml,line=1,col=1::x"


@pytest.fixture
def broken_archive(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    (archive / "actors").mkdir(parents=True)
    (archive / "leaks").mkdir()
    (archive / "articles").mkdir()
    (archive / "actors" / "someone.yml").write_text(
        'id: someone\nname: "Someone"\nkind: persn\n', encoding="utf-8"
    )
    (archive / "leaks" / "a-memo.yml").write_text(
        'id: a-memo\ntitle: "A memo"\nkind: memo\nstatus: unverified\nfirst_reported_by: nobody\n'
        'status_history: [{status: unverified, date: 2010}]\nsummary: "A memo."\n',
        encoding="utf-8",
    )
    return archive


def test_validate_prints_one_annotation_per_problem(broken_archive, capsys):
    assert main(["validate", "--archive", str(broken_archive), "--format", "github"]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    found = [ANNOTATION.match(line) for line in lines]
    assert all(found), lines
    by_file = {m["file"]: m for m in found}
    kind = by_file["archive/actors/someone.yml"]
    assert (kind["line"], kind["col"]) == ("3", "7")
    assert kind["message"].startswith("kind: expected one of person, organization, outlet, state-body")
    reporter = by_file["archive/leaks/a-memo.yml"]
    assert reporter["line"] == "5"
    assert reporter["message"].startswith("first_reported_by: expected the id of an actor")
    assert "2 problems" in captured.err  # the summary goes to stderr, not into the annotations


def test_text_format_is_the_default(broken_archive, capsys):
    assert main(["validate", "--archive", str(broken_archive)]) == 1
    out = capsys.readouterr().out
    assert "archive/actors/someone.yml:3:7: kind: expected one of" in out
    assert "::error" not in out
