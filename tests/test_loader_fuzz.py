"""The loader never raises, whatever the bytes: hostile, truncated, binary or enormous.

Hypothesis is not a dependency, so inputs come from a seeded random generator (the same every
run, so a failure can be replayed) and from hand-written cases aimed at the parser's weak spots.
Every input also goes through validation, so no stage after the loader can raise on what the
loader lets through.
"""

from __future__ import annotations

import random
import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from forking import run_sharing_work

from leakarchive import budgets
from leakarchive.engine import load
from leakarchive.engine.load import decode, parse_text, read_record
from leakarchive.engine.pipeline import check_archive
from leakarchive.engine.validate import validate_record
from leakarchive.problems import Problem

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid" / "archive"
SEED = 20261125
TODAY = date(2026, 11, 25)
KINDS = ("article", "actor", "leak")

SAMPLES = {
    "article": (VALID / "articles/2010/2010-01-12-budget-memo-leaked.md").read_bytes(),
    "persian": (VALID / "articles/2010/2010-01-tuesday-memo-fa.md").read_bytes(),
    "actor": (VALID / "actors/example-times.yml").read_bytes(),
    "leak": (VALID / "leaks/budget-memo.yml").read_bytes(),
}

YAML_TOKENS = [
    b"---", b"...", b"- ", b": ", b"? ", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"!!python/object ",
    b"!", b"|", b">", b"#", b"'", b'"', b"\\", b"%YAML 1.1", b"%TAG ! tag:x:", b"\t", b"\n", b"\r\n",
    b"\r", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
    b"\xe2\x80\xae", b"\xe2\x80\x8b", b"\xe2\x80\x8c", b"\xc2\xa0", b"\xe2\x80\xa8", b"\x1b[2J", b"\x85",
    b"no", b"yes", b"~", b"null", b"2010-02-30", b"1_000", b"0x1F", b".inf", b"12:30", b"id: ", b"<<: ",
]  # fmt: skip


def check_result(text_or_bytes: bytes | str, record, problems: list[Problem]) -> None:
    """What every load must give: a record or a problem, each problem well formed."""
    assert record is not None
    assert isinstance(problems, list)
    if record.data is None:
        assert problems, "a record without data must come with the reason"
    if isinstance(text_or_bytes, bytes):
        lines = text_or_bytes.count(b"\n") + 2
    else:
        lines = text_or_bytes.count("\n") + 2
    for problem in problems:
        assert isinstance(problem, Problem)
        assert 1 <= problem.line <= lines + 1, problem
        assert problem.column >= 1, problem
        rendered = str(problem)
        assert "\n" not in rendered and "\r" not in rendered, rendered
        assert "\n" not in problem.github()
        rendered.encode("utf-8")  # printable: no lone surrogates
    if record.data is not None:
        # Validation of whatever the loader let through must not raise either.
        validate_record(record, TODAY)


def load_bytes(raw: bytes, kind: str) -> None:
    text, problem = decode(raw, "f")
    if problem is not None:
        assert text == ""
        check_result(raw, load.RawRecord(kind=kind, path="f", data=None), [problem])
        return
    record, problems = parse_text(text, kind, "f")
    check_result(text, record, problems)


