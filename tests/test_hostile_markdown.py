"""Attacks on the Markdown fields (summaries, notes, descriptions): none may crash or stall a build.

Python-Markdown recurses once per level of nested lists, and reads on from each unclosed '[' to
the end of its paragraph; a thousand `- ` crashed the build with RecursionError, and `[a](`
repeated over 120 KB took minutes. `prose.markdown_problem` holds the budgets; the model applies
it to every Markdown field and the renderer refuses what it refuses, so what validates builds.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from markdown.inlinepatterns import LinkInlineProcessor
from sitebuild import SMALL_ARCHIVE, build, make_project, run

from leakarchive import budgets, prose
from leakarchive.model import MODELS, MarkdownText
from leakarchive.prose import MarkdownError, bracket_scan, markdown_problem, prose_html

PROBLEM_LINE = re.compile(r"^archive/[\w./-]+:\d+:\d+: .+$")
TEMPLATES = Path(prose.__file__).parent / "render" / "templates"

NESTED_LISTS = "- " * 1000 + "x"
UNCLOSED_LINKS = "[a](" * 4_000
UNCLOSED_BRACKETS = "[" * 250 + "a" * 18_000  # few marks, but each '[' is read to the end
TWO_PARAGRAPHS = "*a* " * 150 + "\n\n" + "`b` " * 150  # 300 marks in each
TWELVE_OPEN = "[" * 12 + "a" * 5_000


# --- the budgets ------------------------------------------------------------------------------


def test_a_thousand_nested_list_markers_are_refused_not_a_crash():
    message = markdown_problem(NESTED_LISTS)
    assert message and f"at most {budgets.MAX_MARKDOWN_DEPTH} deep, found 1,000 on line 1" in message
    with pytest.raises(MarkdownError):
        prose_html(NESTED_LISTS)


def test_unclosed_links_are_refused_not_a_stall():
    message = markdown_problem(UNCLOSED_LINKS)
    assert message and "found 4,000 in the paragraph on line 1" in message
    message = markdown_problem(UNCLOSED_BRACKETS)
    assert message and "brackets that close" in message and "found" not in message.split(":")[0]
    assert f"{bracket_scan(UNCLOSED_BRACKETS):,} characters" in message


@pytest.mark.parametrize(
    ("at_limit", "over_limit", "says"),
    [
        ("a" * budgets.MAX_MARKDOWN, "a" * (budgets.MAX_MARKDOWN + 1), "at most 20,000 characters"),
        ("> " * 5 + "- " * 5 + "x", "> " * 5 + "- " * 6 + "x", "nested at most 10 deep, found 11"),
        ("\n".join("    " * i + "- x" for i in range(10)), "    " * 10 + "- x", "found 11 on line 1"),
        ("*a* " * 150, "*a* " * 150 + "_", "found 301 in the paragraph on line 1"),
        (TWO_PARAGRAPHS, "x\n\n" + "*a* " * 151, "found 302 in the paragraph on line 3"),
        ("[" * 10 + "a" * 5_000, TWELVE_OPEN, f"would read {bracket_scan(TWELVE_OPEN):,} characters"),
    ],
    ids=["size", "depth", "indented depth", "marks", "marks per paragraph", "bracket reading"],
)
def test_each_budget_admits_its_limit_and_refuses_one_more(at_limit, over_limit, says):
    assert markdown_problem(at_limit) is None
    prose_html(at_limit)  # renders
    message = markdown_problem(over_limit)
    assert message and says in message, message
    with pytest.raises(MarkdownError, match=re.escape(says)):
        prose_html(over_limit)


def test_escaped_brackets_cost_nothing_closed_ones_their_length():
    assert bracket_scan("\\[ \\( \\<" * 100) == 0
    link = "[a](https://example.org/x) "  # reads "[a" and "(https://example.org/x", three times
    assert bracket_scan(link * 10) == 10 * 3 * (2 + 22)
    assert markdown_problem("See [the memo](https://example.org/memo) and <https://example.org>.") is None


# --- the measures are upper bounds of what the renderer does --------------------------------


def random_markdown(rng: random.Random, pieces: list[str], length: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(length))


def test_bracket_scan_bounds_what_python_markdown_reads(monkeypatch):
    """Python-Markdown's link patterns read character by character (getText, getLink): counted
    on random hostile fields, they never read more than `bracket_scan` says."""
    read = [0]
    get_text, get_link = LinkInlineProcessor.getText, LinkInlineProcessor.getLink

    def counting_text(self, data, index):
        result = get_text(self, data, index)
        read[0] += result[1] - index
        return result

    def counting_link(self, data, index):
        result = get_link(self, data, index)
        read[0] += result[2] - index
        return result

    monkeypatch.setattr(LinkInlineProcessor, "getText", counting_text)
    monkeypatch.setattr(LinkInlineProcessor, "getLink", counting_link)
    pieces = ["[", "]", "(", ")", "](", "![", "a", "b c", "\n", "\n\n", "<", ">", '"', "'", "*", "&"]
    rng = random.Random(14)
    for _ in range(400):
        text = random_markdown(rng, pieces, rng.randint(1, 400))
        read[0] = 0
        _render(text)
        assert read[0] <= bracket_scan(text), text
    # Escapes and code spans are replaced by placeholders of about 15 characters before links
    # are matched (an escape, 2 characters, by at most 8 times as many): the reading grows by a
    # bounded factor, not with the square of the length.
    pieces += ["\\[", "\\(", "`", "`x`"]
    for _ in range(400):
        text = random_markdown(rng, pieces, rng.randint(1, 400))
        read[0] = 0
        _render(text)
        assert read[0] <= 8 * bracket_scan(text), text


def _render(text: str) -> None:
    converter = prose._markdown()
    converter.reset()
    converter.convert(text)


def test_accepted_nesting_renders_on_a_shallow_stack():
    """Random nests of quotes, lists and indentation: whatever the check accepts renders with 150
    frames to spare, far from Python's limit; the deepest it refuses would not."""
    rng = random.Random(1402)
    pieces = ["- ", "* ", "+ ", "1. ", "> ", ">", "    ", "\t", "  ", "x ", "\n", "\n\n"]
    frames = _depth()
    limit = sys.getrecursionlimit()
    accepted = 0
    try:
        sys.setrecursionlimit(frames + 150)
        for _ in range(400):
            text = random_markdown(rng, pieces, rng.randint(1, 200)) + "x"
            if markdown_problem(text) is None:
                accepted += 1
                _render(text)
    finally:
        sys.setrecursionlimit(limit)
    assert accepted > 100


