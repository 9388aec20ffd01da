"""scripts/peak_memory.py, the benchmark's memory meter: it sums a process tree, and a child does
not carry its parent's figure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "peak_memory.py"
HOLD = "import sys, time; block = bytearray(int(sys.argv[1]) * 2**20); {}"  # zero-filled: resident


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_peak_of_a_tree_is_the_sum_of_its_processes_at_once():
    child = HOLD.format("time.sleep(0.5)")
    parent = HOLD.format(f"import subprocess; subprocess.run([sys.executable, '-c', {child!r}, '60'])")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), sys.executable, "-c", parent, "120"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(result.stdout.splitlines()[-1])
    assert 120 + 60 <= figures["peak_tree_mib"] < 120 + 60 + 100  # both at once, plus interpreters
    assert 120 <= figures["peak_process_mib"] < 120 + 60  # the largest one alone
    assert figures["seconds"] >= 0.5
