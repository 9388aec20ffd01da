#!/usr/bin/env python3
"""Run a command and print, as one JSON line, its time and its peak memory (Linux).

    python scripts/peak_memory.py [--output FILE] COMMAND [ARGS...]

- `seconds`: wall time of the command
- `peak_tree_mib`: the peak of the summed resident memory of the command and all its
  descendants, sampled every 20 ms: what the machine must hold at once (MkDocs and the Pagefind
  indexer it starts run side by side)
- `peak_process_mib`: the largest peak of any one of those processes (the kernel's ru_maxrss)

Run it from a small process: a child inherits its parent's ru_maxrss at the fork, so a large
benchmark process measuring its children directly reports at least its own size.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
SAMPLE_SECONDS = 0.02


def tree(pid: int) -> list[int]:
    """`pid` and every process below it."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):  # the task ended meanwhile
                pending.extend(int(child) for child in task.read_text().split())
    return found


def resident_kib(pid: int) -> int:
    """The resident memory of one process, in KiB (0 if it has ended)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def main(argv: list[str]) -> int:
    """Run the command in `argv`, print its figures (or write them to --output), return its exit
    status."""
    output = None
    if argv[:1] == ["--output"]:
        output, argv = Path(argv[1]), argv[2:]
    command = argv
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(command)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(resident_kib(pid) for pid in tree(process.pid)))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    figures = {
        "seconds": round(seconds, 3),
        "peak_tree_mib": round(peak / 1024, 1),
        "peak_process_mib": round(usage.ru_maxrss / 1024, 1),
    }
    process.returncode = os.waitstatus_to_exitcode(status)
    if output is not None:
        output.write_text(json.dumps(figures) + "\n", encoding="utf-8")
    else:
        print(json.dumps(figures), flush=True)
    return process.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
