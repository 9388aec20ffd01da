"""scripts/search_probe.py, which scripts/bench.py calls: it measures the bytes of a first search."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from search_probe import first_search_bytes


def test_the_probe_counts_the_bytes_of_a_search_and_its_results(browser, engine):
    found = first_search_bytes(engine.site.directory, ["Khamenei", "fixture"], browser)
    assert [f["query"] for f in found] == ["Khamenei", "fixture"]
    for one in found:
        assert one["results"] > 0 and one["shown"] > 0 and one["bytes"] > 0
        assert one["bytes"] == sum(one["files"].values()) and one["requests"] == len(one["files"])
        if engine.engine == "pagefind":
            assert "pagefind/pagefind.js" in one["files"]
            assert any(path.endswith(".pf_fragment") for path in one["files"])
            assert not any(path.startswith("search/") for path in one["files"])
        else:
            assert "search/search_index.json" in one["files"]
            assert not any(path.startswith("pagefind/") for path in one["files"])
    if engine.engine == "lunr":  # Material's index is all a search needs: every query fetches it
        assert found[0]["bytes"] == found[1]["bytes"]
