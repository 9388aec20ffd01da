"""Stage 1, load: read every file under `archive/` into raw records that know where each value is.

The loader never raises on any input. It refuses what a safe archive must not contain (symlinks,
huge files, non-UTF-8 text, YAML tags, anchors and aliases, duplicate keys, absurd nesting) and
reports each refusal as a Problem with file, line and column.

YAML is read event by event and every scalar is kept as the text the contributor wrote: only a
plain `null`, `~` or nothing means "no value". Typing is the model's job, so YAML 1.1 surprises
(`no` -> false, `1_000` -> 1000, `2010-01-12` -> a date object) cannot happen.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import urls
from ..budgets import MAX_FILE_BYTES, MAX_REPEATED_KEYS, MAX_YAML_DEPTH, MAX_YAML_NODES
from ..errors import LeakArchiveError
from ..problems import Problem, field_name
from ..urls import PageKind
from . import parallel

try:  # libyaml is several times faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # the same parser in Python

Kind = PageKind  # the kinds of archive file are the kinds of entity page
FieldPath = tuple[str | int, ...]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(frozen=True)
class Position:
    """Where a value starts in its file, 1-based."""

    line: int
    column: int


@dataclass
class RawRecord:
    """One archive file as read: its data, where each value stands, and its body (articles)."""

    kind: Kind
    path: str  # relative to the project root, POSIX separators: used in every message
    data: dict[str, object] | None  # None when the YAML could not be read
    body: str | None = None  # the article text after the front matter (articles only)
    body_line: int = 1  # the line where the body starts
    folder: str = ""  # the folder below the kind's folder (an article's year)
    lines: _Lines | None = None  # the YAML text and its line ends, to place offsets
    comments: dict[FieldPath, str] = field(default_factory=dict)
    """Comments after plain values ('title: Acme memo # leaked by Jane'), by field: YAML drops
    them from the value, which validate reports for text fields."""
    _positions: tuple[dict[FieldPath, int], dict[FieldPath, int]] | None = field(
        default=None, compare=False, repr=False
    )

    @property
    def values(self) -> dict[FieldPath, int]:
        """Where each value starts, by field path, as a character offset into the YAML text."""
        return self._position_tables()[0]

    @property
    def keys(self) -> dict[FieldPath, int]:
        """Where each mapping key starts, by field path, as a character offset."""
        return self._position_tables()[1]

    def _position_tables(self) -> tuple[dict[FieldPath, int], dict[FieldPath, int]]:
        # Found by reading the YAML again when a message first needs a place: most files never
        # do, and tracking every value's path while loading is a sixth of the loading time.
        if self._positions is None:
            if self.data is None or self.lines is None:
                self._positions = ({}, {})
            else:
                _, values, keys = parse_yaml(self.lines.text, self.lines.line_offset, positions=True)
                self._positions = (values, keys)
        return self._positions

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """The position of a field, or of its nearest enclosing value when it is absent."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            found = table.get(path[:end])
            if found is None:
                found = self.values.get(path[:end])
            if found is not None and self.lines is not None:
                return self.lines.at(found)
        return Position(1, 1)

    def problem(self, path: FieldPath, field_label: str, message: str, *, key: bool = False):
        """A Problem located at the field `path` of this record."""
        where = self.position(path, key=key)
        return Problem(self.path, where.line, where.column, field_label, message)


@dataclass
class LoadResult:
    """Everything read from an archive folder, and everything that could not be read."""

    records: list[RawRecord]
    problems: list[Problem]


# --- walking the archive --------------------------------------------------------------------

_LAYOUT: dict[str, tuple[Kind, str, int]] = {
    # folder (named in urls.py): (kind, file extension, depth of sub-folders)
    urls.source_folder("article"): ("article", ".md", 1),
    urls.source_folder("actor"): ("actor", ".yml", 0),
    urls.source_folder("leak"): ("leak", ".yml", 0),
}


@dataclass(frozen=True)
class ArchiveFile:
    """A file of the archive to read: where it is and what the layout says it holds."""

    path: str  # as found on disk
    kind: Kind
    label: str  # the path in messages: relative to the project root, POSIX separators
    folder: str  # the folder below the kind's folder (an article's year), or ""


