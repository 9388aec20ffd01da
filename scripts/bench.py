#!/usr/bin/env python3
"""Benchmark the archive engine and the site build on a synthetic archive.

    python scripts/bench.py --articles 1000 [--json] [--keep DIR]

Builds a synthetic archive (scripts/make_archive.py) and prints, from one run on this machine:

- validate_s       load + validate + link of the whole archive (what `leakarchive validate` does)
- pipeline_s       load to rendered pages (validate + render), in this process
- build_s          a full `mkdocs build` with the leakarchive plugin (Pagefind search, as hosted;
                   without the offline zip, which plugin-less builds make by a separate command)
- plain_build_s    the same site without the plugin: a plain `mkdocs build` of the pages written
                   out by `leakarchive export`, plus the same Pagefind indexing the plugin runs
- overhead         build_s / plain_build_s: what the plugin adds to a build
- peak_mib         the peak of the summed resident memory of the full build's processes (MkDocs
                   and the Pagefind indexer it runs beside it), sampled by scripts/peak_memory.py;
                   peak_process_mib the largest single process; mkdocs_peak_mib and
                   pagefind_peak_mib the plain build's MkDocs and its indexing, apart
- first_search_bytes  bytes a browser fetches for a first search, median over QUERIES
                   (scripts/search_probe.py, in headless Chromium); first_search_max_bytes the worst
- preview_*        under `mkdocs serve` (and `--dirty`): seconds from saving an article to the
                   article, its actor, the home page and the search index all showing the change
                   (median of 3 saves)
- hostile_*        the same at any N: the hot spots fed inputs at their budgets (`hostile_figures`):
                   20 wrong quotes in a 1 MB article validated, mentions of 2,000 aliases over 1 MB,
                   the slowest Markdown field the budgets accept, an import of 8,000 quotations

With --json the last line is one JSON object with those keys (and a few more).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_archive import make_archive  # noqa: E402

from leakarchive.engine.pipeline import check_archive  # noqa: E402
from leakarchive.render.renderer import render  # noqa: E402

QUERIES = ("nokin", "said", "leak", "agency", "synthetic article", "zarost halest", "mr", "verified")
"""Fixed queries mixing rare and common words of the synthetic vocabulary."""


def run_build(config: Path, site: Path, cwd: Path) -> dict[str, float]:
    """Run `mkdocs build` in a child process; return its figures (see `run_command`)."""
    return run_command(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)], cwd
    )


def run_command(command: list[str], cwd: Path) -> dict[str, float]:
    """Run a command; return its seconds, the peak of the summed memory of it and the processes
    it starts (`peak_tree_mib`), and the largest peak of one of them (`peak_process_mib`).

    Measured by scripts/peak_memory.py, a small process of its own: a child inherits its parent's
    peak memory figure at the fork, so this process, which holds a rendered site, must not be
    the one measuring.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "figures.json"
        launcher = [sys.executable, str(ROOT / "scripts" / "peak_memory.py"), "--output", str(output)]
        result = subprocess.run([*launcher, *command], cwd=cwd, env=env, check=False)
        if result.returncode:
            raise SystemExit(f"failed ({result.returncode}): {' '.join(command)}")
        return json.loads(output.read_text(encoding="utf-8"))


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    """The body of `url`, or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (OSError, urllib.error.URLError):
        return None


PREVIEW_SAVES = 3  # saves timed under `mkdocs serve`; the median is reported


def preview_latency(project: Path, *, dirty: bool, timeout: float = 600) -> dict[str, float]:
    """Under `mkdocs serve`: seconds from saving one article to the updated site being served.

    Changes an article's title, then waits until the article page, the page of an actor it
    names (its list of articles) and the search index all show the new title: what a contributor
    previewing a change needs to be right. The median of PREVIEW_SAVES such saves.
    """
    # The newest article: it shows on the home page and at the top of its actors' lists.
    article = max((project / "archive" / "articles").rglob("*.md"), key=lambda path: path.name)
    article_id = article.stem
    text = article.read_text(encoding="utf-8")
    speaker = re.search(r"speaker: (actor-\d+)", text)[1]
    title = re.search(r"title: '(Synthetic article \d+):", text)[1]
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Not --no-livereload: it also turns off watching files. --dirty warns, so not strict.
    command = [sys.executable, "-m", "mkdocs", "serve", "-q", "-a", f"127.0.0.1:{port}", "--no-strict"]
    if dirty:
        command.append("--dirty")
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        started = time.perf_counter()
        while fetch(base) is None:
            if time.perf_counter() - started > timeout or server.poll() is not None:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.2)
        first_build = time.perf_counter() - started
        time.sleep(2)  # the watcher starts after the first page is served
        targets = [
            f"{base}articles/{article_id}/",
            f"{base}actors/{speaker}/",
            base,
            f"{base}search/search_index.json",
        ]
        updates = []
        for _ in range(PREVIEW_SAVES):
            marker = f"Edited {time.time_ns()}"
            new_text = text.replace(f"title: '{title}:", f"title: '{marker}:", 1)
            assert new_text != text, "the synthetic article's title has moved"
            started = time.perf_counter()
            article.write_text(new_text, encoding="utf-8")
            pending = list(targets)
            while pending:
                if time.perf_counter() - started > timeout:
                    raise SystemExit(f"the edit never reached {pending}")
                body = fetch(pending[0])
                if body is not None and marker in body:
                    pending.pop(0)
                else:
                    time.sleep(0.05)
            updates.append(time.perf_counter() - started)
            time.sleep(1)  # the rebuild is over: the next save starts another
        name = "preview_dirty" if dirty else "preview"
        return {
            f"{name}_first_build_s": round(first_build, 2),
            f"{name}_update_s": round(statistics.median(updates), 2),
        }
    finally:
        article.write_text(text, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def search_bytes(site: Path) -> dict[str, int]:
    """The size of Material's lunr index, raw and gzip-compressed as a web server sends it: what
    every page fetches before a first result with `search: lunr` (and what the offline copy
    holds). With Pagefind, the hosted default, see first_search_bytes instead.
    """
    index = site / "search" / "search_index.json"
    if not index.exists():
        return {"lunr_index_bytes": 0, "lunr_index_gzip_bytes": 0}
    data = index.read_bytes()
    return {"lunr_index_bytes": len(data), "lunr_index_gzip_bytes": len(gzip.compress(data, 6))}


def hostile_figures(work: Path) -> dict[str, float]:
    """Seconds the hot spots of issue 14 take on inputs at their budgets, whatever the archive."""
    import random

    import yaml

    from leakarchive.budgets import MAX_ALIASES, MAX_MARKDOWN_MARKS
    from leakarchive.engine.link import MentionFinder
    from leakarchive.engine.validate import Entry
    from leakarchive.model import Actor
    from leakarchive.prose import markdown_problem, prose_html
    from leakarchive.text import canonical_body, normalize, sha256_text
    from leakarchive.tools.importer.quotes import find_quotes

    rng = random.Random(14)
    words = [f"w{index}" for index in range(5_000)]
    megabyte = " ".join(rng.choice(words) for _ in range(180_000))
    figures: dict[str, float] = {}

    # A 1 MB article with 20 quotes that are not in it: validate names each one's closest passage.
    archive = work / "hostile" / "archive"
    make_archive(1, work / "hostile")
    article = next((archive / "articles").rglob("*.md"))
    front = yaml.safe_load(article.read_text(encoding="utf-8").split("---\n")[1])
    body = canonical_body(megabyte)
    front["text_sha256"] = sha256_text(body)
    front["quotes"] = [
        {"text": " ".join(rng.choice(words) for _ in range(12)), "speaker": "actor-00000"} for _ in range(20)
    ]
    article.write_text("---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + body, encoding="utf-8")
    started = time.perf_counter()
    problems = check_archive(archive).problems
    figures["hostile_wrong_quotes_1mb_s"] = round(time.perf_counter() - started, 3)
    assert sum("closest passage" in p.message for p in problems) == 20, [p.message[:80] for p in problems]

    actors = [
        Entry(Actor(id=f"a-{n}", name=f"Name {n}", kind="person",
                    aliases=[f"Alias{n}x{k} " + "n" * rng.randint(1, 100) for k in range(MAX_ALIASES)]), None)
        for n in range(20)
    ]  # fmt: skip
    started = time.perf_counter()
    MentionFinder(actors).find(normalize(megabyte))  # type: ignore[arg-type]  # no file: the finder reads only the actor
    figures["hostile_mentions_2000_aliases_1mb_s"] = round(time.perf_counter() - started, 3)

    field = ("*a* " * (MAX_MARKDOWN_MARKS // 2) + "x" * 400 + "\n\n") * 12
    assert markdown_problem(field) is None
    started = time.perf_counter()
    prose_html(field)
    figures["hostile_markdown_field_s"] = round(time.perf_counter() - started, 3)

    finder = MentionFinder([Entry(Actor(id="jane-doe", name="Jane Doe", kind="person"), None)])  # type: ignore[arg-type]  # no file: the finder reads only the actor
    page = " ".join(f"“Quote number {i} here,” said Jane Doe." for i in range(8_000)) + "\n"
    started = time.perf_counter()
    find_quotes(page, finder)
    figures["hostile_import_8000_quotes_s"] = round(time.perf_counter() - started, 3)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of figures")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--no-preview", action="store_true", help="skip the mkdocs serve measurement")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="leakarchive-bench-"))
    figures: dict[str, float | int] = {"articles": args.articles}
    try:
        project = work / "project"
        if project.exists():
            shutil.rmtree(project)
        project.mkdir(parents=True)
        # The hosted configuration, without the offline zip (`leakarchive offline`, timed apart).
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        config = re.sub(r"offline_zip: .*", 'offline_zip: ""', config)
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
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

        build = run_build(project / "mkdocs.yml", work / "site", project)
        build_s = build["seconds"]
        figures["build_s"] = round(build_s, 2)
        figures["peak_mib"] = build["peak_tree_mib"]
        figures["peak_process_mib"] = build["peak_process_mib"]

        export = project / "build" / "export"
        shutil.copytree(project / "docs", export)
        from leakarchive.render.emit import export as export_pages

        export_pages(rendered, export)
        plain = run_build(project / "mkdocs.export.yml", work / "site-plain", project)
        # The plugin's own indexing: pagefind_index.index_pagefind, in shards if the site is large.
        index = (
            "import sys, pathlib; from leakarchive.site.pagefind_index import index_pagefind as index; "
            "index(pathlib.Path(sys.argv[1]))"
        )
        pagefind = run_command([sys.executable, "-c", index, str(work / "site-plain")], project)
        plain_s, pagefind_s = plain["seconds"], pagefind["seconds"]
        figures["plain_mkdocs_s"] = round(plain_s, 2)
        figures["pagefind_s"] = round(pagefind_s, 2)
        figures["plain_build_s"] = round(plain_s + pagefind_s, 2)
        figures["mkdocs_peak_mib"] = plain["peak_tree_mib"]
        figures["pagefind_peak_mib"] = pagefind["peak_tree_mib"]
        figures["overhead"] = round(build_s / (plain_s + pagefind_s), 3)
        offline = run_command(
            [sys.executable, "-m", "leakarchive.tools.cli", "offline", str(work / "site")], project
        )
        figures["offline_zip_s"] = round(offline["seconds"], 2)
        figures["offline_zip_peak_mib"] = offline["peak_tree_mib"]

        if not args.no_preview:
            figures.update(preview_latency(project, dirty=True))
            figures.update(preview_latency(project, dirty=False))

        figures.update(hostile_figures(work))
        figures.update(search_bytes(work / "site"))
        from search_probe import first_search_bytes

        probes = first_search_bytes(work / "site", list(QUERIES))
        figures["first_search_bytes"] = int(statistics.median(p["bytes"] for p in probes))
        figures["first_search_max_bytes"] = max(p["bytes"] for p in probes)
        figures["first_search_queries"] = len(probes)
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
