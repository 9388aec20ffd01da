"""Golden tests of `leakarchive validate`: fixture archives and the exact problems they produce.

Each folder under `fixtures/invalid/` holds an `archive/` with one kind of fault and, beside it,
`expected.txt`: the problem lines `leakarchive validate` prints, paths relative to the case folder.
Cases whose name says the input is fine have an empty `expected.txt`.

After a deliberate change to the messages, rewrite the expected files with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_validate_golden.py

and review the diff line by line: each message must name the field, what was expected and what
was found, at the right line and column.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from leakarchive import budgets
from leakarchive.engine.load import read_record
from leakarchive.engine.pipeline import check_archive
from leakarchive.model import MODELS
from leakarchive.problems import Problem
from leakarchive.tools.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
CASES = sorted(path for path in INVALID.iterdir() if path.is_dir())
TODAY = date(2026, 11, 25)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

VALID_CASES = {
    "bom-and-crlf-are-fine",
    "quote-disambiguated-by-prefix",
    "typography-forgiven",
    "yaml11-no-stays-text",
}
"""Cases that must produce no problem at all: an update may never quietly make others valid."""


def problem_lines(case: Path) -> list[str]:
    checked = check_archive(case / "archive", root=case, today=TODAY)
    return [str(problem) for problem in checked.problems]


# --- the golden cases -------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_golden(case: Path):
    actual = "".join(f"{line}\n" for line in problem_lines(case))
    expected_file = case / "expected.txt"
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8", newline="\n")
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_golden_case_is_valid_only_when_named_so(case: Path):
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    if case.name in VALID_CASES:
        assert expected == ""
    else:
        assert expected, f"{case.name} is meant to show a problem but expects none"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_golden_lines_point_into_real_files(case: Path):
    """Every expected line names a file of the case, a line inside it and a field or the file."""
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        path, line_number, column, rest = line.split(":", 3)
        file = case / path
        assert file.is_file(), line
        assert int(line_number) >= 1 and int(column) >= 1, line
        assert int(line_number) <= file.read_bytes().count(b"\n") + 1, line
        assert rest.startswith(" ") and "expected" in rest, line


def test_every_case_is_a_committed_folder():
    assert {case.name for case in CASES} >= {
        "yaml-syntax",
        "duplicate-key",
        "unknown-key",
        "missing-field",
        "wrong-type",
        "yaml11-no-stays-text",
        "yaml-tag",
        "alias-bomb",
        "deep-nesting",
        "not-utf8",
        "bom-and-crlf-are-fine",
        "bad-slug",
        "id-not-filename",
        "duplicate-id",
        "unknown-actor-ref",
        "unknown-leak-ref",
        "quote-not-found",
        "quote-ambiguous",
        "quote-disambiguated-by-prefix",
        "passage-id-twice",
        "quoted-leak-not-listed",
        "typography-forgiven",
        "words-not-forgiven",
        "checksum-drift",
        "impossible-date",
        "future-date",
        "non-http-url",
        "bad-status",
        "empty-body",
        "control-and-bidi-chars",
        "shared-alias",
        "stray-file",
        "year-folder-mismatch",
        "front-matter",
        "multiple-problems",
    }


# --- the valid fixture ------------------------------------------------------------------------


def test_valid_fixture_has_no_problems():
    checked = check_archive(VALID / "archive", root=VALID, today=TODAY)
    assert [str(p) for p in checked.problems] == []
    graph = checked.graph
    assert list(graph.articles) == [  # newest first; "2010-01" sorts before its days
        "2010-01-12-budget-memo-leaked",
        "2010-01-tuesday-memo-fa",
        "rally-briefing-recording",
    ]
    assert sorted(graph.actors) == [
        "civic-watch",
        "example-times",
        "jane-doe",
        "ministry-of-examples",
        "mirror-news",
        "ruzname-nemune",
    ]
    assert sorted(graph.leaks) == ["budget-memo", "rally-recording"]


def test_valid_fixture_uses_every_field():
    """Every field of every model appears in some file of the valid fixture."""
    seen: dict[str, set[tuple[str, ...]]] = {kind: set() for kind in MODELS}
    for path in sorted((VALID / "archive").rglob("*.*")):
        kind = {"articles": "article", "actors": "actor", "leaks": "leak"}[path.relative_to(VALID).parts[1]]
        record, problems = read_record(path, kind, path.name)
        assert problems == []
        for field_path in record.values:
            seen[kind].add(tuple(part for part in field_path if isinstance(part, str)))

    def fields(model, prefix=()):
        for name, info in model.model_fields.items():
            yield (*prefix, name)
            for arg in _models_in(info.annotation):
                yield from fields(arg, (*prefix, name))

    for kind, model in MODELS.items():
        missing = set(fields(model)) - seen[kind]
        assert not missing, f"{kind}: no valid fixture uses {sorted(missing)}"


def _models_in(annotation):
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def test_valid_fixture_persian_article():
    checked = check_archive(VALID / "archive", root=VALID, today=TODAY)
    article = checked.graph.articles["2010-01-tuesday-memo-fa"]
    model = article.entry.model
    assert model.language == "fa"
    assert "\u200c" in model.title  # the ZWNJ of "سه‌شنبه" is kept, not refused or stripped
    assert "سه\u200cشنبه" in article.entry.body
    body = article.entry.body
    # The quote has a hyphen and no guillemets; the text has an em dash inside « »: it is found.
    (quote,) = article.quotes
    assert body[quote.span.start : quote.span.end] == "این یادداشت جعلی نیست — اما کامل هم نیست."
    dated, tuesday = article.annotations
    assert body[dated.span.start : dated.span.end] == "۱۲\u00a0دی ۱۳۸۸"  # NBSP in the text
    assert body[tuesday.span.start : tuesday.span.end] == "روز سه\u200cشنبه"
    assert {m.actor for m in article.mentions} == {"ruzname-nemune", "ministry-of-examples", "jane-doe"}


def test_valid_fixture_english_article_anchors():
    checked = check_archive(VALID / "archive", root=VALID, today=TODAY)
    article = checked.graph.articles["2010-01-12-budget-memo-leaked"]
    body = article.entry.body
    texts = [body[q.span.start : q.span.end] for q in article.quotes]
    assert texts == [
        "The cuts will fall on the provinces first — and hardest,",
        "we will not comment",
        "we will not comment",
    ]
    first, second = article.quotes[1].span, article.quotes[2].span
    assert body[first.end : first.end + 2] == ".”"  # the one after "said:"
    assert body[second.end :].startswith(" until the audit")
    notes = [body[n.span.start : n.span.end] for n in article.annotations]
    assert notes == ["There is no way to verify the memo.", "plans\ndeep cuts", "12\u00a0January 2010"]
    # Anchors come from the passage (and the prefix or suffix of a repeat), or an `id` of its own.
    assert [q.anchor for q in article.quotes] == [
        "quote-the-cuts-will-fall-on-the",
        "quote-of-examples-said-we-will-not-comment",
        "quote-no-comment-until-audit",
    ]
    assert [n.anchor for n in article.annotations] == [
        "note-there-is-no-way-to-verify",
        "note-ministry-of-examples-plans-deep-cuts",
        "note-memo-date",
    ]


def test_year_precision_is_kept():
    checked = check_archive(VALID / "archive", root=VALID, today=TODAY)
    year_only = checked.graph.articles["rally-briefing-recording"].entry.model.date
    month_only = checked.graph.articles["2010-01-tuesday-memo-fa"].entry.model.date
    assert (str(year_only), year_only.precision) == ("2009", "year")
    assert (str(month_only), month_only.precision) == ("2010-01", "month")


# --- what a golden file cannot show -----------------------------------------------------------


def test_yaml11_values_stay_text():
    """`no`, `yes`, `2010`, `on`, `1_000`, `0x1F`, `12:30`: what was written is what is read."""
    case = INVALID / "yaml11-no-stays-text" / "archive"
    article, problems = read_record(
        case / "articles/2010/2010-01-12-budget-memo-leaked.md", "article", "article"
    )
    assert problems == []
    assert article.data["language"] == "no"  # Norwegian, not false
    assert article.data["title"] == "2010"  # a title, not an integer
    assert article.data["date"] == "2010-01-12"  # text; the model parses it, keeping precision
    leak, _ = read_record(case / "leaks/budget-memo.yml", "leak", "leak")
    assert leak.data["title"] == "yes"
    actor, _ = read_record(case / "actors/on-air.yml", "actor", "actor")
    assert actor.data["name"] == "Off"
    assert actor.data["aliases"] == ["ON", "y", "1_000", "0x1F", "12:30", "2010-01-12", "1e3"]
    checked = check_archive(case, root=case.parent, today=TODAY)
    model = checked.graph.articles["2010-01-12-budget-memo-leaked"].entry.model
    assert (model.language, model.title) == ("no", "2010")
    assert checked.graph.leaks["budget-memo"].model.title == "yes"


def test_bom_and_crlf_are_read_as_plain_text():
    case = INVALID / "bom-and-crlf-are-fine" / "archive"
    path = case / "articles/2010/2010-01-12-budget-memo-leaked.md"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf---\r\n")  # git must not convert it
    record, problems = read_record(path, "article", "article")
    assert problems == []
    assert record.data["id"] == "2010-01-12-budget-memo-leaked"
    assert "\r" not in record.body and "\ufeff" not in record.body


def _copy_valid(tmp_path: Path) -> Path:
    shutil.copytree(VALID / "archive", tmp_path / "archive")
    return tmp_path / "archive"


def test_too_large_file(tmp_path: Path):
    """A file over the limit is refused unread; one at the limit is read. Made here, not committed."""
    archive = _copy_valid(tmp_path)

    def actor(entity_id: str, size: int) -> bytes:
        head = f"id: {entity_id}\nname: {entity_id.title()}\nkind: organization\n# ".encode()
        return head + b"x" * (size - len(head) - 1) + b"\n"  # a long comment fills it up

    (archive / "actors/huge.yml").write_bytes(actor("huge", budgets.MAX_FILE_BYTES + 1))
    (archive / "actors/at-limit.yml").write_bytes(actor("at-limit", budgets.MAX_FILE_BYTES))
    assert (archive / "actors/at-limit.yml").stat().st_size == budgets.MAX_FILE_BYTES
    lines = [str(p) for p in check_archive(archive, root=tmp_path, today=TODAY).problems]
    assert lines == [
        "archive/actors/huge.yml:1:1: expected a file of at most 2,097,152 bytes, found 2,097,153",
    ]


def test_symlinks_are_refused_and_not_followed(tmp_path: Path):
    archive = _copy_valid(tmp_path)
    outside = tmp_path / "outside.yml"
    outside.write_text("id: outside\nname: Outside\nkind: person\nbogus: key\n", encoding="utf-8")
    try:
        (archive / "actors/alias-of-jane.yml").symlink_to(archive / "actors/jane-doe.yml")
        (archive / "actors/outside.yml").symlink_to(outside)
        (archive / "articles/2011").symlink_to(archive / "articles/2010", target_is_directory=True)
        (archive / "leaks/dangling.yml").symlink_to(tmp_path / "nowhere.yml")
    except (OSError, NotImplementedError) as error:  # pragma: no cover - e.g. Windows without rights
        pytest.skip(f"cannot create symbolic links here: {error}")
    lines = [str(p) for p in check_archive(archive, root=tmp_path, today=TODAY).problems]
    assert lines == [
        "archive/actors/alias-of-jane.yml:1:1: expected a regular file, found a symbolic link",
        "archive/actors/outside.yml:1:1: expected a regular file, found a symbolic link",
        "archive/articles/2011:1:1: expected a regular file, found a symbolic link",
        "archive/leaks/dangling.yml:1:1: expected a regular file, found a symbolic link",
    ]


def test_missing_archive_folder(tmp_path: Path):
    lines = [str(p) for p in check_archive(tmp_path / "archive", root=tmp_path, today=TODAY).problems]
    assert lines == ["archive:1:1: expected a folder, found none"]


def test_problem_lines_stay_single_lines_with_hostile_names(tmp_path: Path):
    """A file name with a line break or an escape cannot forge or hide a problem line."""
    archive = _copy_valid(tmp_path)
    try:
        (archive / "actors/evil\nname\x1b[2J.yml").write_text("id: x\nname: X\nkind: person\n")
    except OSError:  # pragma: no cover - file systems that refuse such names
        pytest.skip("this file system refuses control characters in names")
    problems = check_archive(archive, root=tmp_path, today=TODAY).problems
    assert [str(p) for p in problems] == [
        "archive/actors/evil\\nname\\x1b[2J.yml:1:5: id: expected the file name 'evil\\nname\\x1b[2J', "
        "found 'x' (rename the file to x.yml)"
    ]
    (github,) = (p.github() for p in problems)
    assert "\n" not in github and "\x1b" not in github


def test_duplicate_ids_are_compared_case_insensitively():
    """`Jane-Doe.yml` and `jane-doe.yml` are one file on macOS and Windows, one page anywhere:
    the file whose name is its id keeps it, the misnamed one is reported."""
    case = INVALID / "duplicate-id"
    checked = check_archive(case / "archive", root=case, today=TODAY)
    assert {p.path for p in checked.problems} == {
        "archive/actors/Jane-Doe.yml",
        "archive/articles/2011/2010-01-12-budget-memo-leaked.md",
    }
    assert checked.graph.actors["jane-doe"].record.path == "archive/actors/jane-doe.yml"
    assert checked.graph.actors["jane-doe"].model.aliases == ["Ms. Doe"]


def test_a_broken_file_is_not_reported_again_by_its_references():
    """One mistake, one message: an article quoting `jane-doe` whose file has an unknown key gets
    no "unknown actor" problem of its own; a real typo still does, with the broken id suggested."""
    lines = problem_lines(INVALID / "multiple-problems")
    assert not any("found 'jane-doe', which is none" in line for line in lines)
    assert any(
        "found 'example-time', which is none (did you mean 'example-times'?)" in line for line in lines
    )


# --- the command ------------------------------------------------------------------------------


def test_cli_validate_valid_archive(capsys):
    assert main(["validate", "--archive", str(VALID / "archive")]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("\n3 articles, 6 actors, 2 leaks: no problems\n")
    assert err.startswith("mentions: articles naming each actor, most first: ")


@pytest.mark.parametrize("case", ["unknown-key", "not-utf8", "stray-file", "quote-not-found"])
def test_cli_validate_prints_the_golden_lines(case: str, capsys):
    """With the default root (the folder holding `archive/`), the command prints expected.txt."""
    folder = INVALID / case
    assert main(["validate", "--archive", str(folder / "archive")]) == 1
    out, err = capsys.readouterr()
    assert out == (folder / "expected.txt").read_text(encoding="utf-8")
    count = len(out.splitlines())
    assert err.endswith(f": {count} problem{'s' if count != 1 else ''}\n")


def test_cli_validate_github_format(capsys):
    folder = INVALID / "unknown-key"
    assert main(["validate", "--archive", str(folder / "archive"), "--format", "github"]) == 1
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=archive/actors/jane-doe.yml,line=6,col=1::alias: unknown key 'alias' "
        "(did you mean 'aliases'?); expected one of: id, name, kind, anonymous, names, aliases, "
        "broad_aliases, description, wikidata, affiliation, links, previous_ids"
    )
    assert len(lines) == len((folder / "expected.txt").read_text(encoding="utf-8").splitlines())
    assert all(line.startswith("::error file=archive/") for line in lines)


def test_a_missing_folder_is_one_problem(tmp_path: Path):
    """For the plugin, which has no usage errors (the CLI refuses the path first: test_cli_errors)."""
    checked = check_archive(tmp_path / "nope")
    assert [str(problem) for problem in checked.problems] == ["nope:1:1: expected a folder, found none"]


def test_cli_schema(tmp_path: Path, capsys):
    assert main(["schema", "--output", str(tmp_path)]) == 0
    out, _ = capsys.readouterr()
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == ["actor.schema.json", "article.schema.json", "leak.schema.json"]
    assert out.count("wrote ") == 3
    for kind, model in MODELS.items():
        schema = json.loads((tmp_path / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert set(schema["properties"]) == set(model.model_fields)
        assert set(schema["required"]) == {n for n, f in model.model_fields.items() if f.is_required()}
        assert schema["additionalProperties"] is False


def test_schemas_accept_the_valid_fixture_and_refuse_a_fault(tmp_path: Path):
    """Editors using the schemas agree with the validator."""
    import jsonschema

    main(["schema", "--output", str(tmp_path)])
    schemas = {
        kind: json.loads((tmp_path / f"{kind}.schema.json").read_text(encoding="utf-8")) for kind in MODELS
    }
    folders = {"articles": "article", "actors": "actor", "leaks": "leak"}
    for path in sorted((VALID / "archive").rglob("*.*")):
        kind = folders[path.relative_to(VALID / "archive").parts[0]]
        record, _ = read_record(path, kind, path.name)
        data = {key: value for key, value in record.data.items()}
        jsonschema.validate(data, schemas[kind])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "name": "X", "kind": "people"}, schemas["actor"])


def test_problem_sorting_is_by_file_then_line():
    lines = problem_lines(INVALID / "multiple-problems")
    files = {line.split(":", 1)[0] for line in lines}
    assert len(files) >= 5  # problems from several files, all in one run
    keys = [(p.split(":")[0], int(p.split(":")[1]), int(p.split(":")[2])) for p in lines]
    assert keys == sorted(keys)
    assert Problem("a", 2, 1, "", "m") > Problem("a", 1, 9, "", "m")


def test_tags_that_would_collide_with_listing_pages_are_refused(tmp_path):
    """A tag 'index' or 'page-2' would have the URL of a page of the tags list."""
    source = VALID / "archive"
    archive = tmp_path / "archive"
    shutil.copytree(source, archive)
    article = next(path for path in sorted(archive.rglob("*.md")) if "\ntags:" in path.read_text("utf-8"))
    text = article.read_text(encoding="utf-8")
    assert "\ntags:" in text
    text = text.replace("\ntags:", "\ntags:\n  - index\n  - page-2", 1)
    article.write_text(text, encoding="utf-8")
    checked = check_archive(archive, root=tmp_path, today=TODAY)
    messages = [p.message for p in checked.problems if p.field.startswith("tags")]
    assert messages == [
        "expected a tag other than 'index', which names a page of the list of tags",
        "expected a tag other than 'page-2', which names a page of the list of tags",
    ]