def load_archive(archive_dir: Path, root: Path | None = None) -> LoadResult:
    """Read every file under `archive_dir`; paths in problems are relative to `root`."""
    files, problems = archive_files(archive_dir, root)
    return loaded(files, parallel.map_in_two(read_file, files, minimum=PARALLEL_MIN_FILES), problems)


def loaded(
    files: list[ArchiveFile], reads: list[tuple[RawRecord, list[Problem]]], problems: list[Problem]
) -> LoadResult:
    """The archive as read: `reads[i]` is what `read_file(files[i])` gave; `problems` come first."""
    records: list[RawRecord] = []
    found = list(problems)
    for record, file_problems in reads:
        found.extend(file_problems)
        records.append(record)
    return LoadResult(records, found)


def archive_files(archive_dir: Path, root: Path | None = None) -> tuple[list[ArchiveFile], list[Problem]]:
    """Every file under `archive_dir` in the archive's layout, sorted, and a problem for each
    file or folder outside it."""
    root = root or archive_dir.parent
    problems: list[Problem] = []
    # Paths stay strings here: a Path object per file costs more than reading a small file.
    root_prefix = os.path.join(os.path.abspath(root), "")

    def rel(path: str) -> str:
        absolute = os.path.abspath(path)
        if absolute.startswith(root_prefix):
            return absolute[len(root_prefix) :].replace(os.sep, "/")
        return Path(path).as_posix()

    if not archive_dir.is_dir():
        return [], [Problem(rel(str(archive_dir)), 1, 1, "", "expected a folder, found none")]
    archive_prefix = os.path.join(str(archive_dir), "")
    files: list[ArchiveFile] = []
    for path in _walk(str(archive_dir), problems, rel):
        parts = path[len(archive_prefix) :].split(os.sep)
        layout = _LAYOUT.get(parts[0]) if len(parts) > 1 else None
        if layout is None:
            expected = ", ".join(f"{name}/" for name in _LAYOUT)
            problems.append(
                Problem(rel(path), 1, 1, "", f"expected a file inside {expected}; found it elsewhere")
            )
            continue
        kind, suffix, depth = layout
        if os.path.splitext(path)[1] != suffix or len(parts) != depth + 2:
            shape = f"{parts[0]}/YYYY/<id>{suffix}" if depth else f"{parts[0]}/<id>{suffix}"
            problems.append(Problem(rel(path), 1, 1, "", f"expected a file named like archive/{shape}"))
            continue
        files.append(ArchiveFile(path, kind, rel(path), parts[1] if depth else ""))
    return files, problems


PARALLEL_MIN_FILES = 2000
"""From this many files to read, a forked child reads half of them (see parallel.py)."""


def read_file(file: ArchiveFile) -> tuple[RawRecord, list[Problem]]:
    """Read one file of the archive into a record, with the problems found reading it."""
    record, problems = read_record(file.path, file.kind, file.label)
    record.folder = file.folder
    return record, problems


def _walk(folder: str, problems: list[Problem], rel) -> list[str]:
    """All regular files below `folder`, sorted; symlinks are reported and never followed."""
    found: list[str] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Problem(rel(current), 1, 1, "", f"cannot read folder: {error.strerror}"))
            continue
        for entry in entries:
            if entry.is_symlink():
                problems.append(
                    Problem(rel(entry.path), 1, 1, "", "expected a regular file, found a symbolic link")
                )
            elif entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif entry.name in (".gitkeep", ".DS_Store"):
                continue
            elif entry.is_file(follow_symlinks=False):
                found.append(entry.path)
            else:
                problems.append(Problem(rel(entry.path), 1, 1, "", "expected a regular file"))
    # Sorted by path parts, as Path objects sort: "a/b" before "a-c" whatever the characters.
    return sorted(found, key=lambda path: path.split(os.sep))


# --- reading one file -----------------------------------------------------------------------