def _depth() -> int:
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1
    return depth


# --- every Markdown field is checked ----------------------------------------------------------


def markdown_fields() -> set[str]:
    """The names of the model's fields typed MarkdownText, in every model and sub-model."""
    names: set[str] = set()
    seen: set[type] = set()

    def walk(model: type) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            annotation = info.annotation
            if MarkdownText in (annotation, *getattr(annotation, "__args__", ())):
                names.add(name)
            for inner in _models_in(annotation):
                walk(inner)

    for model in MODELS.values():
        walk(model)
    return names


def _models_in(annotation: object) -> list[type]:
    found = []
    for arg in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(arg, type) and hasattr(arg, "model_fields"):
            found.append(arg)
        for inner in getattr(arg, "__args__", ()):
            if isinstance(inner, type) and hasattr(inner, "model_fields"):
                found.append(inner)
    return found


def test_every_field_the_templates_render_as_markdown_is_a_checked_field():
    rendered = set()
    for template in TEMPLATES.glob("*.j2"):
        rendered |= set(re.findall(r"\.(\w+)\s*\|\s*prose\b", template.read_text("utf-8")))
    assert rendered, "no `| prose` found in the templates"
    assert rendered <= markdown_fields(), rendered - markdown_fields()


# --- the attack, through validate and a real build ----------------------------------------------


def test_markdown_bombs_fail_validate_and_the_build_cleanly_with_every_problem(tmp_path):
    project = make_project(tmp_path / "project", SMALL_ARCHIVE)
    archive = project / "archive"
    article = archive / "articles" / "2010" / "2010-01-courier-memo.md"
    text = article.read_text("utf-8")
    text = text.replace(
        'summary: "The Courier reports a memo of the *Ministry of Records*."', f'summary: "{NESTED_LISTS}"'
    )
    text = text.replace('note: "Said a week later."', f'note: "{UNCLOSED_LINKS}"')
    article.write_text(text, "utf-8")
    leak = archive / "leaks" / "records-memo.yml"
    leak.write_text(
        leak.read_text("utf-8").replace(
            'summary: "An internal memo ordering the archive closed to the public."',
            f'summary: "{UNCLOSED_BRACKETS}"',
        ),
        "utf-8",
    )
    validated = run(["leakarchive", "validate", "--archive", "archive"], project)
    assert validated.returncode == 1
    lines = validated.stdout.splitlines()
    assert all(PROBLEM_LINE.match(line) for line in lines), lines
    expected = {
        "archive/articles/2010/2010-01-courier-memo.md:16:10: summary: expected lists and block quotes",
        "archive/articles/2010/2010-01-courier-memo.md:28:11: quotes[2].note: expected at most 300",
        "archive/leaks/records-memo.yml:19:10: summary: expected brackets that close",
    }
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, lines)
    assert len(lines) == 3

    built = build(project, check=False)
    assert built.returncode != 0
    assert "RecursionError" not in built.output and "Traceback" not in built.output
    assert "3 problems in the archive" in built.output
    for line in lines:
        assert line in built.output.splitlines()
    assert not (project / "site").exists()