def mutate(rng: random.Random, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        position = rng.randint(0, len(data))
        if choice < 0.25 and data:  # flip a byte
            data[min(position, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.5:  # insert a YAML token or a troublesome byte sequence
            data[position:position] = rng.choice(YAML_TOKENS)
        elif choice < 0.7:  # truncate
            del data[position:]
        elif choice < 0.85 and data:  # delete a slice
            del data[position : position + rng.randint(1, 20)]
        else:  # duplicate a slice (duplicate keys, repeated lines)
            end = min(len(data), position + rng.randint(1, 80))
            data[position:position] = data[position:end]
    return bytes(data)


# --- seeded random inputs ---------------------------------------------------------------------


def test_random_bytes_never_raise():
    rng = random.Random(SEED)
    for _ in range(600):
        raw = bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
        for kind in KINDS:
            load_bytes(raw, kind)


def test_random_token_soup_never_raises():
    rng = random.Random(SEED + 1)
    for _ in range(1500):
        raw = b"".join(rng.choice(YAML_TOKENS) for _ in range(rng.randint(0, 40)))
        load_bytes(raw, rng.choice(KINDS))
        load_bytes(b"---\n" + raw + b"\n---\nText.\n", "article")


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_mutated_valid_files_never_raise(sample: str):
    rng = random.Random(f"{SEED}-{sample}")
    raw = SAMPLES[sample]
    kind = "article" if sample in ("article", "persian") else sample
    for _ in range(500):
        load_bytes(mutate(rng, raw), kind)


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_every_truncation_never_raises(sample: str):
    """Cut the file at every byte: mid-key, mid-string, mid-UTF-8 sequence, inside the front matter."""
    raw = SAMPLES[sample]
    kind = "article" if sample in ("article", "persian") else sample
    for end in range(len(raw) + 1):
        load_bytes(raw[:end], kind)


def test_mutated_archives_never_raise(tmp_path: Path):
    """The whole pipeline, over archives whose files were mutated: problems, never an exception."""
    rng = random.Random(SEED + 2)
    files = sorted(path for path in VALID.rglob("*") if path.is_file())
    for round_number in range(25):
        archive = tmp_path / f"round-{round_number}" / "archive"
        shutil.copytree(VALID, archive)
        for path in rng.sample(files, 3):
            target = archive / path.relative_to(VALID)
            target.write_bytes(mutate(rng, path.read_bytes()))
        checked = check_archive(archive, root=archive.parent, today=TODAY)
        for problem in checked.problems:
            assert "\n" not in str(problem)


# --- hand-written hostile cases ---------------------------------------------------------------

DEEP = 100_000
HOSTILE: dict[str, bytes] = {
    "empty": b"",
    "lone document marker": b"---",
    "lone document marker, newline": b"---\n",
    "document end marker": b"...\n",
    "markers only": b"---\n---\n---\n...\n",
    "many documents": b"a: b\n---\n" * 1000,
    "NUL only": b"\x00",
    "NUL first": b"\x00id: x\n",
    "NUL inside a value": b"id: x\nname: Jo\x00hn\n",
    "NULs": b"\x00" * 10_000,
    "BOM only": b"\xef\xbb\xbf",
    "two BOMs": b"\xef\xbb\xbf\xef\xbb\xbfid: x\n",
    "BOM mid-file": b"id: x\n\xef\xbb\xbfname: y\n",
    "UTF-16 LE": "id: x\nname: y\n".encode("utf-16-le"),
    "UTF-16 with BOM": "id: x\n".encode("utf-16"),
    "UTF-32": "id: x\n".encode("utf-32"),
    "invalid UTF-8 first": b"\xff\xfeid: x\n",
    "invalid UTF-8 in a key": b"id: x\nna\xc3me: y\n",
    "invalid UTF-8 last": b"id: x\nname: y\n\xe2\x80",
    "overlong UTF-8": b"id: \xc0\xaf\n",
    "UTF-8 surrogate": b"id: \xed\xa0\x80\n",
    "beyond U+10FFFF": b"id: \xf4\x90\x80\x80\n",
    "lone continuation byte": b"\x80",
    "CR only": b"id: x\rname: y\rkind: person\r",
    "mixed line ends": b"id: x\r\nname: y\nkind: person\r",
    "brackets deep": b"[" * DEEP,
    "brackets deep, closed": b"[" * DEEP + b"]" * DEEP,
    "braces deep": b"{" * DEEP,
    "mapping of mappings deep": b"a: {" * DEEP + b"}" * DEEP,
    "block lists deep": b"- " * DEEP + b"x",
    "block mappings deep": b"".join(b"  " * i + b"a:\n" for i in range(2000)),
    "indentation huge": b"a:\n" + b" " * DEEP + b"b: c\n",
    "key huge": b"k" * 500_000 + b": v\n",
    "value huge": b"id: " + b"v" * 1_000_000 + b"\n",
    "line of quotes": b'"' * 100_000,
    "unterminated quote": b'id: "never closed\n' * 100,
    "unterminated block scalar": b"description: |\n",
    "billion laughs": b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + b"".join(b"%c: &%c [%s]\n" % (98 + i, 98 + i, b",".join([b"*%c" % (97 + i)] * 9)) for i in range(8)),
    "quadratic blowup": b"a: &a " + b"x" * 100_000 + b"\nb: [" + b"*a," * 10_000 + b"]\n",
    "undefined alias": b"a: *nowhere\n",
    "self alias": b"a: &a [*a]\n",
    "merge key": b"base: &b {id: x}\nother:\n  <<: *b\n",
    "python object tag": b"a: !!python/object/apply:os.system ['echo pwned']\n",
    "python name tag": b"a: !!python/name:os.system\n",
    "binary tag": b"a: !!binary aGk=\n",
    "local tag": b"a: !x b\n",
    "tag on a mapping": b"!!map {a: b}\n",
    "TAG directive": b"%TAG ! tag:evil.example,2000:\n---\na: !x b\n",
    "YAML directive": b"%YAML 1.1\n---\nid: x\n",
    "YAML 9.9": b"%YAML 9.9\n---\nid: x\n",
    "complex key": b"? [a, b]\n: c\n",
    "mapping as key": b"{a: b}: c\n",
    "empty key": b": x\n",
    "null key": b"~: x\n",
    "duplicate keys many": b"a: 1\n" * 10_000,
    "too many values": b"a: [" + b"1," * (budgets.MAX_YAML_NODES + 10) + b"]\n",
    "tab indentation": b"a:\n\t- b\n",
    "control character": b"a: \x07\n",
    "escape sequence": b'a: "\\e[2J\\e[31m"\n',
    "escaped surrogate": b'a: "\\ud800"\n',
    "escaped NUL": b'a: "\\0"\n',
    "bidi override": "title: \u202egpj.exe\n".encode(),
    "line separator": "title: a\u2028b\n".encode(),
    "NEL": b"title: a\xc2\x85b\n",
    "only comments": b"# nothing\n# here\n",
    "only a scalar": b"just text\n",
    "only a list": b"- a\n- b\n",
    "number": b"12\n",
    "anchor at the root": b"&root {a: b}\n",
}

ARTICLE_SHAPES = {
    "front matter unclosed": b"---\nid: x\n",
    "front matter only": b"---\nid: x\n---\n",
    "front matter empty": b"---\n---\n",
    "front matter with BOM and CRLF": b"\xef\xbb\xbf---\r\nid: x\r\n---\r\nText.\r\n",
    "front matter marker with spaces": b"--- \nid: x\n---   \nText.\n",
    "front matter marker indented": b" ---\nid: x\n---\n",
    "four dashes": b"----\nid: x\n----\n",
    "body of NULs": b"---\nid: x\n---\n\x00\x00",
    "body of brackets": b"---\nid: x\n---\n" + b"[" * DEEP,
    "dashes everywhere": b"---\n" * 10_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("kind", KINDS)
def test_hostile_input_never_raises(name: str, kind: str):
    raw = HOSTILE[name]
    started = time.perf_counter()
    load_bytes(raw, kind)
    if kind == "article":
        load_bytes(b"---\n" + raw + b"\n---\nText.\n", kind)
    assert time.perf_counter() - started < 5, "the loader must stay fast on hostile input"


@pytest.mark.parametrize("name", sorted(ARTICLE_SHAPES))
def test_hostile_article_shapes_never_raise(name: str):
    load_bytes(ARTICLE_SHAPES[name], "article")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("brackets deep", "expected at most 12 levels of nesting, found more"),
        ("braces deep", "expected a plain key, found a list or mapping used as a key"),
        ("billion laughs", "expected plain values, found a YAML anchor or alias"),
        ("quadratic blowup", "expected plain values, found a YAML anchor or alias"),
        ("python object tag", "found the YAML tag '!!python/object/apply:os.system'"),
        ("too many values", f"expected at most {budgets.MAX_YAML_NODES:,} values in one file"),
        ("duplicate keys many", "expected each key once, found 'a' again (first on line 1)"),
        ("NUL inside a value", "expected text, found a NUL byte"),
        ("UTF-16 with BOM", "expected UTF-8 text, found UTF-16"),
        ("control character", "expected text without control characters, found the character U+0007"),
        ("many documents", "expected one YAML document, found a second"),
    ],
)
def test_hostile_input_is_refused_with_a_reason(name: str, message: str):
    text, problem = decode(HOSTILE[name], "f")
    problems = [problem] if problem else parse_text(text, "actor", "f")[1]
    # Repeated keys are all reported, up to a limit, and the last says there were more.
    assert len(problems) == (budgets.MAX_REPEATED_KEYS + 1 if name == "duplicate keys many" else 1)
    assert message in problems[0].message


def test_control_character_is_located():
    """A character YAML refuses is reported at its line and column, not at 1:1."""
    _, problems = parse_text("id: x\nname: سه‌شنبه\x07\n", "actor", "f.yml")
    assert [str(p) for p in problems] == [
        "f.yml:2:14: expected text without control characters, found the character U+0007"
    ]
    _, problems = parse_text("---\nid: x\nname: a\x1b\n---\nText\n", "article", "f.md")
    assert [(p.line, p.column) for p in problems] == [(3, 8)]


def test_read_record_on_files(tmp_path: Path):
    """The file-reading path: sizes, unreadable files, folders where files should be."""
    big = tmp_path / "big.yml"
    with big.open("wb") as handle:
        handle.truncate(budgets.MAX_FILE_BYTES + 1)  # sparse: no megabytes written
    record, problems = read_record(big, "actor", "big.yml")
    assert record.data is None
    assert [p.message for p in problems] == [
        f"expected a file of at most {budgets.MAX_FILE_BYTES:,} bytes, found {budgets.MAX_FILE_BYTES + 1:,}"
    ]
    record, problems = read_record(tmp_path / "missing.yml", "actor", "missing.yml")
    assert record.data is None and problems[0].message.startswith("cannot read file")
    folder = tmp_path / "folder.yml"
    folder.mkdir()
    record, problems = read_record(folder, "actor", "folder.yml")
    assert record.data is None and len(problems) == 1


def test_random_files_through_read_record(tmp_path: Path):
    rng = random.Random(SEED + 3)
    path = tmp_path / "x.yml"
    for index in range(200):
        raw = mutate(rng, SAMPLES[rng.choice(sorted(SAMPLES))])
        path.write_bytes(raw)
        kind = KINDS[index % 3]
        record, problems = read_record(path, kind, "x.yml")
        check_result(raw, record, problems)


def outcome(text: str, positions: bool):
    """What parse_yaml makes of `text`: the data, or the problem it raises."""
    try:
        return load.parse_yaml(text, 1, positions=positions)[0]
    except load.YamlProblem as problem:
        return (problem.line, problem.column, problem.field, problem.message)


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_reading_without_positions_gives_the_same_data_and_problems(sample: str):
    """Files are read without tracking positions (found again when a message needs one): the
    data, and every problem with its line, column and field, must be those of a tracked read."""
    rng = random.Random(f"{SEED}-positions-{sample}")
    for _ in range(400):
        text, problem = decode(mutate(rng, SAMPLES[sample]), "x")
        if problem is None:
            assert outcome(text, positions=False) == outcome(text, positions=True), text


def test_positions_found_on_demand_match_a_tracked_read():
    raw = SAMPLES["leak"].decode("utf-8")
    record, problems = parse_text(raw, "leak", "leak.yml")
    assert problems == [] and record.data is not None
    _, values, keys = load.parse_yaml(raw, 0, positions=True)
    assert record.values == values and record.keys == keys and values


def read_archive(archive: Path) -> tuple:
    """What loading `archive` gives: each record's contents, and the problems."""
    loaded = load.load_archive(archive)
    return [(r.path, r.kind, r.data, r.body, r.folder) for r in loaded.records], loaded.problems


def test_a_large_archive_is_read_in_two_processes_with_the_same_result(tmp_path: Path):
    archive = tmp_path / "archive"
    shutil.copytree(VALID, archive)
    (archive / "actors" / "broken.yml").write_bytes(b"name: [unclosed\n")
    (archive / "leaks" / "binary.yml").write_bytes(b"\xff\xfe\x00")
    serial = read_archive(archive)
    pools, shared = run_sharing_work(
        read_archive, archive, minimums={"leakarchive.engine.load.PARALLEL_MIN_FILES": 2}
    )
    assert pools == 1
    assert shared == serial and len(serial[1]) == 2
