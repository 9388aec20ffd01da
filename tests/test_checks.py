"""The checks the README's test command runs before pytest, run again here so that `pytest` alone
(what one runs while developing and before landing) also refuses a broken import boundary or a
type error. The contracts and mypy's settings live in pyproject.toml."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(tool: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / tool)], cwd=ROOT, capture_output=True, text=True, check=False)


def test_import_contracts_hold():
    result = run("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Contracts: [1-9]\d* kept, 0 broken", result.stdout)


def test_mypy_finds_no_error_in_src():
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")