def read_record(path: str | os.PathLike[str], kind: Kind, label: str) -> tuple[RawRecord, list[Problem]]:
    """Read one archive file. Never raises: every failure comes back as a Problem."""
    record = RawRecord(kind=kind, path=label, data=None)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                message = f"expected a file of at most {MAX_FILE_BYTES:,} bytes, found {size:,}"
                return record, [Problem(label, 1, 1, "", message)]
            raw = handle.read()
    except OSError as error:
        return record, [Problem(label, 1, 1, "", f"cannot read file: {error.strerror}")]
    text, problem = decode(raw, label)
    if problem:
        return record, [problem]
    return parse_text(text, kind, label)


def decode(raw: bytes, label: str) -> tuple[str, Problem | None]:
    """UTF-8 text with LF line ends; a BOM and CRLF are accepted and dropped."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # a UTF-16 byte order mark: say so
        return "", Problem(label, 1, 1, "", "expected UTF-8 text, found UTF-16 (save the file as UTF-8)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        message = f"expected UTF-8 text, found the byte 0x{byte} (save the file as UTF-8)"
        return "", Problem(label, line, column, "", message)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return "", Problem(label, line, 1, "", "expected text, found a NUL byte (a binary file?)")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def parse_text(text: str, kind: Kind, label: str) -> tuple[RawRecord, list[Problem]]:
    """Split front matter from body (articles) and parse the YAML."""
    record = RawRecord(kind=kind, path=label, data=None)
    yaml_text, line_offset = text, 0
    if kind == "article":
        first_end = text.find("\n")
        if text[: first_end if first_end != -1 else len(text)].rstrip() != "---":
            message = "expected the file to start with a line '---' opening the front matter"
            return record, [Problem(label, 1, 1, "", message)]
        closing = _CLOSING.search(text, first_end) if first_end != -1 else None
        if closing is None:
            message = "expected a line '---' closing the front matter, found none"
            return record, [Problem(label, 1, 1, "", message)]
        yaml_text = text[first_end + 1 : closing.start() + 1]
        line_offset = 1
        record.body = text[closing.end() + 1 :]
        record.body_line = text.count("\n", 0, closing.end()) + 2
    try:
        data, values, keys = parse_yaml(yaml_text, line_offset, positions=False, comments=record.comments)
    except YamlProblem as error:
        return record, [Problem(label, e.line, e.column, e.field, e.message) for e in (error, *error.more)]
    if not isinstance(data, dict):
        found = "nothing" if data is None else "a list" if isinstance(data, list) else "text"
        what = "front matter" if kind == "article" else "file"
        message = f"expected the {what} to be a mapping of fields (key: value), found {found}"
        return record, [Problem(label, line_offset + 1, 1, "", message)]
    record.data = data
    record.lines = _Lines(yaml_text, line_offset)
    if values:  # read with positions already (a comment to place): keep them
        record._positions = (values, keys)
    return record, []


_CLOSING = re.compile(r"\n---[ \t]*(?=\n|\Z)")


# --- YAML, event by event -------------------------------------------------------------------


class YamlProblem(LeakArchiveError):
    """YAML that cannot be read or is not allowed in the archive."""

    def __init__(self, line: int, column: int, message: str, field: str = ""):
        super().__init__(message)
        self.line, self.column, self.message, self.field = line, column, message, field
        self.more: list[YamlProblem] = []  # further problems of the same file (duplicate keys)


class _NeedsPositions(LeakArchiveError):
    """Raised by the fast parse when a file needs its positions read (see parse_yaml)."""


def parse_yaml(
    text: str, line_offset: int = 0, *, positions: bool = True, comments: dict[FieldPath, str] | None = None
) -> tuple[object, dict[FieldPath, int], dict[FieldPath, int]]:
    """Parse one YAML document into str/list/dict/None, with the offset of every value and key
    (empty maps when `positions` is false: faster, for files that turn out to need none).

    Builds the tree from parser events, without recursion, so depth and size are checked before
    anything large is built (libyaml's own composer recurses in C and crashes on deep nesting).
    Raises YamlProblem, with the place and the field, for YAML that cannot be read or is refused
    (every duplicate key of the file in its `more`). With a `comments` table, fills it with the
    comment after each plain value, by field (read with positions if there is one).
    """
    if positions:
        return _parse_yaml(text, line_offset, positions=True, comments=comments)
    try:
        return _parse_yaml(text, line_offset, positions=False, comments=comments)
    except (YamlProblem, _NeedsPositions):
        # Without positions the problem's field may be unknown: read again to raise it exactly.
        return _parse_yaml(text, line_offset, positions=True, comments=comments)


def _parse_yaml(
    text: str, line_offset: int, *, positions: bool, comments: dict[FieldPath, str] | None = None
) -> tuple[object, dict[FieldPath, int], dict[FieldPath, int]]:
    builder = _TreeBuilder(text, _Lines(text, line_offset), positions, comments)
    loader = _Loader(text)
    try:
        root = builder.build(loader)
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(error, builder.lines) from None
    except yaml.reader.ReaderError as error:
        raise _reader_problem(text, error, line_offset) from None
    except yaml.YAMLError as error:  # pragma: no cover - every other YAMLError is marked
        raise YamlProblem(1 + line_offset, 1, f"expected valid YAML, found: {error}") from None
    except RecursionError:
        raise YamlProblem(1 + line_offset, 1, "expected YAML of sensible depth") from None
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose:
            dispose()
    return root, builder.values, builder.keys


@dataclass(slots=True)
class _OpenMapping:
    """A mapping being read: its entries so far, its field path, and the key awaiting its value
    (None until the next key is read)."""

    node: dict[str, object]
    path: FieldPath
    key: str | None = None

    def put(self, value: object) -> None:
        """Give the awaiting key its value."""
        self.node[self.key] = value  # type: ignore[index]  # a value only ever follows its key
        self.key = None


@dataclass(slots=True)
class _OpenSequence:
    """A list being read: its items so far and its field path."""

    node: list[object]
    path: FieldPath

    def put(self, value: object) -> None:
        """Add the next item."""
        self.node.append(value)


_Open = _OpenMapping | _OpenSequence


class _TreeBuilder:
    """One YAML document built from parser events into str/list/dict/None, without recursion, so
    depth and size are checked before anything large is built. With `positions`, notes where
    each value and key starts (`values`, `keys`); without, it raises YamlProblem or
    _NeedsPositions as soon as a message would need a field's path (see parse_yaml)."""

    def __init__(self, text: str, lines: _Lines, positions: bool, comments: dict[FieldPath, str] | None):
        self.text, self.lines, self.positions, self.comments = text, lines, positions, comments
        self.values: dict[FieldPath, int] = {}
        self.keys: dict[FieldPath, int] = {}
        self.stack: list[_Open] = []  # the containers open around the next value, innermost last
        self.duplicates: list[YamlProblem] = []
        self.root: object = None

    def build(self, loader: Any) -> object:
        """Read every event of `loader`; the document, or YamlProblem (or a PyYAML error)."""
        # This loop runs once per value of every file: it dispatches on the event's exact type
        # (faster than isinstance). Any: mypy does not follow that dispatch.
        stack, scalar, open_container = self.stack, self._scalar, self._open
        documents = nodes = 0
        while True:
            event: Any = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    self._refuse_anchor_or_tag(event)
                nodes += 1
                if nodes > MAX_YAML_NODES:
                    raise self.fail(
                        event.start_mark.index, f"expected at most {MAX_YAML_NODES:,} values in one file"
                    )
                if kind is yaml.ScalarEvent:
                    scalar(event)
                else:
                    open_container(event, kind is yaml.MappingStartEvent)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                finished = stack.pop().node
                if stack:
                    stack[-1].put(finished)
                else:
                    self.root = finished
            elif kind is yaml.AliasEvent:
                raise self.fail(event.start_mark.index, _ANCHOR_MESSAGE, self._next_path())
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fail(event.start_mark.index, "expected one YAML document, found a second")
            elif kind is yaml.StreamEndEvent:
                break
        if self.duplicates:
            self.duplicates[0].more = self.duplicates[1:]
            raise self.duplicates[0]
        return self.root

    def fail(self, index: int, message: str, path: FieldPath = ()) -> YamlProblem:
        """A problem at the character offset `index`, about the field at `path`."""
        where = self.lines.at(index)
        return YamlProblem(where.line, where.column, message, field_name(path))

    def _next_path(self) -> FieldPath:
        return _path_of_next(self.stack[-1] if self.stack else None)

    def _refuse_anchor_or_tag(self, event: Any) -> None:
        """Raise for an anchor (&name) or a YAML tag; the non-specific tag '!' is let through."""
        if event.anchor is not None:
            raise self.fail(event.start_mark.index, _ANCHOR_MESSAGE, self._next_path())
        if event.tag != "!":
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            message = f"expected a plain value, found the YAML tag '{tag}': tags are not allowed"
            raise self.fail(event.start_mark.index, message, self._next_path())

    def _scalar(self, event: Any) -> None:
        """A plain or quoted value, or a mapping's key: kept as written, only plain nulls None."""
        value = event.value
        if not event.style and value in _NULLS:
            value = None
        frame = self.stack[-1] if self.stack else None
        if type(frame) is _OpenMapping and frame.key is None:
            if self.positions or type(value) is not str or value in frame.node:
                self._key(frame, value, event.start_mark.index)  # to check, note, or report
            else:
                frame.node[value] = None  # replaced by the value when it arrives
                frame.key = value
            return
        end = event.end_mark.index
        if self.comments is not None and not event.style and self.text[end : end + 1] in (" ", "\t"):
            self._comment(end, frame)
        if self.positions:
            self.values[_path_of_next(frame)] = event.start_mark.index
        if frame is None:
            self.root = value
        else:
            frame.put(value)

    def _comment(self, end: int, frame: _Open | None) -> None:
        """Keep the comment after a plain value ('title: Acme memo # leaked by Jane'), by field."""
        comment = _TRAILING_COMMENT.match(self.text, end)
        if comment and not self.positions:
            raise _NeedsPositions
        if comment and self.comments is not None:
            self.comments[_path_of_next(frame)] = comment.group(1)

    def _open(self, event: Any, mapping: bool) -> None:
        """A mapping or a list opens, inside the innermost open container."""
        index = event.start_mark.index
        frame = self.stack[-1] if self.stack else None
        if type(frame) is _OpenMapping and frame.key is None:
            raise self.fail(index, "expected a plain key, found a list or mapping used as a key", frame.path)
        here = _path_of_next(frame) if self.positions else ()
        if len(self.stack) >= MAX_YAML_DEPTH:
            raise self.fail(index, f"expected at most {MAX_YAML_DEPTH} levels of nesting, found more", here)
        if self.positions:
            self.values[here] = index
        self.stack.append(_OpenMapping({}, here) if mapping else _OpenSequence([], here))

    def _key(self, frame: _OpenMapping, key: str | None, index: int) -> None:
        """Record a mapping key that is empty, repeated, or read with positions; duplicates are
        errors, not 'last one wins', all of them reported (added to `duplicates`; the file is read
        on to find the others)."""
        if not self.positions:
            raise YamlProblem(1, 1, "")  # an empty or repeated key: parse_yaml reads again for the message
        if key is None or not isinstance(key, str):
            raise self.fail(index, "expected a key, found an empty key")
        if key in frame.node:
            self._repeated_key(frame.path, key, index)
        else:
            frame.node[key] = None  # replaced by the value when it arrives
            self.keys[(*frame.path, key)] = index
        frame.key = key

    def _repeated_key(self, path: FieldPath, key: str, index: int) -> None:
        """Note a key read twice in one mapping; raise once there are too many to go on."""
        first = self.lines.at(self.keys[(*path, key)])
        message = f"expected each key once, found '{key}' again (first on line {first.line})"
        duplicates = self.duplicates
        duplicates.append(self.fail(index, message, (*path, key)))
        if len(duplicates) > MAX_REPEATED_KEYS:
            duplicates[-1].message = f"expected each key once, found more than {MAX_REPEATED_KEYS} repeated"
            duplicates[0].more = duplicates[1:]
            raise duplicates[0]


def _syntax_problem(error: yaml.MarkedYAMLError, lines: _Lines) -> YamlProblem:
    """YAML that cannot be read, where the parser stopped, with what usually causes it."""
    mark = error.problem_mark or error.context_mark
    where = lines.at(mark.index) if mark else Position(1 + lines.line_offset, 1)
    indentation = _indentation_hint(error, lines) if "\t" not in lines.text else ""
    reason = indentation or f"a syntax error: {error.problem or error}{_syntax_hint(error, lines)}"
    return YamlProblem(where.line, where.column, f"expected valid YAML, found {reason}")


_TRAILING_COMMENT = re.compile(r"[ \t]+(#[^\n]*)")

_ANCHOR_MESSAGE = (
    "expected plain values, found a YAML anchor or alias (&name, *name): write the value out in full"
)


class _Lines:
    """Positions from a parser mark's character index, counting only LF as a line end.

    YAML also ends lines at U+2028, U+2029 and NEL (U+0085), which text pasted from the web can
    hold; editors and the rest of the engine do not, so the parser's own line numbers would point
    at the wrong line after one of them.
    """

    def __init__(self, text: str, line_offset: int):
        self.text, self.line_offset = text, line_offset

    @functools.cached_property
    def ends(self) -> list[int]:
        """The offset of every LF, found on first use: most files never need a position."""
        return [match.start() for match in re.finditer("\n", self.text)]

    def position(self, mark) -> Position:
        """The 1-based line and column of a parser mark, in the file's numbering."""
        return self.at(mark.index)

    def at(self, index: int) -> Position:
        """The 1-based line and column of a character offset, in the file's numbering."""
        index = min(max(index, 0), len(self.text))
        line = bisect.bisect_left(self.ends, index)
        start = self.ends[line - 1] + 1 if line else 0
        return Position(line + 1 + self.line_offset, index - start + 1)

    def line_text(self, mark) -> str:
        """The text of the mark's line, up to and including the mark's character."""
        index = min(max(mark.index, 0), len(self.text))
        line = bisect.bisect_left(self.ends, index)
        start = self.ends[line - 1] + 1 if line else 0
        return self.text[start : index + 1]


def _syntax_hint(error: yaml.MarkedYAMLError, lines: _Lines) -> str:
    """Say where the broken construct began, and name the usual mistake.

    PyYAML's own words ("found character that cannot start any token") tell a contributor neither
    that a tab or an unquoted ': ' is to blame, nor that the list left open began lines earlier.
    """
    hint = ""
    context, mark = error.context_mark, error.problem_mark
    if error.context:
        hint = f" ({error.context}"
        if context is not None and mark is not None:
            started = lines.position(context).line
            if started != lines.position(mark).line:
                hint += f" that starts on line {started}"
        hint += ")"
    if mark is not None:
        # A line separator pasted with web text breaks the line for YAML only: point at it.
        first = min(mark.index, context.index) if context is not None else mark.index
        start = lines.text.rfind("\n", 0, first) + 1
        separators = [lines.text.find(char, start, mark.index + 1) for char in "\u2028\u2029\x85"]
        separator = min((index for index in separators if index != -1), default=-1)
        if separator != -1:
            char = lines.text[separator]
            line = lines.text.count("\n", 0, separator) + 1 + lines.line_offset
            hint += (
                f"; line {line} holds an invisible line break U+{ord(char):04X} "
                f"({unicodedata.name(char, 'NEXT LINE')}): delete it"
            )
        elif "\t" in lines.line_text(mark):
            hint += "; indent with spaces, not tabs"
        elif "mapping values are not allowed" in (error.problem or ""):
            hint += "; put a value that contains ': ' in quotes"
    return hint


_INDENTATION_FAULTS = (
    "expected <block end>",
    "did not find expected",
    "mapping values are not allowed",
    "could not find expected ':'",
)


def _indentation_hint(error: yaml.MarkedYAMLError, lines: _Lines) -> str:
    """When the line PyYAML stopped at is indented to no level the lines above allow, say by how
    many spaces it is indented and by how many it should be, lining up with which line."""
    problem = error.problem or ""
    if error.problem_mark is None or not any(fault in problem for fault in _INDENTATION_FAULTS):
        return ""
    rows = lines.text.split("\n")
    row = lines.text.count("\n", 0, error.problem_mark.index)
    if row >= len(rows) or not rows[row].strip():
        return ""
    indent = _indent(rows[row])
    item = next((r for r in range(row - 1, -1, -1) if rows[r].strip() and _indent(rows[r]) <= indent), None)
    in_list = item is not None and _indent(rows[item]) == indent and rows[item].lstrip().startswith("- ")
    if in_list and not rows[row].lstrip().startswith("-"):
        return _not_an_item(rows, row, indent, lines.line_offset)
    levels = _levels_above(rows, row)
    if not levels or indent in levels:
        return ""
    level = min(levels, key=lambda candidate: (abs(candidate - indent), candidate < indent))
    other = levels[level]
    shown = rows[other].strip()[:40]
    allowed = ", ".join(map(str, sorted(levels)))
    return (
        f"a line indented wrongly: it is indented by {indent} space{'s' if indent != 1 else ''}, where "
        f"the lines above allow {allowed}; indent it by {level} to line up with line "
        f"{other + 1 + lines.line_offset} ({shown!r})"
    )


def _not_an_item(rows: list[str], row: int, indent: int, offset: int) -> str:
    """A line among a list's items that is no item ("  affiliation: x" after "  - Ms. Doe")."""
    parent = next((r for r in range(row - 1, -1, -1) if rows[r].strip() and _indent(rows[r]) < indent), None)
    if parent is None:
        return ""
    return (
        f"a line in a list that is not one of its items (it is indented like them, by {indent}); "
        f"to end the list, indent it by {_indent(rows[parent])} to line up with line {parent + 1 + offset} "
        f"({rows[parent].strip()[:40]!r}); to add an item, start it with '- '"
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _levels_above(rows: list[str], row: int) -> dict[int, int]:
    """The indentations a line after rows[:row] may have, each with the line that sets it: the
    previous line's, a list item's content, and those of the blocks it is inside."""
    levels: dict[int, int] = {}
    ceiling = None
    for other in range(row - 1, -1, -1):
        line = rows[other]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = _indent(line)
        if ceiling is not None and indent >= ceiling:
            continue
        if ceiling is None and line.rstrip().endswith(":"):
            return {}  # the line above opens a block: any deeper indentation may start it
        levels.setdefault(indent, other)
        content = line.lstrip(" ")
        while content.startswith("- "):  # "- text: ..." : the item's keys line up with "text"
            indent += 2 + _indent(content[2:])
            content = content[2:].lstrip(" ")
            if ceiling is None:
                levels.setdefault(indent, other)
        ceiling = _indent(line)
        if ceiling == 0:
            break
    return levels


def _reader_problem(text: str, error: yaml.reader.ReaderError, line_offset: int) -> YamlProblem:
    """A character YAML refuses (a control character), at its real line and column.

    PyYAML reports it as one multi-line message at a byte offset (libyaml) or a character offset
    (pure Python); the reader stops at the first such character, so its first occurrence is it.
    """
    char = chr(error.character) if isinstance(error.character, int) else str(error.character or "")
    offset = text.find(char) if char else -1
    if offset < 0:
        offset = min(max(error.position, 0), len(text))
    line = text.count("\n", 0, offset) + 1 + line_offset
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    name = unicodedata.name(char, "") if len(char) == 1 else ""
    described = f"U+{ord(char):04X}" + (f" ({name})" if name else "") if len(char) == 1 else repr(char)
    return YamlProblem(
        line, column, f"expected text without control characters, found the character {described}"
    )


def _path_of_next(frame: _Open | None) -> FieldPath:
    """The path the next value will have inside the innermost open container (`frame`)."""
    if frame is None:
        return ()
    if type(frame) is _OpenMapping:
        return (*frame.path, frame.key) if frame.key is not None else frame.path
    return (*frame.path, len(frame.node))
