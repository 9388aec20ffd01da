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
    command = BIN / tool
    assert command.exists(), f"{tool} is not installed: pip install -e '.[test]' (it is in the test extra)"
    return subprocess.run([str(command)], cwd=ROOT, capture_output=True, text=True, check=False)


def test_import_contracts_hold():
    result = run("lint-imports")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Contracts: [1-9]\d* kept, 0 broken", result.stdout)


def test_mypy_finds_no_error_in_src():
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")


IGNORE = re.compile(r"#\s*type:\s*ignore\b(?P<rest>.*)$")
EXPLAINED = re.compile(r"\[[a-z-]+(?:,\s*[a-z-]+)*\]\s+#\s*\S")  # [code]  # why


def test_every_type_ignore_names_its_error_and_says_why():
    unexplained = []
    for folder in ("src", "tests", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                found = IGNORE.search(line)
                if found and not EXPLAINED.match(found["rest"]):
                    unexplained.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert unexplained == [], "write `# type: ignore[code]  # why`:\n" + "\n".join(unexplained)
