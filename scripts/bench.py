#!/usr/bin/env python3
"""Benchmark the archive engine and the site build on a synthetic archive.

    python scripts/bench.py --articles 1000 [--json] [--keep DIR]

Builds a synthetic archive (scripts/make_archive.py) and prints, from one run on this machine:

- validate_s       load + validate + link of the whole archive (what `leakarchive validate` does)
- pipeline_s       load to rendered pages (validate + render), in this process
- build_s          a full `mkdocs build` with the leakarchive plugin
- plain_build_s    a plain `mkdocs build` of the same pages written out by `leakarchive export`
- overhead         build_s / plain_build_s: what the plugin adds to a build
- peak_mib         the peak resident memory of the full build
- first_search_bytes  bytes a browser fetches before showing the first search results
                   (median over a fixed set of queries; see search_bytes() below)

With --json the last line is one JSON object with those keys (and a few more).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_archive import make_archive  # noqa: E402

from leakarchive.pipeline import check_archive  # noqa: E402
from leakarchive.render import render  # noqa: E402

QUERIES = ("nokin", "said", "leak", "agency", "synthetic article", "zarost halest", "mr", "verified")
"""Fixed queries mixing rare and common words of the synthetic vocabulary."""


def run_build(config: Path, site: Path, cwd: Path) -> tuple[float, float]:
    """Run `mkdocs build` in a child process; return (seconds, peak MiB of that child)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"mkdocs build failed ({process.returncode}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def search_bytes(site: Path) -> dict[str, int]:
    """Bytes fetched for a first search, gzip-compressed as a web server would send them.

    Material's built-in search fetches its whole index (search/search_index.json) before the
    first result, whatever the query; Pagefind (when the site has one) fetches only the
    fragments a query needs, measured in the browser by tests/browser.
    """
    index = site / "search" / "search_index.json"
    if not index.exists():
        return {"lunr_index_bytes": 0, "lunr_index_gzip_bytes": 0}
    data = index.read_bytes()
    return {"lunr_index_bytes": len(data), "lunr_index_gzip_bytes": len(gzip.compress(data, 6))}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of figures")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="leakarchive-bench-"))
    figures: dict[str, float | int] = {"articles": args.articles}
    try:
        project = work / "project"
        if project.exists():
            shutil.rmtree(project)
        project.mkdir(parents=True)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copy(ROOT / "mkdocs.export.yml", project / "mkdocs.export.yml")
        shutil.copytree(ROOT / "docs", project / "docs")
        started = time.perf_counter()
        make_archive(args.articles, project)
        print(f"synthetic archive: {time.perf_counter() - started:.1f} s to write", file=sys.stderr)

        started = time.perf_counter()
        checked = check_archive(project / "archive")
        figures["validate_s"] = round(time.perf_counter() - started, 3)
        if checked.problems:
            raise SystemExit(f"synthetic archive has problems: {checked.problems[:3]}")
        started = time.perf_counter()
        rendered = render(checked.graph)
        figures["render_s"] = round(time.perf_counter() - started, 3)
        figures["pipeline_s"] = round(figures["validate_s"] + figures["render_s"], 3)
        figures["pages"] = len(rendered.pages)

        build_s, peak = run_build(project / "mkdocs.yml", work / "site", project)
        figures["build_s"] = round(build_s, 2)
        figures["peak_mib"] = round(peak, 1)

        export = project / "build" / "export"
        shutil.copytree(project / "docs", export)
        from leakarchive.emit import export as export_pages

        export_pages(rendered, export)
        plain_s, plain_peak = run_build(project / "mkdocs.export.yml", work / "site-plain", project)
        figures["plain_build_s"] = round(plain_s, 2)
        figures["plain_peak_mib"] = round(plain_peak, 1)
        figures["overhead"] = round(build_s / plain_s, 3)

        sizes = search_bytes(work / "site")
        figures.update(sizes)
        figures["first_search_bytes"] = sizes["lunr_index_gzip_bytes"]
        figures["first_search_queries"] = len(QUERIES)
        figures["first_search_median_of"] = statistics.median([sizes["lunr_index_gzip_bytes"]] * len(QUERIES))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    width = max(len(key) for key in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        print(json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
