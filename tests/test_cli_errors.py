"""Every `leakarchive` command fails the same way: a message saying what to fix, no traceback, and
the exit status its `--help` documents (0 done, 1 problems found, 2 bad usage or input)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import leakarchive
from leakarchive.errors import EXIT_PROBLEMS, EXIT_STATUS_HELP, EXIT_USAGE, LeakArchiveError
from leakarchive.tools.cli import main

ROOT = Path(__file__).resolve().parent.parent
VALID_ARCHIVE = ROOT / "tests" / "fixtures" / "valid" / "archive"
BROKEN_ARCHIVE = ROOT / "tests" / "fixtures" / "invalid" / "multiple-problems" / "archive"
PAGE = ROOT / "tests" / "fixtures" / "import"

COMMANDS = {
    "validate": [],
    "schema": [],
    "export": ["out"],
    "offline": ["site"],
    "new article": ["A title", "--date", "2020-01-02", "--publisher", "x"],
    "new actor": ["A name", "--kind", "person"],
    "new leak": ["A title", "--kind", "memo"],
    "import": ["page.html"],
}


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "a-file"
    path.write_text("not a folder\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_option_is_bad_usage(command: str, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([*command.split(), *COMMANDS[command], "--no-such-option"])
    assert stopped.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("usage: leakarchive")
    assert "unrecognized arguments: --no-such-option" in err


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_documents_the_exit_status(command: str, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([*command.split(), "--help"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.endswith(EXIT_STATUS_HELP + "\n")


def fails(argv: list[str], capsys, status: int = EXIT_USAGE) -> str:
    """Run the command; assert its status and that it printed one line of error; return it."""
    assert main(argv) == status
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_validate_a_missing_archive(tmp_path: Path, a_file: Path, capsys):
    err = fails(["validate", "--archive", str(tmp_path / "nope")], capsys)
    expected = f"--archive {tmp_path / 'nope'}: expected the archive folder, found nothing"
    assert err == f"leakarchive validate: {expected}\n"
    err = fails(["validate", "--archive", str(a_file)], capsys)
    assert err.endswith("expected the archive folder, found a file\n")


def test_schema_onto_a_file(a_file: Path, capsys):
    err = fails(["schema", "--output", str(a_file)], capsys)
    assert err == f"leakarchive schema: --output {a_file}: expected a folder to write into, found a file\n"
    assert a_file.read_text(encoding="utf-8") == "not a folder\n"


def test_export_onto_a_file(a_file: Path, capsys):
    err = fails(["export", str(a_file), "--archive", str(VALID_ARCHIVE)], capsys)
    assert err == f"leakarchive export: output {a_file}: expected a folder to write into, found a file\n"


def test_export_from_a_missing_archive_writes_nothing(tmp_path: Path, capsys):
    fails(["export", str(tmp_path / "out"), "--archive", str(tmp_path / "nope")], capsys)
    assert not (tmp_path / "out").exists()


def test_export_of_an_archive_with_problems_is_problems_found(tmp_path: Path, capsys):
    assert main(["export", str(tmp_path / "out"), "--archive", str(BROKEN_ARCHIVE)]) == EXIT_PROBLEMS
    captured = capsys.readouterr()
    count = len(captured.out.splitlines())
    assert count > 1
    assert captured.err == f"{count} problems: nothing exported\n"
    assert not (tmp_path / "out").exists()


def test_offline_of_no_site_makes_nothing(tmp_path: Path, a_file: Path, capsys):
    err = fails(["offline", str(tmp_path / "nope")], capsys)
    assert err.endswith("expected a built site (a folder with index.html), found none\n")
    assert not (tmp_path / "nope").exists()
    fails(["offline", str(a_file)], capsys)
    fails(["offline", str(tmp_path)], capsys)  # a folder, but no site
    assert list(tmp_path.iterdir()) == [a_file]


def test_new_with_a_missing_text_or_an_archive_that_is_a_file(tmp_path: Path, a_file: Path, capsys):
    text = ["--text", str(tmp_path / "nope")]
    err = fails(["new", "article", *COMMANDS["new article"], "--archive", str(tmp_path), *text], capsys)
    assert err.startswith(f"leakarchive new: cannot read {tmp_path / 'nope'}: ")
    err = fails(["new", "actor", *COMMANDS["new actor"], "--archive", str(a_file)], capsys)
    assert err.startswith("leakarchive new: ")


def test_import_a_missing_page_or_into_a_file(tmp_path: Path, a_file: Path, capsys):
    err = fails(["import", str(tmp_path / "nope")], capsys)
    assert err.startswith(f"leakarchive import: cannot read {tmp_path / 'nope'}: ")
    page = next(PAGE.glob("*.html"))
    err = fails(["import", str(page), "--output", str(a_file / "draft.md")], capsys)
    assert err.startswith("leakarchive import: ")
    assert a_file.read_text(encoding="utf-8") == "not a folder\n"


def test_the_console_command_prints_no_traceback(a_file: Path):
    """The same through the installed command, as a contributor runs it."""
    command = [sys.executable, "-m", "leakarchive", "export", str(a_file), "--archive", str(VALID_ARCHIVE)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == EXIT_USAGE
    assert result.stderr.startswith(f"leakarchive export: output {a_file}: expected a folder")
    assert "Traceback" not in result.stderr


def test_every_exception_of_the_package_is_a_leakarchive_error():
    own = []
    for module in pkgutil.walk_packages(leakarchive.__path__, "leakarchive."):
        if module.name == "leakarchive.__main__":
            continue
        for _, value in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == module.name:
                own.append(value)
    assert len(own) >= 7
    assert [error for error in own if not issubclass(error, LeakArchiveError)] == []
